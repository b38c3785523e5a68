// Wrap-up of a call (an interaction): which dispositions a program offers, and how long a
// wrapped-up interaction may be reopened. The console asks these before it offers reopen or
// queues a wrap-up; the backend decides with the same functions.
import { dispositionsFor } from '../dispositions';
import type { Program } from '../programs';
import { fail, pass, type RuleResult } from './result';

/** A wrapped-up interaction can be reopened (notes and disposition edited) for this long after its first wrap-up. */
export const interactionReopenMinutes = 10;
const reopenWindowMs = interactionReopenMinutes * 60_000;

/** How far ahead of the backend's clock a console's wrap-up time may be (clocks drift). */
const clockSkewMs = 5 * 60_000;

/** Whether an interaction first wrapped up at `endedAt` may still be reopened at `at`. */
export function canReopenInteraction(endedAt: string, at: string): boolean {
  const elapsed = Date.parse(at) - Date.parse(endedAt);
  return Number.isFinite(elapsed) && elapsed <= reopenWindowMs;
}

/** When the reopen window of an interaction first wrapped up at `endedAt` closes. */
export function reopenWindowEnd(endedAt: string): string {
  return new Date(Date.parse(endedAt) + reopenWindowMs).toISOString();
}

export function checkDisposition(program: Program, disposition: string): RuleResult {
  const offered = dispositionsFor(program);
  if (offered.includes(disposition)) return pass();
  return fail(
    'disposition_unknown',
    `"${disposition.slice(0, 60)}" is not a disposition of this program. Choose one of: ${offered.join(', ')}.`,
    'disposition',
  );
}

export type InteractionLogInput = Readonly<{
  customerId: string;
  program: Program;
  disposition: string;
  startedAt: string;
  endedAt: string;
  /** Set on a wrap-up after a reopen: when it was made. */
  editedAt?: string | undefined;
}>;

/** What a later wrap-up is checked against: the interaction as stored. */
export type LoggedInteraction = Readonly<{ customerId: string; agentId: string; endedAt: string }>;

/**
 * A wrap-up (`interaction.log`), first or after a reopen. The reopen window is judged by the
 * times the console recorded (the first wrap-up and this edit), not by when the backend
 * receives it: a wrap-up queued during an outage is as valid when the outage ends as it was
 * when the agent wrote it. Times ahead of `now` beyond clock drift are refused.
 */
export function checkInteractionLog(
  input: InteractionLogInput,
  existing: LoggedInteraction | undefined,
  context: Readonly<{ agentId: string; now: string }>,
): RuleResult {
  const disposition = checkDisposition(input.program, input.disposition);
  if (!disposition.ok) return disposition;
  const now = Date.parse(context.now);
  const started = Date.parse(input.startedAt);
  const ended = Date.parse(input.endedAt);
  const edited = input.editedAt === undefined ? ended : Date.parse(input.editedAt);
  if (!(started <= ended) || !(ended <= edited)) {
    return fail('interaction_time_invalid', 'The call must start before its wrap-up, and an edit come after the wrap-up.');
  }
  if (edited > now + clockSkewMs) {
    return fail('interaction_time_invalid', "The wrap-up time is ahead of the backend's clock. Check this computer's clock and try again.");
  }
  if (!existing) return pass();
  if (existing.agentId !== context.agentId) {
    return fail('interaction_not_yours', 'This call was logged by another agent; only they can reopen it.');
  }
  if (existing.customerId !== input.customerId) {
    return fail('interaction_customer_changed', 'This call was logged for another customer; a wrap-up cannot move it.');
  }
  if (!canReopenInteraction(existing.endedAt, new Date(edited).toISOString())) {
    return fail(
      'interaction_closed',
      `This call was wrapped up more than ${interactionReopenMinutes} minutes before this edit, so it can no longer be reopened. Add a note to the next call instead.`,
    );
  }
  return pass();
}
