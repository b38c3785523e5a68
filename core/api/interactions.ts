// Calls (interactions) and the customer's history: the History tab, the wrap-up and reopen.
import { z } from 'zod';
import { freeTextSchema, historyKinds, interactionNotesMaxLength } from '../domain';
import type { HistoryEntry, LastContact } from '../cache';
import { defineCall } from './define';

export type { HistoryEntry, LastContact } from '../cache';
export type { HistoryKind } from '../domain';

/** The agent's call with the customer in progress on this machine. */
export type OpenCall = Readonly<{
  interactionId: string;
  customerId: string;
  callId: string | null;
  startedAt: string;
  /** What will be attached at wrap-up, so far. */
  runs: number;
  changes: number;
  callbacks: number;
  /** Open longer than `staleCallHours`: never resumed silently (the agent is told, to wrap it up or start a new one). */
  stale: boolean;
}>;

/** A call open longer than this was most likely never wrapped up: reopening its customer says so. */
export const staleCallHours = 12;

export type CustomerHistory = Readonly<{
  entries: readonly (HistoryEntry & Readonly<{ procedureTitle?: string }>)[];
  lastContact: LastContact | null;
  /** The call in progress with this customer, if the agent has one open. */
  openCall: OpenCall | null;
  /** The dispositions of the customer's program, in the order to offer them. */
  dispositions: readonly string[];
  /** The agent's own latest wrap-up with this customer while it may still be reopened (null otherwise). */
  reopenable: Readonly<{ interactionId: string; disposition: string; notes: string; reopenUntil: string }> | null;
}>;

export type WrapUpResult = Readonly<{
  status: 'applied' | 'queued';
  interactionId: string;
  /** Until when the agent may reopen it. */
  reopenUntil: string;
  message: string;
}>;

const id = z.string().min(1).max(200);
const wrapUpFields = {
  disposition: z.string().min(1, 'Choose a disposition.').max(100),
  notes: freeTextSchema(interactionNotesMaxLength),
};

export const interactionCalls = {
  'interactions.start': defineCall<OpenCall>()(
    z.object({ customerId: id, callId: z.string().min(1).max(200).optional() }).strict(),
    'Starts the call with a customer (on opening them), or returns the one already open; a screen pop passes its call id.',
  ),
  'interactions.history': defineCall<CustomerHistory>()(
    z
      .object({
        customerId: id,
        kinds: z.array(z.enum(historyKinds)).max(historyKinds.length).optional(),
        search: z.string().max(200).optional(),
      })
      .strict(),
    "The customer's timeline, newest first (calls, runs, changes, callbacks, emails), filtered by kind and words in the notes; the last contact and the call in progress.",
  ),
  'interactions.wrapUp': defineCall<WrapUpResult>()(
    z.object({ customerId: id, ...wrapUpFields }).strict(),
    'Wraps up the call in progress with the customer: its notes and disposition with the runs, changes and callbacks made during it (queued when offline).',
  ),
  'interactions.open': defineCall<Readonly<{ call: OpenCall | null }>>()(
    z.object({ customerId: id }).strict(),
    'The call in progress with the customer, if any (asked before closing their tab).',
  ),
  'interactions.leave': defineCall<Readonly<{ dropped: boolean }>>()(
    z.object({ customerId: id }).strict(),
    "The customer's tab closed: a call with nothing on it (no call id, run, change or callback) is dropped; any other stays open until wrapped up.",
  ),
  'interactions.reopen': defineCall<WrapUpResult>()(
    z.object({ interactionId: id, ...wrapUpFields }).strict(),
    'Edits the notes and disposition of a call wrapped up in the last 10 minutes.',
  ),
} as const;
