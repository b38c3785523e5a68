import { describe, expect, it } from 'vitest';
import {
  isQueueable,
  mutationArgsSchemas,
  mutationNames,
  mutationResultSchemas,
  onlineOnlyMutations,
  pullRequestSchema,
  pullResponseSchema,
  pushRequestSchema,
  queueableMutations,
  isPullReset,
} from '../../../core/protocol';

describe('sync protocol schemas', () => {
  it('has args and result schemas for exactly the mutations of SPEC §5', () => {
    expect(Object.keys(mutationArgsSchemas).sort()).toEqual([...mutationNames].sort());
    expect(Object.keys(mutationResultSchemas).sort()).toEqual([...mutationNames].sort());
    expect(mutationNames).toHaveLength(23);
  });

  it('queues offline only what neither moves money nor creates or reveals a secret', () => {
    expect([...onlineOnlyMutations].sort()).toEqual([
      'approval.decide',
      'approval.request',
      'billing.updateCard',
      'license.generate',
      'product.add',
      'refund.process',
      'subscription.add',
      'subscription.updateInventory',
    ]);
    expect(queueableMutations).toHaveLength(15);
    expect(isQueueable('interaction.log')).toBe(true);
    expect(isQueueable('subscription.enableAutoRenew')).toBe(true);
    expect(isQueueable('callback.schedule')).toBe(true);
    expect(isQueueable('refund.process')).toBe(false);
    // A supervisor decides while the caller waits (issue 21): asking and deciding never wait in an outbox.
    expect(isQueueable('approval.request')).toBe(false);
  });

  it('accepts a pull request of protocol 1 and refuses another version with a clear message', () => {
    expect(pullRequestSchema.safeParse({ protocol: 1, clientId: 'c1', cursor: null, limit: 100 }).success).toBe(true);
    const other = pullRequestSchema.safeParse({ protocol: 2, clientId: 'c1', cursor: null, limit: 100 });
    expect(other.success).toBe(false);
    expect(other.error?.issues[0]?.message).toMatch(/speaks sync protocol 1; the request says 2/);
  });

  it('tells a reset from a page', () => {
    const reset = pullResponseSchema.parse({ reset: 'cursor_expired' });
    expect(isPullReset(reset)).toBe(true);
    const page = pullResponseSchema.parse({ cursor: 'x', hasMore: false, lastMutationId: 0, changes: [] });
    expect(isPullReset(page)).toBe(false);
  });

  it('refuses a push with an unknown mutation name or ids that do not increase', () => {
    const base = { protocol: 1, clientId: 'c1' };
    expect(pushRequestSchema.safeParse({ ...base, mutations: [{ id: 1, name: 'nope.do', args: {} }] }).success).toBe(false);
    expect(
      pushRequestSchema.safeParse({
        ...base,
        mutations: [
          { id: 2, name: 'audit.record', args: {} },
          { id: 2, name: 'audit.record', args: {} },
        ],
      }).success,
    ).toBe(false);
    expect(pushRequestSchema.safeParse({ ...base, mutations: [{ id: 1, name: 'audit.record', args: {} }] }).success).toBe(true);
  });

  it('refuses unknown fields in args rather than dropping them', () => {
    const args = { subscriptionId: 's1', baseVersion: 1, autoRenew: false };
    expect(mutationArgsSchemas['subscription.setAutoRenew'].safeParse(args).success).toBe(true);
    expect(mutationArgsSchemas['subscription.setAutoRenew'].safeParse({ ...args, extra: 1 }).success).toBe(false);
  });
});

describe('rejection codes', () => {
  it('describes every backend code and every domain rule code a refusal can carry', async () => {
    const { rejectionCodes, isRejectionCode } = await import('../../../core/protocol');
    const { ruleCodes } = await import('../../../core/domain');
    for (const code of ['invalid_args', 'not_found', 'stale', 'forbidden_role', 'refund_window_expired', 'card_expired']) {
      expect(isRejectionCode(code)).toBe(true);
    }
    // Reported under the backend's names, or never refusals.
    for (const code of ['record_not_found', 'supervisor_required', 'single_primary']) expect(isRejectionCode(code)).toBe(false);
    const covered = ruleCodes.filter((c) => isRejectionCode(c));
    expect(covered.length).toBeGreaterThan(50);
    for (const meaning of Object.values(rejectionCodes)) expect(meaning.length).toBeGreaterThan(10);
  });
});
