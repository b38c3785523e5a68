// The approval rules as pure functions (issue 21 part 2); the backend's use of them is in
// test/core/backend/mutations-approvals.test.ts.
import { describe, expect, it } from 'vitest';
import {
  approvableMutations,
  approvalExpiresAt,
  approvalSchema,
  approvalStatusAt,
  checkApprovalRequest,
  checkApprovalUse,
  checkDecision,
  secretFieldIn,
  sameJson,
} from '../../../../core/domain';
import { mutationArgsSchemas } from '../../../../core/protocol';
import { approval } from '../../domain/fixtures';

const refund = approval.args;
const approved = { ...approval, status: 'approved' as const, decidedBy: 'supervisor-1' };
const use = { agentId: approval.requestedBy, name: 'refund.process' as const, args: refund, now: '2025-03-10T12:05:00.000Z' };

describe('approval rules', () => {
  it('expires 15 minutes after the request; pending or approved past it reads as expired', () => {
    expect(approvalExpiresAt('2025-03-10T12:00:00.000Z')).toBe('2025-03-10T12:15:00.000Z');
    expect(approvalStatusAt(approved, '2025-03-10T12:14:59.999Z')).toBe('approved');
    expect(approvalStatusAt(approved, '2025-03-10T12:15:00.000Z')).toBe('expired');
    expect(approvalStatusAt({ ...approved, status: 'used' }, '2025-03-10T13:00:00.000Z')).toBe('used');
  });

  it('lets through only the exact args, approved, unused, unexpired, for the agent who asked', () => {
    expect(checkApprovalUse(approved, use).ok).toBe(true);
    expect(checkApprovalUse(approved, { ...use, args: { items: refund.items, transactionId: refund.transactionId } }).ok).toBe(true);
    expect(checkApprovalUse(approved, { ...use, args: { ...refund, items: [{ orderItemId: 'oi_1', quantity: 2 }] } })).toMatchObject({
      code: 'approval_mismatch',
    });
    expect(checkApprovalUse(approved, { ...use, name: 'reseller.setStatus' })).toMatchObject({ code: 'approval_mismatch' });
    expect(checkApprovalUse(approved, { ...use, agentId: 'agent-2' })).toMatchObject({ code: 'approval_mismatch' });
    expect(checkApprovalUse({ ...approved, status: 'used' }, use)).toMatchObject({ code: 'approval_used' });
    expect(checkApprovalUse(approval, use)).toMatchObject({ code: 'approval_pending' });
    expect(checkApprovalUse({ ...approved, status: 'declined', decisionReason: 'No' }, use)).toMatchObject({ code: 'approval_declined' });
    expect(checkApprovalUse(approved, { ...use, now: '2025-03-10T12:15:00.000Z' })).toMatchObject({ code: 'approval_expired' });
    expect(checkApprovalUse(undefined, use)).toMatchObject({ code: 'approval_required' });
  });

  it('only another supervisor decides, once, before expiry', () => {
    const now = '2025-03-10T12:05:00.000Z';
    expect(checkDecision({ id: 'supervisor-1', role: 'supervisor' }, approval, now).ok).toBe(true);
    expect(checkDecision({ id: 'agent-2', role: 'agent' }, approval, now)).toMatchObject({ code: 'role_not_permitted' });
    expect(checkDecision({ id: approval.requestedBy, role: 'supervisor' }, approval, now)).toMatchObject({ code: 'approval_self' });
    expect(checkDecision({ id: 'supervisor-1', role: 'supervisor' }, approved, now)).toMatchObject({ code: 'approval_decided' });
    expect(checkDecision({ id: 'supervisor-1', role: 'supervisor' }, approval, '2025-03-10T12:15:00.000Z')).toMatchObject({
      code: 'approval_expired',
    });
  });

  it('is asked only for a change the role needs one for, of its procedure, never with a secret', () => {
    expect(checkApprovalRequest('agent', { procedure: 'P5', mutation: 'refund.process', args: refund }).ok).toBe(true);
    expect(
      checkApprovalRequest('agent', {
        procedure: 'P7',
        mutation: 'reseller.setStatus',
        args: { resellerId: 'r', baseVersion: 1, status: 'disabled' },
      }).ok,
    ).toBe(true);
    for (const refused of [
      checkApprovalRequest('supervisor', { procedure: 'P5', mutation: 'refund.process', args: refund }),
      checkApprovalRequest('agent', {
        procedure: 'P7',
        mutation: 'reseller.setStatus',
        args: { resellerId: 'r', baseVersion: 1, status: 'enabled' },
      }),
      checkApprovalRequest('agent', { procedure: 'P4', mutation: 'refund.process', args: refund }),
      checkApprovalRequest('agent', { procedure: 'P5', mutation: 'refund.process', args: { ...refund, cvc: '123' } }),
      checkApprovalRequest('agent', { procedure: 'T1', mutation: 'billing.updateCard', args: { customerId: 'c', card: {} } }),
    ])
      expect(refused).toMatchObject({ ok: false, code: 'approval_not_applicable' });
  });

  it('the approvable mutations’ args carry no secret field, and an approval record carrying one is refused', () => {
    for (const name of approvableMutations) {
      const shape = (mutationArgsSchemas[name] as unknown as { shape: Record<string, unknown> }).shape;
      expect(secretFieldIn(Object.fromEntries(Object.keys(shape).map((k) => [k, 1]))), name).toBeUndefined();
    }
    expect(secretFieldIn({ items: [{ card_number: 'x' }] })).toBe('items[0].card_number');
    expect(approvalSchema.safeParse({ ...approval, args: { ...refund, password: 'x' } }).success).toBe(false);
    expect(approvalSchema.safeParse(approval).success).toBe(true);
  });

  it('compares args as JSON, key order aside', () => {
    expect(sameJson({ a: 1, b: [{ c: 2, d: 3 }] }, { b: [{ d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });
});
