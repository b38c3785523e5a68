// One call with a customer (an interaction): from opening the customer to wrap-up, with the
// agent's notes and disposition and what was done during it. Written by `interaction.log`,
// synced to every console so the customer's history shows it.
import { z } from 'zod';
import { procedureCodes } from '../programs';
import { baseRecordShape, idSchema, isoInstantSchema } from '../primitives';

/** Longest notes an agent can write at wrap-up. */
export const interactionNotesMaxLength = 4000;
/** Most runs, changes or callbacks one interaction lists. */
export const interactionItemsMax = 200;

/** A procedure run started during the call. */
export const interactionRunSchema = z.strictObject({
  id: idSchema,
  procedure: z.enum(procedureCodes),
  at: isoInstantSchema,
});

/**
 * A change made during the call: the outbox/push mutation (`id` is `<clientId>:<mutation id>`
 * when known, otherwise the console's own reference) with the sentence the outbox showed.
 */
export const interactionChangeSchema = z.strictObject({
  id: idSchema,
  /** The mutation's name (a string here: the names live with the role policy, which imports the records). */
  name: z.string().min(1).max(100),
  summary: z.string().max(300),
  at: isoInstantSchema,
});

export const interactionSchema = z.object({
  ...baseRecordShape,
  customerId: idSchema,
  /** The agent who took the call: set by the backend from the pushing token, never from args. */
  agentId: idSchema,
  agentName: z.string().min(1).max(200),
  /** The phone system's call id when the call came from a screen pop. */
  callId: z.string().min(1).max(200).optional(),
  startedAt: isoInstantSchema,
  /** The first wrap-up: the reopen window runs from here. */
  endedAt: isoInstantSchema,
  /** The last wrap-up after a reopen, when there was one. */
  editedAt: isoInstantSchema.optional(),
  disposition: z.string().min(1).max(100),
  notes: z.string().max(interactionNotesMaxLength),
  runs: z.array(interactionRunSchema).max(interactionItemsMax),
  changes: z.array(interactionChangeSchema).max(interactionItemsMax),
  callbackIds: z.array(idSchema).max(interactionItemsMax),
});
export type Interaction = z.infer<typeof interactionSchema>;
export type InteractionRun = z.infer<typeof interactionRunSchema>;
export type InteractionChange = z.infer<typeof interactionChangeSchema>;

/** What a customer's history lists: calls, the procedure runs and changes made in them, callbacks booked, emails sent. */
export const historyKinds = ['interaction', 'run', 'change', 'callback', 'message'] as const;
export type HistoryKind = (typeof historyKinds)[number];
