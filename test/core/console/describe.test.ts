import { describe, expect, it } from 'vitest';
import { describeMutation, outboxEntryKind } from '../../../core/console/describe';

// A Wednesday; the callback is the coming Monday at 9:00 in London (UTC+0 in January).
const now = '2026-01-07T15:00:00.000Z';

describe('describeMutation', () => {
  it("names a callback as the agent says it: who, and the day and time in the customer's zone", () => {
    const summary = describeMutation(
      'callback.schedule',
      {
        customerId: 'cus_1',
        name: 'Priya Shah',
        phone: '+442079460018',
        scheduledFor: '2026-01-12T14:00:00.000Z',
        timeZone: 'America/New_York',
        reason: 'Renewal',
      },
      { names: { customer: 'Priya Shah' }, now },
    );
    expect(summary).toBe('Callback for Priya Shah, Mon 9:00 AM their time');
  });

  it('names a wrap-up by its customer and disposition, and a reopened one as such', () => {
    const args = {
      interactionId: 'int-1',
      customerId: 'cus_1',
      startedAt: now,
      endedAt: now,
      disposition: 'Resolved',
      notes: 'n',
      runs: [],
      changes: [],
      callbackIds: [],
    };
    expect(describeMutation('interaction.log', args, { names: { customer: 'Priya Shah' }, now })).toBe('Wrap-up for Priya Shah: Resolved');
    expect(describeMutation('interaction.log', { ...args, editedAt: now, disposition: 'Escalated' }, { names: {}, now })).toBe(
      'Reopened wrap-up for the customer: Escalated',
    );
  });

  it('names records instead of ids, and lists changed fields in words', () => {
    const names = { customer: 'Olivia Bennett', target: 'Premium Monthly' };
    expect(
      describeMutation('subscription.setAutoRenew', { subscriptionId: 'sub_9f3a', baseVersion: 2, autoRenew: false }, { names, now }),
    ).toBe("Turn auto-renewal off for Olivia Bennett's Premium Monthly");
    expect(
      describeMutation(
        'customer.updateDetails',
        { customerId: 'cus_1', baseVersion: 1, changes: { contactEmail: 'a@b.c', address: { city: 'X' } } },
        { names, now },
      ),
    ).toBe("Edit Olivia Bennett's details (contact email, address)");
    expect(
      describeMutation(
        'reseller.setStatus',
        { resellerId: 'res_1', baseVersion: 1, status: 'disabled' },
        { names: { target: 'Northwind Partners' }, now },
      ),
    ).toBe('Disable reseller Northwind Partners');
  });

  it('never shows an id, an ISO time or a step dump, even when no name is known', () => {
    const args = [
      ['subscription.changePlan', { subscriptionId: 'sub_9f3a', baseVersion: 2, interval: 'annual' }],
      ['reseller.updateDetails', { resellerId: 'res_77', baseVersion: 1, changes: { contactPhone: '+1' } }],
      ['portalUser.update', { portalUserId: 'pu_5', baseVersion: 1, requesterId: 'pu_1', status: 'deactivated' }],
      [
        'liveSession.book',
        { customerId: 'cus_1', portalUserId: 'pu_5', scheduledFor: '2026-01-12T14:00:00.000Z', timeZone: 'Europe/London', topic: 'Setup' },
      ],
      [
        'audit.record',
        {
          id: 'aud_1',
          at: now,
          agentId: 'agt_1',
          kind: 'procedure-run',
          procedure: 'T4',
          outcome: 'queued',
          steps: [{ stepId: 'gate', at: now }],
          details: {},
        },
      ],
    ] as const;
    for (const [name, value] of args) {
      const summary = describeMutation(name, value, { names: {}, now });
      expect(summary, name).not.toMatch(/sub_|res_|pu_|aud_|agt_|cus_|\d{4}-\d{2}-\d{2}T|stepId|\{/);
    }
  });

  it('names an audit record by what was done, and tells it apart from a change', () => {
    const summary = describeMutation(
      'audit.record',
      { id: 'aud_1', at: now, agentId: 'agt_1', kind: 'procedure-run', procedure: 'T4', outcome: 'completed', details: {} },
      { names: { customer: 'Olivia Bennett', procedure: 'T4 Cancel a subscription' }, now },
    );
    expect(summary).toBe('Run of T4 Cancel a subscription completed for Olivia Bennett');
    expect(outboxEntryKind('audit.record')).toBe('audit');
    expect(outboxEntryKind('callback.schedule')).toBe('change');
  });
});
