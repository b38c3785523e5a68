import { describe, expect, it } from 'vitest';
import {
  checkAddPortalUser,
  checkRequester,
  checkSendActivation,
  checkSendPasswordReset,
  checkUpdatePortalUser,
  grantableLevels,
  memberCompanyWarnings,
  signInHelpFor,
  type PortalUser,
} from '../../../../core/domain';
import { portalUser } from '../fixtures';

const user = (id: string, over: Partial<PortalUser>): PortalUser => ({
  ...portalUser,
  id,
  email: `${id}@member.example`,
  fullName: id,
  ...over,
});
const primary = user('pat', { level: 'primary' });
const primary2 = user('quinn', { level: 'primary' });
const manager = user('max', { level: 'manager' });
const basic = user('bo', { level: 'basic' });
const invitedManager = user('ivy', { level: 'manager', status: 'invited', activated: false });
const company = [primary, manager, basic, invitedManager];

describe('requester rules', () => {
  it('a Manager may grant up to Manager, a Primary any level, others none', () => {
    expect(grantableLevels('manager')).toEqual(['basic', 'sales', 'it', 'manager']);
    expect(grantableLevels('primary')).toEqual(['basic', 'sales', 'it', 'manager', 'primary']);
    expect(grantableLevels('it')).toEqual([]);
  });

  it('the requester must be an activated Primary or Manager of that company', () => {
    expect(checkRequester(manager, 'cus_m').ok).toBe(true);
    expect(checkRequester(undefined, 'cus_m')).toMatchObject({ ok: false, code: 'requester_not_found' });
    expect(checkRequester(manager, 'cus_other')).toMatchObject({ ok: false, code: 'requester_not_in_company' });
    expect(checkRequester(invitedManager, 'cus_m')).toMatchObject({ ok: false, code: 'requester_not_active' });
    expect(checkRequester({ ...manager, status: 'deactivated' }, 'cus_m')).toMatchObject({ ok: false, code: 'requester_not_active' });
    expect(checkRequester(basic, 'cus_m')).toMatchObject({ ok: false, code: 'requester_level_insufficient' });
  });
});

describe('M1 add a staff portal account', () => {
  const add = { customerId: 'cus_m', fullName: ' New  Person ', email: 'new@Member.Example', level: 'manager', companyUsers: company };

  it('lets a Manager add up to Manager, with the never-share talk track', () => {
    const result = checkAddPortalUser({ ...add, requester: manager });
    expect(result).toMatchObject({ ok: true, fullName: 'New Person', email: 'new@member.example', level: 'manager' });
    if (result.ok) expect(result.message).toContain('Staff members should never share logins.');
  });

  it('refuses a Manager granting Primary, but lets a Primary', () => {
    expect(checkAddPortalUser({ ...add, requester: manager, level: 'primary' })).toMatchObject({ ok: false, code: 'level_not_grantable' });
    expect(checkAddPortalUser({ ...add, requester: primary, level: 'primary' })).toMatchObject({ ok: true, level: 'primary' });
  });

  it('refuses bad input and a second account for the same email', () => {
    expect(checkAddPortalUser({ ...add, requester: basic })).toMatchObject({ ok: false, code: 'requester_level_insufficient' });
    expect(checkAddPortalUser({ ...add, requester: primary, fullName: '' })).toMatchObject({ ok: false, code: 'name_required' });
    expect(checkAddPortalUser({ ...add, requester: primary, email: 'nope' })).toMatchObject({ ok: false, code: 'email_invalid' });
    expect(checkAddPortalUser({ ...add, requester: primary, level: 'admin' })).toMatchObject({ ok: false, code: 'level_not_grantable' });
    expect(checkAddPortalUser({ ...add, requester: primary, email: 'BO@member.example' })).toMatchObject({
      ok: false,
      code: 'portal_user_exists',
    });
  });
});

