// Member support portal accounts (seed 004): M1 add staff, M2 change level or deactivate,
// M3 sign-in help, and the standing warnings on a member company.
import { permissionLevelLabels, permissionLevels, permissionRank, type PermissionLevel, type PortalUser } from '../records';
import { validateEmail } from './fields/email';
import { fail, pass, type RuleCode, type RuleResult } from './result';

/**
 * Who may be given which level: "Members with Primary or Manager permission levels may
 * send a request to add staff", and the matrix's "(to Manager level)" on the Manager
 * column: a Manager grants up to Manager, a Primary any level, the rest none.
 */
export function grantableLevels(requesterLevel: PermissionLevel): readonly PermissionLevel[] {
  if (requesterLevel === 'primary') return permissionLevels;
  if (requesterLevel === 'manager') return permissionLevels.filter((l) => permissionRank(l) <= permissionRank('manager'));
  return [];
}

/** "Please ensure account is ACTIVATED": the requester is an active, activated Primary or Manager of THIS company. */
export function checkRequester(requester: PortalUser | undefined, customerId: string): RuleResult<{ requester: PortalUser }> {
  if (!requester) {
    return fail(
      'requester_not_found',
      'The caller has no portal account. Only a Primary/Owner or Manager/Supervisor of the company can request staff accounts.',
      'requesterId',
    );
  }
  if (requester.customerId !== customerId) {
    return fail(
      'requester_not_in_company',
      `${requester.fullName} is not a portal member of this company, so cannot request changes to its accounts.`,
      'requesterId',
    );
  }
  if (requester.status !== 'active' || !requester.activated) {
    return fail(
      'requester_not_active',
      `${requester.fullName}'s portal account is ${requester.status === 'deactivated' ? 'deactivated' : 'not activated yet'}. The requester's account must be ACTIVATED.`,
      'requesterId',
    );
  }
  if (grantableLevels(requester.level).length === 0) {
    return fail(
      'requester_level_insufficient',
      `${requester.fullName} is ${permissionLevelLabels[requester.level]}. Only a Primary/Owner or Manager/Supervisor may request staff accounts and set permission levels.`,
      'requesterId',
    );
  }
  return pass({ requester });
}

function checkGrant(requester: PortalUser, level: string): RuleResult<{ level: PermissionLevel }> {
  const known = (permissionLevels as readonly string[]).includes(level);
  if (!known || !grantableLevels(requester.level).includes(level as PermissionLevel)) {
    const label = known ? permissionLevelLabels[level as PermissionLevel] : level;
    return fail(
      'level_not_grantable',
      `A ${permissionLevelLabels[requester.level]} cannot grant ${label}. A Manager/Supervisor may grant levels up to Manager/Supervisor; only a Primary/Owner may grant Primary/Owner.`,
      'level',
    );
  }
  return pass({ level: level as PermissionLevel });
}

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** M1. `companyUsers` are the company's existing portal accounts (to refuse a second account for one email). */
export function checkAddPortalUser(
  input: Readonly<{
    requester: PortalUser | undefined;
    customerId: string;
    fullName: string;
    email: string;
    level: string;
    companyUsers: readonly PortalUser[];
  }>,
): RuleResult<{ fullName: string; email: string; level: PermissionLevel; message: string }> {
  const requester = checkRequester(input.requester, input.customerId);
  if (!requester.ok) return requester;
  const fullName = input.fullName.trim().replace(/\s+/g, ' ');
  if (fullName === '') return fail('name_required', "The staff member's full name is required.", 'fullName');
  const email = validateEmail(input.email);
  if (!email.ok) return email;
  const grant = checkGrant(requester.requester, input.level);
  if (!grant.ok) return grant;
  const existing = input.companyUsers.find(
    (u) => u.customerId === input.customerId && u.status !== 'deactivated' && sameEmail(u.email, email.email),
  );
  if (existing) {
    return fail(
      'portal_user_exists',
      `${email.email} already has a portal account with this company (${existing.fullName}, ${existing.status}).`,
      'email',
    );
  }
  return pass({
    fullName,
    email: email.email,
    level: grant.level,
    message: `${fullName} will be added as ${permissionLevelLabels[grant.level]} and sent an activation email to create a password to login online. Staff members should never share logins.`,
  });
}

function activePrimaries(users: readonly PortalUser[], customerId: string): PortalUser[] {
  return users.filter((u) => u.customerId === customerId && u.level === 'primary' && u.status === 'active');
}

/**
 * M2, with M1's requester rules; a Manager cannot change or deactivate a Primary. Setting
 * status 'active' reactivates a deactivated account (it comes back 'invited' if it was
 * never activated). The company's last active Primary cannot be demoted or deactivated.
 */
