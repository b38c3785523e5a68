import { describe, expect, it } from 'vitest';
import {
  canReopenInteraction,
  checkDisposition,
  checkInteractionLog,
  dispositionsFor,
  interactionReopenMinutes,
  programDispositions,
  programs,
  reopenWindowEnd,
} from '../../../../core/domain';

const wrappedUp = '2026-12-06T21:00:00.000Z';
const minutesAfter = (minutes: number) => new Date(Date.parse(wrappedUp) + minutes * 60_000).toISOString();
const first = {
  customerId: 'cust-1',
  program: 'techsolutions' as const,
  disposition: 'Resolved',
  startedAt: '2026-12-06T20:50:00.000Z',
  endedAt: wrappedUp,
};
const stored = { customerId: 'cust-1', agentId: 'agent-1', endedAt: wrappedUp };
const me = { agentId: 'agent-1', now: minutesAfter(1) };

describe('dispositions', () => {
  it('each program has a short list of its own, as data', () => {
    for (const program of programs) {
      expect(dispositionsFor(program).length).toBeGreaterThanOrEqual(3);
      expect(dispositionsFor(program)).toContain('Resolved');
    }
    expect(programDispositions.techsolutions).toEqual(['Resolved', 'Callback booked', 'Escalated', 'Customer to act']);
    expect(programDispositions.member).toContain('Live session booked');
    expect(programDispositions.techsolutions).not.toContain('Reseller to act');
  });

  it("refuses a disposition outside the customer's program, listing the ones offered", () => {
    expect(checkDisposition('partner', 'Reseller to act').ok).toBe(true);
    const refused = checkDisposition('techsolutions', 'Reseller to act');
    expect(refused).toMatchObject({ ok: false, code: 'disposition_unknown', field: 'disposition' });
    expect(!refused.ok && refused.message).toMatch(/Resolved, Callback booked, Escalated, Customer to act/);
  });
});

describe('reopen window', () => {
  it(`is ${interactionReopenMinutes} minutes from the first wrap-up, inclusive`, () => {
    expect(interactionReopenMinutes).toBe(10);
    expect(canReopenInteraction(wrappedUp, minutesAfter(10))).toBe(true);
    expect(canReopenInteraction(wrappedUp, minutesAfter(10.01))).toBe(false);
    expect(reopenWindowEnd(wrappedUp)).toBe(minutesAfter(10));
  });

  it('a first wrap-up passes; an edit within the window by the same agent passes', () => {
    expect(checkInteractionLog(first, undefined, me).ok).toBe(true);
    expect(checkInteractionLog({ ...first, editedAt: minutesAfter(9) }, stored, { ...me, now: minutesAfter(9) }).ok).toBe(true);
  });

  it('an edit made after the window is refused, judged by when it was made, not when it arrives', () => {
    const late = checkInteractionLog({ ...first, editedAt: minutesAfter(11) }, stored, { ...me, now: minutesAfter(11) });
    expect(late).toMatchObject({ ok: false, code: 'interaction_closed' });
    // Queued offline at minute 5, reaching the backend an hour later: still inside its window.
    expect(checkInteractionLog({ ...first, editedAt: minutesAfter(5) }, stored, { ...me, now: minutesAfter(60) }).ok).toBe(true);
  });

  it("refuses another agent's interaction, another customer, times out of order or ahead of the clock", () => {
    expect(checkInteractionLog(first, stored, { ...me, agentId: 'agent-2' })).toMatchObject({ ok: false, code: 'interaction_not_yours' });
    expect(checkInteractionLog({ ...first, customerId: 'cust-2' }, stored, me)).toMatchObject({
      ok: false,
      code: 'interaction_customer_changed',
    });
    expect(checkInteractionLog({ ...first, startedAt: minutesAfter(1) }, undefined, me)).toMatchObject({
      ok: false,
      code: 'interaction_time_invalid',
    });
    expect(checkInteractionLog({ ...first, editedAt: minutesAfter(-1) }, stored, me)).toMatchObject({
      ok: false,
      code: 'interaction_time_invalid',
    });
    expect(checkInteractionLog(first, undefined, { ...me, now: minutesAfter(-6) })).toMatchObject({
      ok: false,
      code: 'interaction_time_invalid',
    });
    expect(checkInteractionLog({ ...first, disposition: 'Sold a boat' }, undefined, me)).toMatchObject({
      ok: false,
      code: 'disposition_unknown',
    });
  });
});
