import { describe, expect, it } from 'vitest';
import { hostingPlanIds, liveSessionPrices } from '../../../core/domain';
import type { MutationName } from '../../../core/protocol';
import { demoFixtures, expectRejected, type TestBackend, withTestBackend } from './helpers';

const hosting = demoFixtures.hosting;
const member = demoFixtures.member;

describe('backend: hosting and member portal mutations (H1, M1–M5)', () => {
  let backend: TestBackend;
  let token: string;
  withTestBackend({ customers: 10, tokenTtlMs: 7 * 86_400_000 }, (started) => ({ backend, agent: token } = started));

  const rejected = (name: MutationName, args: unknown, code: string, message?: RegExp) =>
    expectRejected(backend, token, name, args, code, message);

  describe('product.add (H1)', () => {
    const base = {
      customerId: hosting.customerOfResellerWithPrices.customerId,
      planId: hostingPlanIds.backup50,
      interval: 'monthly',
      reference: 'Office NAS',
    };

    it('adds the plan in provisioning, ready within four business hours of the reseller, and emails the customer', async () => {
      // Wednesday 15:00 UTC = 16:00 in Berlin: one business hour left today, three more from 9:00 Thursday.
      const outcome = await backend.run(token, 'product.add', { ...base, details: 'Nightly backup of the design share' });
      expect(outcome).toMatchObject({
        status: 'applied',
        result: { readyBy: '2025-03-13T11:00:00.000Z', price: { amount: 495, currency: 'EUR' } },
      });
      const { subscriptionId, messageId, message } = outcome.result as { subscriptionId: string; messageId: string; message: string };
      expect(message).toMatch(/four business hours/);
      expect(await backend.records.get('subscription', subscriptionId)).toMatchObject({
        program: 'hosting',
        status: 'provisioning',
        readyBy: '2025-03-13T11:00:00.000Z',
        reference: 'Office NAS',
        details: 'Nightly backup of the design share',
      });
      expect(await backend.records.get('message', messageId)).toMatchObject({
        kind: 'backup-activation',
        to: hosting.customerOfResellerWithPrices.email,
        relatedId: subscriptionId,
      });
    });

    it('cannot be suspended while provisioning, and becomes active once ready', async () => {
      const outcome = await backend.run(token, 'product.add', { ...base, reference: 'Laptop backup' });
      const { subscriptionId, readyBy } = outcome.result as { subscriptionId: string; readyBy: string };
      await rejected(
        'subscription.setStatus',
        { subscriptionId, baseVersion: 1, status: 'suspended' },
        'subscription_provisioning',
        /provisioned/,
      );

      await backend.pull(token, null, 1);
      expect((await backend.records.get('subscription', subscriptionId))?.status).toBe('provisioning');
      const saved = backend.clock.now;
      backend.clock.now = new Date(Date.parse(readyBy) + 1000);
      try {
        await backend.pull(token, null, 1);
      } finally {
        backend.clock.now = saved;
      }
      const active = await backend.records.get('subscription', subscriptionId);
      expect(active).toMatchObject({ status: 'active', version: 2 });
      expect(active && 'readyBy' in active).toBe(false);
    });

    it('refuses a plan whose prices the reseller has not set, with that reason', async () => {
      await rejected(
        'product.add',
        {
          ...base,
          customerId: hosting.customerOfResellerWithMissingPrices.customerId,
          planId: hosting.resellerWithMissingPrices.planWithoutPrices,
        },
        'backup_plan_price_not_set',
        /has not set a monthly price.*prices must be set/,
      );
      const priced = await backend.run(token, 'product.add', {
        ...base,
        customerId: hosting.customerOfResellerWithMissingPrices.customerId,
        planId: hosting.resellerWithMissingPrices.pricedPlan,
      });
      expect(priced.status).toBe('applied');
    });

    it('refuses an empty reference, an unknown plan, another program, and a disabled reseller', async () => {
      await rejected('product.add', { ...base, reference: '  ' }, 'reference_required', /reference/);
      await rejected('product.add', { ...base, planId: 'ts-plan-monthly' }, 'plan_unknown');
      await rejected('product.add', { ...base, customerId: demoFixtures.techSolutions.withSasKey.customerId }, 'wrong_program');
      const reseller = await backend.records.get('reseller', hosting.resellerWithPrices.resellerId);
      if (!reseller) throw new Error('fixture missing');
      await backend.records.put('reseller', { ...reseller, status: 'disabled' });
      await rejected('product.add', base, 'reseller_disabled', /disabled/);
    });
  });

  describe('portalUser.add (M1)', () => {
    const sp = member.singlePrimary;
    const base = {
      customerId: sp.customerId,
      requesterId: sp.primaryId,
      fullName: 'Ana  Souza',
      email: 'ana.souza@brightwater-clinic.example.com',
      level: 'primary',
    };

    it('lets a Primary add any level: invited, with an activation email', async () => {
      const outcome = await backend.run(token, 'portalUser.add', base);
      expect(outcome.status).toBe('applied');
      const { portalUserId, messageId } = outcome.result as { portalUserId: string; messageId: string };
      expect(await backend.records.get('portalUser', portalUserId)).toMatchObject({
        fullName: 'Ana Souza',
        level: 'primary',
        status: 'invited',
        activated: false,
      });
      expect(await backend.records.get('message', messageId)).toMatchObject({ kind: 'portal-activation', to: base.email });
    });

    it('lets a Manager add up to Manager, not Primary', async () => {
      const ok = await backend.run(token, 'portalUser.add', {
        ...base,
        requesterId: sp.managerId,
        email: 'x1@brightwater-clinic.example.com',
        level: 'manager',
      });
      expect(ok.status).toBe('applied');
      await rejected(
        'portalUser.add',
        { ...base, requesterId: sp.managerId, email: 'x2@brightwater-clinic.example.com' },
        'level_not_grantable',
        /up to Manager/,
      );
    });

    it('refuses other requesters and duplicates', async () => {
      await rejected('portalUser.add', { ...base, requesterId: sp.salesId, level: 'basic' }, 'requester_level_insufficient');
      await rejected('portalUser.add', { ...base, requesterId: sp.invitedId, level: 'basic' }, 'requester_not_active', /ACTIVATED/);
      await rejected('portalUser.add', { ...base, requesterId: member.notificationsOptedOut.optedOutUserId }, 'requester_not_in_company');
      await rejected('portalUser.add', { ...base, requesterId: 'pu-nobody' }, 'requester_not_found');
      await rejected('portalUser.add', { ...base, email: sp.primaryEmail }, 'portal_user_exists');
      await rejected('portalUser.add', { ...base, email: 'nope' }, 'email_invalid');
      await rejected('portalUser.add', { ...base, customerId: hosting.customerOfResellerWithPrices.customerId }, 'wrong_program');
    });
  });

  describe('portalUser.update (M2)', () => {
    const sp = member.singlePrimary;
    const v = async (id: string) => (await backend.records.get('portalUser', id))?.version ?? 0;

    it("lets a Manager change a staff member's level and deactivate them", async () => {
      const outcome = await backend.run(token, 'portalUser.update', {
        portalUserId: sp.salesId,
        baseVersion: await v(sp.salesId),
        requesterId: sp.managerId,
        level: 'it',
        status: 'deactivated',
      });
      expect(outcome.status).toBe('applied');
      expect(await backend.records.get('portalUser', sp.salesId)).toMatchObject({ level: 'it', status: 'deactivated' });
    });

    it('refuses a Manager changing a Primary, removing the last Primary, and a stale version', async () => {
      const notify = member.notificationsOptedOut;
      await rejected(
        'portalUser.update',
        { portalUserId: sp.primaryId, baseVersion: await v(sp.primaryId), requesterId: sp.managerId, level: 'manager' },
        'cannot_change_primary',
      );
      await rejected(
        'portalUser.update',
        {
          portalUserId: notify.optedOutUserId,
          baseVersion: await v(notify.optedOutUserId),
          requesterId: notify.optedOutUserId,
          level: 'manager',
        },
        'last_primary',
        /only active Primary/,
      );
      await rejected(
        'portalUser.update',
        { portalUserId: sp.managerId, baseVersion: 99, requesterId: sp.primaryId, level: 'basic' },
        'stale',
      );
    });
  });

  describe('portalUser.sendActivation / sendPasswordReset (M3)', () => {
    const sp = member.singlePrimary;
    it('resends activation to a never-activated account and a reset to an activated one', async () => {
      const activation = await backend.run(token, 'portalUser.sendActivation', { portalUserId: sp.invitedId });
      expect(activation.status).toBe('applied');
      expect(await backend.records.get('message', (activation.result as { messageId: string }).messageId)).toMatchObject({
        kind: 'portal-activation',
      });
      const reset = await backend.run(token, 'portalUser.sendPasswordReset', { portalUserId: sp.managerId });
      expect(await backend.records.get('message', (reset.result as { messageId: string }).messageId)).toMatchObject({
        kind: 'password-reset',
        to: 'rafael.ortiz@brightwater-clinic.example.com',
      });
    });
    it("refuses the wrong email for the account's state", async () => {
      await rejected('portalUser.sendPasswordReset', { portalUserId: sp.invitedId }, 'not_activated', /forgot password will not work/);
      await rejected('portalUser.sendActivation', { portalUserId: sp.managerId }, 'already_activated');
      await rejected(
        'portalUser.sendPasswordReset',
        { portalUserId: member.notificationsOptedOut.deactivatedUserId },
        'portal_user_deactivated',
      );
    });
  });

  describe('liveSession.book (M5)', () => {
    const sp = member.singlePrimary;
    const base = {
      customerId: sp.customerId,
      portalUserId: sp.managerId,
      scheduledFor: '2025-03-13T16:00:00.000Z',
      timeZone: 'America/Chicago',
      topic: 'Installation on the front-desk PCs',
    };

    it('books free inside the initial support period, with a coupon or without one (issue 19 item 4)', async () => {
      const free = await backend.run(token, 'liveSession.book', { ...base, couponCode: 'bw-2025-free' });
      expect(free).toMatchObject({ status: 'applied', result: { pricing: 'free', price: { amount: 0 } } });
      const session = await backend.records.get('liveSession', (free.result as { liveSessionId: string }).liveSessionId);
      expect(session).toMatchObject({ couponCode: 'BW-2025-FREE', portalUserId: sp.managerId, status: 'scheduled' });
      const withoutCoupon = await backend.run(token, 'liveSession.book', base);
      expect(withoutCoupon).toMatchObject({ status: 'applied', result: { pricing: 'free', price: { amount: 0 } } });
      const stored = await backend.records.get('liveSession', (withoutCoupon.result as { liveSessionId: string }).liveSessionId);
      expect(stored).toMatchObject({ pricing: 'free', price: { amount: 0 } });
      const message = await backend.records.get('message', (withoutCoupon.result as { messageId: string }).messageId);
      expect(message?.body).toContain('free, within the initial support period');
    });

    /** A booking for a customer whose initial support period is over. */
    const afterSupportPeriod = {
      customerId: member.notificationsOptedOut.customerId,
      portalUserId: member.notificationsOptedOut.optedOutUserId,
      scheduledFor: '2025-03-13T23:00:00.000Z',
      timeZone: 'Australia/Sydney',
      topic: 'Training',
    };

    it("after the initial support period, charges the catalogue's standard price without a coupon", async () => {
      const outcome = await backend.run(token, 'liveSession.book', afterSupportPeriod);
      expect(outcome).toMatchObject({ status: 'applied', result: { pricing: 'standard', price: liveSessionPrices.standard } });
    });

    it('books discounted with a coupon after the initial support period', async () => {
      const outcome = await backend.run(token, 'liveSession.book', { ...afterSupportPeriod, couponCode: 'RIDGE-10' });
      expect(outcome).toMatchObject({ status: 'applied', result: { pricing: 'discounted' } });
    });

    it('refuses a booker without an activated account of the company, and a time outside support hours', async () => {
      await rejected('liveSession.book', { ...base, portalUserId: sp.invitedId }, 'portal_account_not_activated');
      await rejected(
        'liveSession.book',
        { ...base, portalUserId: member.notificationsOptedOut.optedOutUserId },
        'portal_account_required',
        /must have a portal account/,
      );
      await rejected('liveSession.book', { ...base, scheduledFor: '2025-03-16T16:00:00.000Z' }, 'outside_support_hours');
      await rejected('liveSession.book', { ...base, couponCode: 'no spaces!' }, 'coupon_code_invalid');
    });
  });
});