export function checkUpdatePortalUser(
  input: Readonly<{
    requester: PortalUser | undefined;
    target: PortalUser;
    level?: string | undefined;
    status?: 'active' | 'deactivated' | undefined;
    companyUsers: readonly PortalUser[];
  }>,
): RuleResult<{ level: PermissionLevel; status: PortalUser['status']; changedFields: ('level' | 'status')[]; message: string }> {
  const { target } = input;
  if (input.requester && input.requester.customerId !== target.customerId) {
    return fail('target_not_in_company', `${target.fullName} is not a portal member of the requester's company.`, 'portalUserId');
  }
  const requester = checkRequester(input.requester, target.customerId);
  if (!requester.ok) return requester;
  if (input.level === undefined && input.status === undefined) return fail('nothing_to_change', 'Choose a new permission level or status.');
  if (target.level === 'primary' && requester.requester.level !== 'primary') {
    return fail(
      'cannot_change_primary',
      `${target.fullName} is Primary/Owner. Only a Primary/Owner can change or deactivate a Primary/Owner account.`,
      'portalUserId',
    );
  }
  let level = target.level;
  if (input.level !== undefined) {
    const grant = checkGrant(requester.requester, input.level);
    if (!grant.ok) return grant;
    level = grant.level;
  }
  let status = target.status;
  if (input.status === 'deactivated') status = 'deactivated';
  if (input.status === 'active' && target.status === 'deactivated') status = target.activated ? 'active' : 'invited';

  const losesPrimary = target.level === 'primary' && target.status === 'active' && (level !== 'primary' || status !== 'active');
  if (losesPrimary && activePrimaries(input.companyUsers, target.customerId).filter((u) => u.id !== target.id).length === 0) {
    return fail(
      'last_primary',
      `${target.fullName} is the company's only active Primary/Owner. Add another Primary/Owner first; we recommend more than one.`,
      'portalUserId',
    );
  }
  const changedFields = [...(level !== target.level ? ['level' as const] : []), ...(status !== target.status ? ['status' as const] : [])];
  if (changedFields.length === 0)
    return fail('nothing_to_change', `${target.fullName} is already ${permissionLevelLabels[level]} and ${status}.`);
  const parts = [
    ...(level !== target.level ? [`now ${permissionLevelLabels[level]}`] : []),
    ...(status !== target.status ? [status === 'deactivated' ? 'deactivated' : `reactivated (${status})`] : []),
  ];
  return pass({ level, status, changedFields, message: `${target.fullName}'s portal account is ${parts.join(' and ')}.` });
}

export type SignInHelp = { action: 'send-activation' | 'send-password-reset'; message: string };

/**
 * M3: "The forgot password will not work if a password has not been created." A
 * never-activated account gets the activation email again; an activated one a password reset.
 */
export function signInHelpFor(user: PortalUser): RuleResult<SignInHelp> {
  if (user.status === 'deactivated') {
    return fail(
      'portal_user_deactivated',
      `${user.fullName}'s portal account is deactivated. A Primary/Owner or Manager/Supervisor of the company must reactivate it first.`,
    );
  }
  if (!user.activated) {
    return pass({
      action: 'send-activation' as const,
      message: `${user.fullName} has not activated the account yet, so the forgot-password link cannot work. Resend the activation email so they can create a password.`,
    });
  }
  return pass({ action: 'send-password-reset' as const, message: `Send ${user.fullName} a password reset email.` });
}

export function checkSendActivation(user: PortalUser): RuleResult<SignInHelp> {
  const help = signInHelpFor(user);
  if (help.ok && help.action !== 'send-activation') {
    return fail(
      'already_activated',
      `${user.fullName} has already activated the account and created a password. Send a password reset instead.`,
    );
  }
  return help;
}

export function checkSendPasswordReset(user: PortalUser): RuleResult<SignInHelp> {
  const help = signInHelpFor(user);
  if (help.ok && help.action !== 'send-password-reset') {
    return fail(
      'not_activated',
      `${user.fullName} never activated the account: the forgot password will not work if a password has not been created. Resend the activation email instead.`,
    );
  }
  return help;
}

export type MemberWarning = Readonly<{
  code: Extract<RuleCode, 'no_primary' | 'single_primary' | 'notifications_uncovered'>;
  message: string;
  userIds: readonly string[];
}>;

export const warningCodes = ['no_primary', 'single_primary', 'notifications_uncovered'] as const satisfies readonly MemberWarning['code'][];

/**
 * Standing warnings shown on a member company, from its portal accounts. Only active
 * (activated, not deactivated) accounts count: an invitation nobody accepted covers nothing.
 * - "We recommend that your company have more than one Primary portal member."
 * - "If you Opt Out we recommend having at least one valid account still able to receive notifications."
 */
export function memberCompanyWarnings(users: readonly PortalUser[]): MemberWarning[] {
  const active = users.filter((u) => u.status === 'active');
  const warnings: MemberWarning[] = [];
  const primaries = active.filter((u) => u.level === 'primary');
  if (primaries.length === 0) {
    warnings.push({
      code: 'no_primary',
      message: 'This company has no active Primary/Owner portal account. We recommend more than one.',
      userIds: [],
    });
  } else if (primaries.length === 1) {
    const only = primaries[0]!;
    warnings.push({
      code: 'single_primary',
      message: `${only.fullName} is the only Primary/Owner. We recommend that the company have more than one Primary portal member.`,
      userIds: [only.id],
    });
  }
  const optedOut = active.filter((u) => u.notificationsOptOut);
  if (optedOut.length > 0 && active.every((u) => u.notificationsOptOut)) {
    warnings.push({
      code: 'notifications_uncovered',
      message: `${optedOut.map((u) => u.fullName).join(', ')} opted out of update notifications and no other active account of the company receives them, so nobody will be notified when an update is available. We recommend at least one account still receiving notifications.`,
      userIds: optedOut.map((u) => u.id),
    });
  }
  return warnings;
}
