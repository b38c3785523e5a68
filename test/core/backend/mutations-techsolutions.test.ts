import { describe, expect, it } from 'vitest';
import { readLicenseKey } from '../../../core/backend';
import { callbackSchema } from '../../../core/domain';
import type { MutationName, MutationOutcome } from '../../../core/protocol';
import { demoFixtures, expectRejected, lastSeq, type TestBackend, withTestBackend } from './helpers';

const ts = demoFixtures.techSolutions;
const partner = demoFixtures.partner;

describe('backend: TechSolutions mutations (T1–T5)', () => {
  let backend: TestBackend;
  let token: string;
  withTestBackend({ customers: 10 }, (started) => ({ backend, agent: token } = started));

  const rejected = (name: MutationName, args: unknown, code: string, message?: RegExp) =>
    expectRejected(backend, token, name, args, code, message);

  describe('billing.updateCard (T1)', () => {
    const card = { number: '4111 1111 1111 1111', expMonth: 12, expYear: 2027, cvc: '123', holderName: 'Marcus Hale', postalCode: '10118' };

    it('replaces the card, keeping brand and last four only', async () => {
      const customerId = ts.notSignedIn.customerId;
      const outcome = await backend.run(token, 'billing.updateCard', { customerId, card });
      expect(outcome).toMatchObject({
        status: 'applied',
        result: { brand: 'visa', last4: '1111', expMonth: 12, expYear: 2027, version: 1 },
      });
      const cards = await backend.records.byOwner(customerId, 'paymentMethod');
      expect(cards).toHaveLength(1);
      expect(cards[0]).toMatchObject({ brand: 'visa', last4: '1111', holderName: 'Marcus Hale' });
      expect(JSON.stringify(cards[0])).not.toContain('4111111111111111');
      expect(await backend.records.get('paymentMethod', ts.notSignedIn.paymentMethodId)).toBeUndefined();
    });

    it('refuses a bad number, an unknown brand, an expired card, a wrong CVC and an unknown customer', async () => {
      const customerId = ts.withSasKey.customerId;
      await rejected(
        'billing.updateCard',
        { customerId, card: { ...card, number: '4111 1111 1111 1112' } },
        'card_number_invalid',
        /not valid/,
      );
      await rejected(
        'billing.updateCard',
        { customerId, card: { ...card, number: '9999 9999 9999 9995' } },
        'card_brand_unknown',
        /not accepted/,
      );
      await rejected('billing.updateCard', { customerId, card: { ...card, expMonth: 1, expYear: 2025 } }, 'card_expired', /expired/);
      await rejected('billing.updateCard', { customerId, card: { ...card, cvc: '12' } }, 'cvc_invalid', /3 digits/);
      await rejected('billing.updateCard', { customerId: 'cust-nope', card }, 'not_found', /No customer/);
      expect(await backend.records.get('paymentMethod', ts.withSasKey.paymentMethodId)).toMatchObject({ last4: '4242' });
    });
  });

  describe('subscription.changePlan (T2)', () => {
    it('switches monthly to annual, effective when the paid period ends', async () => {
      const sub = await backend.records.get('subscription', ts.withoutSasKey.subscriptionId);
      const outcome = await backend.run(token, 'subscription.changePlan', {
        subscriptionId: ts.withoutSasKey.subscriptionId,
        baseVersion: 1,
        interval: 'annual',
      });
      expect(outcome).toMatchObject({
        status: 'applied',
        result: {
          planId: 'ts-plan-annual',
          interval: 'annual',
          effectiveDate: sub?.endDate,
          version: 2,
          price: { amount: 14999, currency: 'USD' },
        },
      });
      expect((outcome.result as { message: string }).message).toMatch(/takes effect on/);
    });

    it('refuses the current plan, a partner subscription and a stale version', async () => {
      await rejected(
        'subscription.changePlan',
        { subscriptionId: ts.withSasKey.subscriptionId, baseVersion: 1, interval: 'annual' },
        'plan_unchanged',
        /already on the Annual Plan/,
      );
      await rejected(
        'subscription.changePlan',
        { subscriptionId: partner.refundWindow.subscriptionId, baseVersion: 1, interval: 'annual' },
        'subscription_wrong_program',
      );
      await rejected(
        'subscription.changePlan',
        { subscriptionId: ts.withoutSasKey.subscriptionId, baseVersion: 1, interval: 'monthly' },
        'stale',
      );
    });

    it('refuses while auto-renewal is off (nothing renews, so the plan would never take effect), and changes nothing', async () => {
      const before = await backend.records.get('subscription', ts.autoRenewOff.subscriptionId);
      await rejected(
        'subscription.changePlan',
        { subscriptionId: ts.autoRenewOff.subscriptionId, baseVersion: 1, interval: 'monthly' },
        'auto_renew_off',
        /turn auto-renewal back on first/,
      );
      expect(await backend.records.get('subscription', ts.autoRenewOff.subscriptionId)).toEqual(before);
    });
  });

  describe('license.generate (T3)', () => {
    it('generates a key for a subscriber without one; the result shows it masked only', async () => {
      const outcome = await backend.run(token, 'license.generate', {
        customerId: ts.withoutSasKey.customerId,
        product: 'SUPERAntiSpyware',
      });
      expect(outcome.status).toBe('applied');
      const result = outcome.result as { licenseKeyId: string; maskedKey: string };
      expect(result.maskedKey).toMatch(/^••••-••••-••••-[A-Z0-9]{4}$/);
      // The key is kept apart from the synced record, which carries the same masked form.
      const key = await readLicenseKey(backend.storage, result.licenseKeyId);
      expect(key).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
      expect(JSON.stringify(outcome)).not.toContain(key);
      expect(await backend.records.get('licenseKey', result.licenseKeyId)).toEqual(
        expect.objectContaining({ maskedKey: result.maskedKey }),
      );
      expect(await backend.records.get('licenseKey', result.licenseKeyId)).not.toHaveProperty('key');
    });

    it('refuses when a key exists (Find Code instead) and for another program', async () => {
      await rejected(
        'license.generate',
        { customerId: ts.withSasKey.customerId, product: 'SUPERAntiSpyware' },
        'license_key_exists',
        /Find Code/,
      );
      await rejected('license.generate', { customerId: partner.refundWindow.customerId, product: 'SUPERAntiSpyware' }, 'wrong_program');
    });
  });

  describe('subscription.setAutoRenew (T4)', () => {
    it('turns auto-renewal off; the subscription stays active until its end date', async () => {
      const sub = await backend.records.get('subscription', ts.withSasKey.subscriptionId);
      const outcome = await backend.run(token, 'subscription.setAutoRenew', {
        subscriptionId: ts.withSasKey.subscriptionId,
        baseVersion: sub?.version,
        autoRenew: false,
      });
      expect(outcome).toMatchObject({ status: 'applied', result: { autoRenew: false, activeUntil: sub?.endDate } });
      expect((outcome.result as { message: string }).message).toMatch(/stays active until/);
      expect(await backend.records.get('subscription', ts.withSasKey.subscriptionId)).toMatchObject({ status: 'active', autoRenew: false });
    });

    it('accepts turning off what is already off without a new version (a replay must not fail)', async () => {
      const before = await lastSeq(backend);
      const outcome = await backend.run(token, 'subscription.setAutoRenew', {
        subscriptionId: ts.autoRenewOff.subscriptionId,
        baseVersion: 1,
        autoRenew: false,
      });
      expect(outcome).toMatchObject({ status: 'applied', result: { version: 1, autoRenew: false } });
      expect(await lastSeq(backend)).toBe(before);
    });

    it('refuses a cancelled subscription', async () => {
      const sub = await backend.records.get('subscription', ts.autoRenewOff.subscriptionId);
      if (!sub) throw new Error('fixture missing');
      const cancelled = await backend.records.put('subscription', { ...sub, status: 'cancelled' });
      await rejected(
        'subscription.setAutoRenew',
        { subscriptionId: sub.id, baseVersion: cancelled.version, autoRenew: true },
        'subscription_cancelled',
        /cancelled/,
      );
    });
  });

  describe('callback.schedule (T5)', () => {
    // The test clock is Wednesday 2025-03-12 15:00 UTC (08:00 in Los Angeles).
    const base = {
      customerId: ts.withSasKey.customerId,
      name: 'Olivia Bennett',
      phone: '(415) 555-0134',
      timeZone: 'America/Los_Angeles',
      reason: 'Printer stopped working',
    };

    it("schedules inside support hours in the customer's zone and sends a confirmation", async () => {
      const outcome = await backend.run(token, 'callback.schedule', { ...base, scheduledFor: '2025-03-13T17:00:00.000Z' });
      expect(outcome).toMatchObject({
        status: 'applied',
        result: { scheduledFor: '2025-03-13T17:00:00.000Z', localTime: expect.stringMatching(/Thursday, March 13, 2025 at 10:00 AM/) },
      });
      const { callbackId, messageId } = outcome.result as { callbackId: string; messageId: string };
      expect(await backend.records.get('callback', callbackId)).toMatchObject({
        phone: '+14155550134',
        status: 'scheduled',
        timeZone: 'America/Los_Angeles',
      });
      expect(await backend.records.get('message', messageId)).toMatchObject({
        kind: 'callback-confirmation',
        to: ts.withSasKey.email,
        relatedId: callbackId,
      });
    });

    it('records the agent who pushed it as the one who scheduled it (their reminder)', async () => {
      const supervisorToken = await backend.login('supervisor');
      const byAgent = await backend.run(token, 'callback.schedule', { ...base, scheduledFor: '2025-03-13T18:00:00.000Z' });
      const bySupervisor = await backend.run(supervisorToken, 'callback.schedule', { ...base, scheduledFor: '2025-03-13T19:00:00.000Z' });
      const idOf = (outcome: MutationOutcome) => (outcome.result as { callbackId: string }).callbackId;
      expect((await backend.records.get('callback', idOf(byAgent)))?.scheduledBy).toBe(demoFixtures.agents.agent.id);
      expect((await backend.records.get('callback', idOf(bySupervisor)))?.scheduledBy).toBe(demoFixtures.agents.supervisor.id);
      // Callbacks stored before `scheduledBy` existed still read.
      const { scheduledBy: _omitted, ...older } = (await backend.records.get('callback', idOf(byAgent))) ?? {};
      expect(callbackSchema.safeParse(older).success).toBe(true);
    });

    it('refuses a past time, a time outside support hours, a bad phone, no reason and a bad zone', async () => {
      await rejected(
        'callback.schedule',
        { ...base, scheduledFor: '2025-03-12T14:00:00.000Z' },
        'scheduled_time_in_past',
        /already passed/,
      );
      await rejected(
        'callback.schedule',
        { ...base, scheduledFor: '2025-03-15T18:00:00.000Z' },
        'outside_support_hours',
        /Saturday.*outside support hours/,
      );
      await rejected('callback.schedule', { ...base, scheduledFor: '2025-03-14T05:00:00.000Z' }, 'outside_support_hours');
      await rejected('callback.schedule', { ...base, phone: '12345', scheduledFor: '2025-03-13T17:00:00.000Z' }, 'phone_invalid');
      await rejected('callback.schedule', { ...base, reason: '  ', scheduledFor: '2025-03-13T17:00:00.000Z' }, 'reason_required');
      await rejected(
        'callback.schedule',
        { ...base, timeZone: 'Mars/Olympus', scheduledFor: '2025-03-13T17:00:00.000Z' },
        'time_zone_invalid',
      );
      await rejected('callback.schedule', { ...base, scheduledFor: 'tomorrow at ten' }, 'scheduled_time_invalid');
    });
  });
});
