import { describe, expect, it } from 'vitest';
import { hostingPlanIds, parseRecord, partnerProductIds, techSolutionsPlanIds } from '../../../core/domain';
import type { MutationName } from '../../../core/protocol';
import { demoFixtures, expectRejected, lastSeq, type TestBackend, testEpoch, withTestBackend } from './helpers';

const pp = demoFixtures.partner;

describe('backend: partner platform mutations (P1–P7)', () => {
  let backend: TestBackend;
  let agent: string;
  let supervisor: string;
  withTestBackend({ customers: 10 }, (started) => ({ backend, agent, supervisor } = started));

  const rejected = (name: MutationName, args: unknown, code: string, message?: RegExp, token = agent) =>
    expectRejected(backend, token, name, args, code, message);
  const version = async (type: 'customer' | 'subscription' | 'reseller', id: string) => (await backend.records.get(type, id))?.version ?? 0;

  describe('customer.updateDetails (P1)', () => {
    const customerId = pp.suspendedSubscription.customerId;

    it('saves validated, normalised fields and the managing reseller', async () => {
      const outcome = await backend.run(agent, 'customer.updateDetails', {
        customerId,
        baseVersion: await version('customer', customerId),
        changes: {
          contactPhone: '0131 496 0000',
          contactEmail: 'Ewan@QuillFeather.example.COM',
          address: { postalCode: 'eh2 2ad' },
          resellerId: pp.disabledReseller.resellerId,
        },
      });
      expect(outcome).toMatchObject({ status: 'applied', result: { customerId, version: 2 } });
      expect(await backend.records.get('customer', customerId)).toMatchObject({
        contactPhone: '+441314960000',
        contactEmail: 'Ewan@quillfeather.example.com',
        address: { postalCode: 'EH2 2AD', country: 'GB' },
        resellerId: pp.disabledReseller.resellerId,
      });
    });

    it('refuses bad fields with one error per field, a stale version, an unknown reseller, and no change', async () => {
      const baseVersion = await version('customer', customerId);
      const outcome = await rejected(
        'customer.updateDetails',
        {
          customerId,
          baseVersion,
          changes: { contactEmail: 'not-an-email', address: { country: 'US', postalCode: 'EH2 2AD' } },
        },
        'details_invalid',
      );
      expect(outcome.result).toMatchObject({
        fieldErrors: { contactEmail: { code: 'email_invalid' }, 'address.postalCode': { code: 'postal_code_invalid' } },
      });
      await rejected('customer.updateDetails', { customerId, baseVersion: baseVersion - 1, changes: { contactName: 'X' } }, 'stale');
      await rejected('customer.updateDetails', { customerId, baseVersion, changes: { resellerId: 'res-nope' } }, 'not_found', /reseller/);
      await rejected('customer.updateDetails', { customerId, baseVersion, changes: { contactName: 'Ewan MacLeod' } }, 'nothing_to_change');
    });
  });

  describe('subscription.add (P2)', () => {
    const customerId = pp.refundWindow.customerId;
    const base = {
      customerId,
      productId: partnerProductIds.dvSsl,
      termMonths: 12,
      clmTier: 'essentials',
      items: [{ productId: partnerProductIds.dvSsl, quantity: 10 }],
      renewal: 'one-time',
    };

    it('adds a subscription with its charge and transaction; a backdated start is prorated', async () => {
      const full = await backend.run(agent, 'subscription.add', { ...base, referenceId: 'PO-7781' });
      expect(full).toMatchObject({
        status: 'applied',
        result: { startDate: '2025-03-12', endDate: '2026-03-12', charge: { amount: 49000, currency: 'USD' } },
      });
      const { subscriptionId, transactionId } = full.result as { subscriptionId: string; transactionId: string };
      expect(await backend.records.get('subscription', subscriptionId)).toMatchObject({
        program: 'partner',
        status: 'active',
        autoRenew: false,
        currentInventory: [{ productId: partnerProductIds.dvSsl, quantity: 10 }],
        referenceId: 'PO-7781',
      });
      expect(await backend.records.get('transaction', transactionId)).toMatchObject({
        total: { amount: 49000 },
        subscriptionId,
        referenceId: 'PO-7781',
      });

      const backdated = await backend.run(agent, 'subscription.add', { ...base, startDate: '2024-09-12' });
      const charge = (backdated.result as { charge: { amount: number } }).charge.amount;
      expect(backdated.status).toBe('applied');
      expect(charge).toBeGreaterThan(20000);
      expect(charge).toBeLessThan(49000);
    });

    it('needs the ECA acceptor email where the product requires it', async () => {
      const eca = {
        ...base,
        productId: partnerProductIds.enterpriseSsl,
        items: [{ productId: partnerProductIds.enterpriseSsl, quantity: 1 }],
      };
      await rejected('subscription.add', eca, 'eca_email_required', /Enterprise Certificate Agreement/);
      const ok = await backend.run(agent, 'subscription.add', { ...eca, ecaEmail: 'legal@harborlight.example.com' });
      expect(ok.status).toBe('applied');
    });

    it('refuses a backdate beyond term minus one day, a future start, a bad term, tier, product, quantity, or program', async () => {
      await rejected('subscription.add', { ...base, startDate: '2024-03-12' }, 'start_date_too_early', /2024-03-13/);
      await backend.run(agent, 'subscription.add', { ...base, startDate: '2024-03-13' }).then((o) => expect(o.status).toBe('applied'));
      await rejected('subscription.add', { ...base, startDate: '2025-04-01' }, 'start_date_in_future');
      await rejected('subscription.add', { ...base, termMonths: 18 }, 'term_invalid');
      await rejected('subscription.add', { ...base, clmTier: 'platinum' }, 'clm_tier_invalid');
      await rejected('subscription.add', { ...base, items: [] }, 'inventory_empty');
      await rejected(
        'subscription.add',
        { ...base, items: [{ productId: partnerProductIds.dvSsl, quantity: 0 }] },
        'inventory_quantity_invalid',
      );
      await rejected('subscription.add', { ...base, productId: 'pp-nope' }, 'product_unknown');
      await rejected('subscription.add', { ...base, customerId: demoFixtures.techSolutions.withSasKey.customerId }, 'wrong_program');
    });
  });

  describe('subscription.updateInventory (P3)', () => {
    const subscriptionId = pp.refundWindow.subscriptionId;
    const ov = partnerProductIds.ovSsl;

    it('adds current inventory with a prorated charge on the next invoice', async () => {
      const outcome = await backend.run(agent, 'subscription.updateInventory', {
        subscriptionId,
        baseVersion: await version('subscription', subscriptionId),
        target: 'current',
        items: [{ productId: ov, quantity: 25 }],
        referenceId: 'PO-1',
      });
      expect(outcome).toMatchObject({ status: 'applied', result: { target: 'current', transactionId: expect.any(String) } });
      const charge = (outcome.result as { charge: { amount: number } }).charge.amount;
      expect(charge).toBeGreaterThan(0);
      expect(charge).toBeLessThan(5 * 9900);
      expect(await backend.records.get('subscription', subscriptionId)).toMatchObject({
        currentInventory: [{ productId: ov, quantity: 25 }],
        renewalInventory: [{ productId: ov, quantity: 20 }],
      });
    });

    it('changes renewal inventory without a charge, removing a product with quantity 0', async () => {
      const outcome = await backend.run(agent, 'subscription.updateInventory', {
        subscriptionId,
        baseVersion: await version('subscription', subscriptionId),
        target: 'renewal',
        items: [
          { productId: ov, quantity: 0 },
          { productId: partnerProductIds.evSsl, quantity: 2 },
        ],
      });
      expect(outcome).toMatchObject({ status: 'applied', result: { target: 'renewal', charge: { amount: 0 } } });
      expect(await backend.records.get('subscription', subscriptionId)).toMatchObject({
        renewalInventory: [{ productId: partnerProductIds.evSsl, quantity: 2 }],
      });
    });

    it('keeps a renewal-inventory change’s Reference ID on the subscription, where the next pull brings it to every console', async () => {
      const before = await lastSeq(backend);
      const outcome = await backend.run(agent, 'subscription.updateInventory', {
        subscriptionId,
        baseVersion: await version('subscription', subscriptionId),
        target: 'renewal',
        items: [{ productId: partnerProductIds.evSsl, quantity: 3 }],
        referenceId: ' PO-REN-7 ',
      });
      expect(outcome).toMatchObject({ status: 'applied', result: { target: 'renewal' } });
      // The subscription's own Reference ID (given when it was added) is a different order's: it stays.
      expect(await backend.records.get('subscription', subscriptionId)).toMatchObject({
        referenceId: 'HL-2024-OPS',
        renewalReferenceId: 'PO-REN-7',
      });
      const page = await backend.pull(agent, null);
      if ('reset' in page) throw new Error('unexpected reset');
      const change = page.changes.find((c) => c.type === 'subscription' && c.id === subscriptionId);
      expect(change?.seq).toBeGreaterThan(before);
      expect(parseRecord('subscription', change?.data)).toMatchObject({ success: true, data: { renewalReferenceId: 'PO-REN-7' } });
      // A later change without one does not erase it: the reference stays until another is given.
      await backend.run(agent, 'subscription.updateInventory', {
        subscriptionId,
        baseVersion: await version('subscription', subscriptionId),
        target: 'renewal',
        items: [{ productId: partnerProductIds.evSsl, quantity: 4 }],
      });
      expect(await backend.records.get('subscription', subscriptionId)).toMatchObject({ renewalReferenceId: 'PO-REN-7' });
    });

    it('refuses reducing current inventory, a stale version, and a TechSolutions subscription', async () => {
      const baseVersion = await version('subscription', subscriptionId);
      await rejected(
        'subscription.updateInventory',
        { subscriptionId, baseVersion, target: 'current', items: [{ productId: ov, quantity: 3 }] },
        'inventory_reduction_not_allowed',
        /only be increased/,
      );
      await rejected(
        'subscription.updateInventory',
        { subscriptionId, baseVersion: baseVersion - 1, target: 'current', items: [{ productId: ov, quantity: 30 }] },
        'stale',
      );
      await rejected(
        'subscription.updateInventory',
        {
          subscriptionId: demoFixtures.techSolutions.notSignedIn.subscriptionId,
          baseVersion: 1,
          target: 'current',
          items: [{ productId: ov, quantity: 1 }],
        },
        'subscription_wrong_program',
      );
    });
  });

  describe('subscription.setStatus (P4)', () => {
    it('enables a suspended subscription and suspends an active one', async () => {
      const id = pp.suspendedSubscription.subscriptionId;
      const enabled = await backend.run(agent, 'subscription.setStatus', {
        subscriptionId: id,
        baseVersion: await version('subscription', id),
        status: 'active',
      });
      expect(enabled).toMatchObject({ status: 'applied', result: { status: 'active' } });
      const suspended = await backend.run(agent, 'subscription.setStatus', {
        subscriptionId: id,
        baseVersion: await version('subscription', id),
        status: 'suspended',
      });
      expect(suspended).toMatchObject({ status: 'applied', result: { status: 'suspended' } });
    });

    it('refuses the status it already has', async () => {
      const id = pp.suspendedSubscription.subscriptionId;
      await rejected(
        'subscription.setStatus',
        { subscriptionId: id, baseVersion: await version('subscription', id), status: 'suspended' },
        'status_unchanged',
        /already suspended/,
      );
    });
  });

  describe('subscription.enableAutoRenew (P8)', () => {
    const customerId = pp.refundWindow.customerId;
    /** A One-Time Renewal subscription ending on `endDate` (Harborlight is in New York: the backend's today is 2025-03-12 there). */
    async function oneTimeRenewal(endDate?: string): Promise<string> {
      const added = await backend.run(agent, 'subscription.add', {
        customerId,
        productId: partnerProductIds.dvSsl,
        termMonths: 12,
        clmTier: 'essentials',
        items: [{ productId: partnerProductIds.dvSsl, quantity: 2 }],
        renewal: 'one-time',
      });
      const { subscriptionId } = added.result as { subscriptionId: string };
      if (endDate) {
        const { version: _v, updatedAt: _u, ...record } = (await backend.records.get('subscription', subscriptionId))!;
        await backend.records.put('subscription', { ...record, endDate });
      }
      return subscriptionId;
    }

    it('enables auto-renewal of a One-Time Renewal subscription the day before it expires', async () => {
      const id = await oneTimeRenewal('2025-03-13');
      const outcome = await backend.run(agent, 'subscription.enableAutoRenew', {
        subscriptionId: id,
        baseVersion: await version('subscription', id),
      });
      expect(outcome).toMatchObject({ status: 'applied', result: { subscriptionId: id, autoRenew: true, renewsOn: '2025-03-13' } });
      expect((outcome.result as { message: string }).message).toContain('automatically renew at the end of the selected term');
      expect(await backend.records.get('subscription', id)).toMatchObject({ autoRenew: true, status: 'active' });
    });

    it.each([
      ['on its end date', '2025-03-12'],
      ['after its end date', '2025-02-28'],
    ])('refuses it %s: it has expired', async (_when, endDate) => {
      const id = await oneTimeRenewal(endDate);
      await rejected(
        'subscription.enableAutoRenew',
        { subscriptionId: id, baseVersion: await version('subscription', id) },
        'subscription_expired',
        /before it expires/,
      );
      expect((await backend.records.get('subscription', id))?.autoRenew).toBe(false);
    });

    it('reads the date in the customer’s time zone: 20:30 in New York is still the day before the end date', async () => {
      const id = await oneTimeRenewal('2025-03-13');
      backend.clock.advance((9 * 60 + 30) * 60_000); // 2025-03-13T00:30Z: the 13th in UTC, 20:30 on the 12th in New York
      try {
        const outcome = await backend.run(agent, 'subscription.enableAutoRenew', {
          subscriptionId: id,
          baseVersion: await version('subscription', id),
        });
        expect(outcome.status).toBe('applied');
      } finally {
        backend.clock.now = new Date(testEpoch);
      }
    });

    it('refuses a subscription that is not a partner one, one already renewing, a cancelled one, and a stale version', async () => {
      const ts = demoFixtures.techSolutions.notSignedIn.subscriptionId;
      await rejected(
        'subscription.enableAutoRenew',
        { subscriptionId: ts, baseVersion: await version('subscription', ts) },
        'subscription_wrong_program',
        /partner platform/,
      );
      const renewing = pp.refundWindow.subscriptionId;
      await rejected(
        'subscription.enableAutoRenew',
        { subscriptionId: renewing, baseVersion: await version('subscription', renewing) },
        'nothing_to_change',
        /already on/,
      );
      const id = await oneTimeRenewal();
      await rejected('subscription.enableAutoRenew', { subscriptionId: id, baseVersion: (await version('subscription', id)) + 1 }, 'stale');
      const { version: _v, updatedAt: _u, ...record } = (await backend.records.get('subscription', id))!;
      await backend.records.put('subscription', { ...record, status: 'cancelled' });
      await rejected(
        'subscription.enableAutoRenew',
        { subscriptionId: id, baseVersion: await version('subscription', id) },
        'subscription_cancelled',
      );
    });

    it('cannot be done around P8 with T4’s subscription.setAutoRenew, on or after the end date', async () => {
      const id = await oneTimeRenewal('2025-03-01');
      await rejected(
        'subscription.setAutoRenew',
        { subscriptionId: id, baseVersion: await version('subscription', id), autoRenew: true },
        'subscription_wrong_program',
        /P8/,
      );
      expect((await backend.records.get('subscription', id))?.autoRenew).toBe(false);
    });
  });

  describe('refund.process (P5)', () => {
    const rw = pp.refundWindow;

    it('needs a supervisor', async () => {
      await rejected(
        'refund.process',
        { transactionId: rw.transaction29DaysId, items: [{ orderItemId: rw.orderItem29DaysId, quantity: 1 }] },
        'approval_required',
        /supervisor/,
      );
    });

    it('refunds certificates of a 29-day-old transaction; the refund shows on the transaction', async () => {
      const outcome = await backend.run(supervisor, 'refund.process', {
        transactionId: rw.transaction29DaysId,
        items: [{ orderItemId: rw.orderItem29DaysId, quantity: 2 }],
      });
      expect(outcome).toMatchObject({
        status: 'applied',
        result: { transactionId: rw.transaction29DaysId, amount: { amount: 19800, currency: 'USD' } },
      });
      const tx = await backend.records.get('transaction', rw.transaction29DaysId);
      expect(tx?.items[0]?.refundedQuantity).toBe(2);
      expect(tx?.refunds).toEqual([
        expect.objectContaining({ agentId: 'supervisor-demo', items: [{ orderItemId: rw.orderItem29DaysId, quantity: 2 }] }),
      ]);
    });

    it("refuses more than bought minus refunded, a 31-day-old transaction with the article's advice, and unknown items", async () => {
      await rejected(
        'refund.process',
        { transactionId: rw.transaction29DaysId, items: [{ orderItemId: rw.orderItem29DaysId, quantity: 9 }] },
        'refund_quantity_exceeded',
        /Only 8 of 10/,
        supervisor,
      );
      await rejected(
        'refund.process',
        { transactionId: rw.transaction31DaysId, items: [{ orderItemId: rw.orderItem31DaysId, quantity: 1 }] },
        'refund_window_expired',
        /contact Sectigo/,
        supervisor,
      );
      await rejected(
        'refund.process',
        { transactionId: rw.transaction29DaysId, items: [{ orderItemId: 'oi-nope', quantity: 1 }] },
        'refund_item_unknown',
        undefined,
        supervisor,
      );
      await rejected(
        'refund.process',
        { transactionId: 'tx-nope', items: [{ orderItemId: 'x', quantity: 1 }] },
        'not_found',
        /transaction/,
        supervisor,
      );
    });

    it('refunds only partner transactions: a hosting or TechSolutions charge is wrong_program (issue 19 item 2)', async () => {
      const hosting = demoFixtures.hosting.customerOfResellerWithPrices;
      const added = await backend.run(agent, 'product.add', {
        customerId: hosting.customerId,
        planId: hostingPlanIds.backup50,
        interval: 'monthly',
        reference: 'Office NAS',
      });
      expect(added.status).toBe('applied');
      const hostingTx = (await backend.records.byOwner(hosting.customerId, 'transaction')).at(-1);
      if (!hostingTx) throw new Error('product.add recorded no transaction');
      const ts = demoFixtures.techSolutions.withSasKey;
      const tsTx = await backend.records.put('transaction', {
        id: 'tx-ts-recent',
        customerId: ts.customerId,
        subscriptionId: ts.subscriptionId,
        createdAt: backend.clock.now.toISOString(),
        description: 'TechSolutions Annual Plan',
        total: { amount: 9999, currency: 'USD' },
        refunds: [],
        items: [
          {
            orderItemId: 'oi-ts-recent',
            productId: techSolutionsPlanIds.annual,
            description: 'Annual Plan',
            quantity: 1,
            refundedQuantity: 0,
            unitAmount: { amount: 9999, currency: 'USD' },
          },
        ],
      });
      for (const tx of [hostingTx, tsTx]) {
        await rejected(
          'refund.process',
          { transactionId: tx.id, items: [{ orderItemId: tx.items[0]!.orderItemId, quantity: 1 }] },
          'wrong_program',
          /partner platform/,
          supervisor,
        );
        expect((await backend.records.get('transaction', tx.id))?.refunds).toEqual([]);
      }
    });

    it('refunds certificate orders, never the CLM tier fee charged beside them (issue 19 item 9)', async () => {
      const added = await backend.run(agent, 'subscription.add', {
        customerId: rw.customerId,
        productId: partnerProductIds.dvSsl,
        termMonths: 12,
        clmTier: 'professional',
        items: [{ productId: partnerProductIds.dvSsl, quantity: 3 }],
        renewal: 'one-time',
      });
      const { transactionId } = added.result as { transactionId: string };
      const tx = await backend.records.get('transaction', transactionId);
      const fee = tx?.items.find((i) => i.productId === 'clm:professional');
      const certificates = tx?.items.find((i) => i.productId === partnerProductIds.dvSsl);
      if (!fee || !certificates) throw new Error(`expected a certificate line and a CLM fee line: ${JSON.stringify(tx?.items)}`);
      await rejected(
        'refund.process',
        { transactionId, items: [{ orderItemId: fee.orderItemId, quantity: 1 }] },
        'refund_item_not_certificate',
        /not a certificate order/,
        supervisor,
      );
      await rejected(
        'refund.process',
        {
          transactionId,
          items: [
            { orderItemId: certificates.orderItemId, quantity: 1 },
            { orderItemId: fee.orderItemId, quantity: 1 },
          ],
        },
        'refund_item_not_certificate',
        undefined,
        supervisor,
      );
      const outcome = await backend.run(supervisor, 'refund.process', {
        transactionId,
        items: [{ orderItemId: certificates.orderItemId, quantity: 1 }],
      });
      expect(outcome).toMatchObject({ status: 'applied', result: { amount: certificates.unitAmount } });
      expect(
        (await backend.records.get('transaction', transactionId))?.items.find((i) => i.orderItemId === fee.orderItemId)?.refundedQuantity,
      ).toBe(0);
    });
  });

  describe('reseller.updateDetails (P6)', () => {
    const resellerId = pp.enabledReseller.resellerId;
    it('saves validated fields', async () => {
      const outcome = await backend.run(agent, 'reseller.updateDetails', {
        resellerId,
        baseVersion: await version('reseller', resellerId),
        changes: { contactName: 'Grace Okafor-Lee', contactExtension: '42' },
      });
      expect(outcome).toMatchObject({ status: 'applied', result: { resellerId } });
      expect(await backend.records.get('reseller', resellerId)).toMatchObject({ contactName: 'Grace Okafor-Lee', contactExtension: '42' });
    });
    it('refuses invalid fields and a stale version', async () => {
      await rejected(
        'reseller.updateDetails',
        { resellerId, baseVersion: await version('reseller', resellerId), changes: { address: { country: 'XX' } } },
        'details_invalid',
        /country code/,
      );
      await rejected('reseller.updateDetails', { resellerId, baseVersion: 1, changes: { contactName: 'Someone' } }, 'stale');
    });
  });

  describe('reseller.setStatus (P7)', () => {
    it('lets an agent enable a disabled reseller', async () => {
      const id = pp.disabledReseller.resellerId;
      const outcome = await backend.run(agent, 'reseller.setStatus', {
        resellerId: id,
        baseVersion: await version('reseller', id),
        status: 'enabled',
      });
      expect(outcome).toMatchObject({ status: 'applied', result: { status: 'enabled' } });
    });
    it('needs a supervisor to disable a reseller', async () => {
      const id = pp.enabledReseller.resellerId;
      await rejected(
        'reseller.setStatus',
        { resellerId: id, baseVersion: await version('reseller', id), status: 'disabled' },
        'approval_required',
        /supervisor/,
      );
      const outcome = await backend.run(supervisor, 'reseller.setStatus', {
        resellerId: id,
        baseVersion: await version('reseller', id),
        status: 'disabled',
      });
      expect(outcome).toMatchObject({ status: 'applied', result: { status: 'disabled' } });
    });
    it('refuses the status it already has', async () => {
      const id = pp.enabledReseller.resellerId;
      await rejected(
        'reseller.setStatus',
        { resellerId: id, baseVersion: await version('reseller', id), status: 'disabled' },
        'status_unchanged',
        /already disabled/,
        supervisor,
      );
    });
  });
});