describe('M2 change level or deactivate', () => {
  const companyUsers = [primary, primary2, manager, basic];

  it('lets a Manager change a Basic up to Manager, or deactivate them', () => {
    expect(checkUpdatePortalUser({ requester: manager, target: basic, level: 'it', companyUsers })).toMatchObject({
      ok: true,
      level: 'it',
      changedFields: ['level'],
    });
    expect(checkUpdatePortalUser({ requester: manager, target: basic, status: 'deactivated', companyUsers })).toMatchObject({
      ok: true,
      status: 'deactivated',
    });
  });

  it('a Manager cannot change or deactivate a Primary, nor grant Primary', () => {
    expect(checkUpdatePortalUser({ requester: manager, target: primary, status: 'deactivated', companyUsers })).toMatchObject({
      ok: false,
      code: 'cannot_change_primary',
    });
    expect(checkUpdatePortalUser({ requester: manager, target: basic, level: 'primary', companyUsers })).toMatchObject({
      ok: false,
      code: 'level_not_grantable',
    });
  });

  it('a Primary may demote another Primary, but not the last one', () => {
    expect(checkUpdatePortalUser({ requester: primary, target: primary2, level: 'manager', companyUsers })).toMatchObject({ ok: true });
    expect(
      checkUpdatePortalUser({ requester: primary, target: primary, status: 'deactivated', companyUsers: [primary, manager] }),
    ).toMatchObject({ ok: false, code: 'last_primary' });
  });

  it('reactivates to invited when never activated', () => {
    const gone = user('gus', { level: 'basic', status: 'deactivated', activated: false });
    expect(checkUpdatePortalUser({ requester: primary, target: gone, status: 'active', companyUsers })).toMatchObject({
      ok: true,
      status: 'invited',
    });
    expect(
      checkUpdatePortalUser({ requester: primary, target: { ...gone, activated: true }, status: 'active', companyUsers }),
    ).toMatchObject({ ok: true, status: 'active' });
  });

  it('refuses no-ops and other companies', () => {
    expect(checkUpdatePortalUser({ requester: primary, target: basic, companyUsers })).toMatchObject({
      ok: false,
      code: 'nothing_to_change',
    });
    expect(checkUpdatePortalUser({ requester: primary, target: basic, level: 'basic', companyUsers })).toMatchObject({
      ok: false,
      code: 'nothing_to_change',
    });
    expect(
      checkUpdatePortalUser({ requester: primary, target: { ...basic, customerId: 'cus_other' }, level: 'it', companyUsers }),
    ).toMatchObject({ ok: false, code: 'target_not_in_company' });
  });
});

describe('M3 activation versus password reset', () => {
  it('a never-activated user gets the activation email', () => {
    expect(signInHelpFor(invitedManager)).toMatchObject({ ok: true, action: 'send-activation' });
    expect(checkSendActivation(invitedManager)).toMatchObject({ ok: true });
    const reset = checkSendPasswordReset(invitedManager);
    expect(reset).toMatchObject({ ok: false, code: 'not_activated' });
    if (!reset.ok) expect(reset.message).toContain('forgot password will not work if a password has not been created');
  });

  it('an activated user gets a password reset', () => {
    expect(signInHelpFor(manager)).toMatchObject({ ok: true, action: 'send-password-reset' });
    expect(checkSendPasswordReset(manager)).toMatchObject({ ok: true });
    expect(checkSendActivation(manager)).toMatchObject({ ok: false, code: 'already_activated' });
  });

  it('a deactivated user gets neither', () => {
    expect(signInHelpFor({ ...manager, status: 'deactivated' })).toMatchObject({ ok: false, code: 'portal_user_deactivated' });
  });
});

describe('standing warnings on a member company', () => {
  it('warns about a single Primary, and about none', () => {
    expect(memberCompanyWarnings(company)).toEqual([expect.objectContaining({ code: 'single_primary', userIds: ['pat'] })]);
    expect(memberCompanyWarnings([primary, primary2, manager])).toEqual([]);
    expect(memberCompanyWarnings([manager]).map((w) => w.code)).toEqual(['no_primary']);
  });

  it('warns when opted-out users leave nobody receiving update notices', () => {
    const optedOut = [
      { ...primary, notificationsOptOut: true },
      { ...primary2, notificationsOptOut: true },
    ];
    expect(memberCompanyWarnings(optedOut)).toEqual([
      expect.objectContaining({ code: 'notifications_uncovered', userIds: ['pat', 'quinn'] }),
    ]);
    // An invited account receives nothing yet, so it does not cover them.
    expect(memberCompanyWarnings([...optedOut, invitedManager]).map((w) => w.code)).toEqual(['notifications_uncovered']);
    expect(memberCompanyWarnings([...optedOut, manager])).toEqual([]);
  });
});
