import { describe, expect, it } from 'vitest';
import { applyOptimistically, isPendingRecordId, targetOf } from '../../../core/sync';
import type { RecordReader } from '../../../core/sync';
import { customer, portalUser, techSolutionsSubscription } from '../domain/fixtures';

const records: Record<string, Record<string, unknown>> = {
  [`customer:${customer.id}`]: { ...customer },
  [`subscription:${techSolutionsSubscription.id}`]: { ...techSolutionsSubscription },
  [`portalUser:${portalUser.id}`]: { ...portalUser },
};
const read: RecordReader = (type, id) => records[`${type}:${id}`];
const context = { read, seq: 7, createdAt: '2026-03-02T15:00:00.000Z', agentId: 'agent-7' };

describe('optimistic effects of queued changes', () => {
  it('edits customer details as the rule normalises them (E.164 phone, removed company)', () => {
    const [write] = applyOptimistically(
      'customer.updateDetails',
      { customerId: customer.id, baseVersion: 1, changes: { contactPhone: '(415) 555-0199', companyName: null } },
      context,
    );
    expect(write).toMatchObject({
      type: 'customer',
      id: customer.id,
      customerId: customer.id,
      data: { contactPhone: '+14155550199', updatedAt: context.createdAt },
    });
    expect(write?.data).not.toHaveProperty('companyName');
  });

  it('shows nothing for a change the rules would refuse', () => {
    expect(
      applyOptimistically(
        'customer.updateDetails',
        { customerId: customer.id, baseVersion: 1, changes: { contactEmail: 'not an email' } },
        context,
      ),
    ).toEqual([]);
  });

  it('switches a TechSolutions plan to the plan of the new interval', () => {
    const [write] = applyOptimistically(
      'subscription.changePlan',
      { subscriptionId: techSolutionsSubscription.id, baseVersion: 1, interval: 'annual' },
      context,
    );
    expect(write?.data).toMatchObject({ interval: 'annual', planId: 'ts-plan-annual' });
  });

  it('creates a pending callback with an id of its own, scheduled by the agent who queued it', () => {
    const [write] = applyOptimistically(
      'callback.schedule',
      {
        customerId: customer.id,
        name: 'Dana Smith',
        phone: '415 555 0134',
        scheduledFor: '2026-03-03T17:00:00.000Z',
        timeZone: 'America/Los_Angeles',
        reason: 'Renewal',
      },
      context,
    );
    expect(write?.type).toBe('callback');
    expect(isPendingRecordId(write?.id ?? '')).toBe(true);
    expect(write?.data).toMatchObject({ phone: '+14155550134', status: 'scheduled', customerId: customer.id, scheduledBy: 'agent-7' });
  });

  it('shows a queued live session at the price the backend will charge: free within the initial support period, coupon or not', () => {
    const company = { ...customer, program: 'member', initialSupportEndsAt: '2026-06-01T00:00:00.000Z' };
    const book = (supportEnds: string, couponCode?: string) =>
      applyOptimistically(
        'liveSession.book',
        {
          customerId: customer.id,
          portalUserId: portalUser.id,
          scheduledFor: '2026-03-03T17:00:00.000Z',
          timeZone: 'America/Chicago',
          topic: 'Training',
          ...(couponCode ? { couponCode } : {}),
        },
        { ...context, read: (type, id) => (type === 'customer' ? { ...company, initialSupportEndsAt: supportEnds } : read(type, id)) },
      )[0]?.data;
    expect(book('2026-06-01T00:00:00.000Z')).toMatchObject({ pricing: 'free', price: { amount: 0 } });
    expect(book('2026-01-01T00:00:00.000Z')).toMatchObject({ pricing: 'standard' });
    expect(book('2026-01-01T00:00:00.000Z', 'RIDGE-10')).toMatchObject({ pricing: 'discounted', couponCode: 'RIDGE-10' });
  });

  it('names the record a change edits and the customer it belongs to', () => {
    expect(
      targetOf('subscription.setAutoRenew', { subscriptionId: techSolutionsSubscription.id, baseVersion: 1, autoRenew: false }, read),
    ).toEqual({
      customerId: techSolutionsSubscription.customerId,
      targetType: 'subscription',
      targetId: techSolutionsSubscription.id,
    });
    expect(targetOf('portalUser.sendPasswordReset', { portalUserId: portalUser.id }, read)).toEqual({
      customerId: portalUser.customerId,
      targetType: null,
      targetId: null,
    });
  });

  it('reactivates a never-activated portal account as invited, not active', () => {
    const invited = { ...portalUser, status: 'deactivated', activated: false };
    const [write] = applyOptimistically(
      'portalUser.update',
      { portalUserId: portalUser.id, baseVersion: 1, requesterId: 'x', status: 'active' },
      {
        ...context,
        read: (type, id) => (type === 'portalUser' && id === portalUser.id ? invited : read(type, id)),
      },
    );
    expect(write?.data).toMatchObject({ status: 'invited' });
  });
});
