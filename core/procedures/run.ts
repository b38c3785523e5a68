// A run of a procedure: plain JSON, so it can be stored, sent to the renderer and restored.
// Only the runner (./runner) makes new runs from old ones.
import { z } from 'zod';
import { agentRoles, auditEventSchema, freeTextSchema, idSchema, isoInstantSchema, procedureCodes, procedureModes } from '../domain';
import { boundedJsonSchema } from '../protocol/bounded-json';
import type { JsonValue } from '../protocol/bounded-json';
import { runDataSchema } from './data';

export type { JsonValue };
// Not zod's `z.json()`: it parses recursively, and a value nested ~1,400 deep overflowed the
// stack inside `procedures.apply` (issue 18). This one walks iteratively, within bounds.
const jsonSchema: z.ZodType<JsonValue> = boundedJsonSchema();

export const runStatuses = ['active', 'done', 'abandoned'] as const;
export type RunStatus = (typeof runStatuses)[number];

/** Who made a step happen: the agent, the console noticing it on a sync, or the console itself. */
export const actors = ['agent', 'sync', 'console'] as const;
export type Actor = (typeof actors)[number];

const mutationOutcomeSchema = z.object({
  status: z.enum(['applied', 'queued', 'rejected']),
  code: z.string().optional(),
  message: z.string().optional(),
  result: jsonSchema.optional(),
});
export type MutationOutcome = z.infer<typeof mutationOutcomeSchema>;

export const stepStateSchema = z.object({
  /** First time the step was current: prefills apply once, then what the agent typed stands. */
  reachedAt: isoInstantSchema.optional(),
  /** Secret inputs were dropped when the run was stored; they must be asked for again. */
  secretsCleared: z.boolean().optional(),
  doneAt: isoInstantSchema.optional(),
  doneBy: z.enum(actors).optional(),
  /** The check was answered "not yet": the if-not sub-steps are shown. */
  notYetAt: isoInstantSchema.optional(),
  subDone: z.record(z.string(), isoInstantSchema).optional(),
  /** A refused `next`: the view then shows every field's error, not only those typed in. */
  attemptedAt: isoInstantSchema.optional(),
  confirmedAt: isoInstantSchema.optional(),
  act: z
    .object({
      /** `sending`: handed to sync, no answer yet (after a crash: outcome unknown). */
      state: z.enum(['sending', 'done', 'rejected']),
      at: isoInstantSchema,
      /** The keys of the mutations the step sent (or is sending). */
      keys: z.array(z.string()).optional(),
      /** By mutation key (one act may send several, e.g. one refund per transaction). */
      outcomes: z.record(z.string(), mutationOutcomeSchema),
    })
    .optional(),
});
export type StepState = z.infer<typeof stepStateSchema>;

export const historyEntrySchema = z.object({
  at: isoInstantSchema,
  event: z.string(),
  by: z.enum(actors),
  stepId: z.string().optional(),
  /** Where the cursor was and went, when the event moved it. */
  from: z.string().nullable().optional(),
  to: z.string().nullable().optional(),
  /** Names of inputs set, an arm chosen, a refusal code: never a value typed in. */
  detail: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const noticeSchema = z.object({ code: z.string(), message: z.string(), at: isoInstantSchema });
export type Notice = z.infer<typeof noticeSchema>;

export const runSchema = z.object({
  format: z.literal(1),
  id: idSchema,
  code: z.enum(procedureCodes),
  customerId: idSchema,
  agent: z.object({ id: idSchema, name: z.string(), role: z.enum(agentRoles) }),
  mode: z.enum(procedureModes),
  entryPoint: z.string(),
  status: z.enum(runStatuses),
  outcome: z.enum(['completed', 'abandoned', 'failed', 'queued']).optional(),
  startedAt: isoInstantSchema,
  updatedAt: isoInstantSchema,
  endedAt: isoInstantSchema.optional(),
  /** The current step; null once the run has ended. */
  cursor: z.string().nullable(),
  online: z.boolean(),
  /** Every value the run holds, by name: inputs, chosen record ids, branch arms. */
  values: z.record(z.string(), jsonSchema),
  steps: z.record(z.string(), stepStateSchema),
  history: z.array(historyEntrySchema),
  /** The last refused event, in words, until the next accepted one. */
  notice: noticeSchema.optional(),
  data: runDataSchema,
  /** The records when the run started: "the card changed" means changed since then. */
  baseline: runDataSchema,
  /** Built when the run ends; `sentAt` once handed to sync. */
  audit: z.object({ event: auditEventSchema, sentAt: isoInstantSchema.optional() }).optional(),
});
export type Run = z.infer<typeof runSchema>;

// ---------------------------------------------------------------------------------------
// Events. `at` is always given by the caller: the runner never reads a clock.

const at = isoInstantSchema;
const stepId = z.string().min(1);

/** What the agent (through the UI) may send; the console stamps `at`. */
export const clientEventSchema = z.discriminatedUnion('type', [
  /** `skipping`: the if-not sub-steps still open that the agent confirms without (named, so the history says what was skipped). */
  z.strictObject({ type: z.literal('tick'), stepId, skipping: z.array(z.string().min(1).max(100)).max(20).optional() }),
  z.strictObject({ type: z.literal('notYet'), stepId }),
  z.strictObject({ type: z.literal('tickSub'), stepId, subStepId: z.string().min(1) }),
  z.strictObject({ type: z.literal('answer'), stepId, arm: z.string().min(1) }),
  z.strictObject({ type: z.literal('setInputs'), stepId, values: z.record(z.string(), jsonSchema) }),
  z.strictObject({ type: z.literal('choose'), stepId, ids: z.array(z.string().min(1)).max(500) }),
  z.strictObject({ type: z.literal('next'), stepId }),
  z.strictObject({ type: z.literal('confirm'), stepId }),
  /** `confirmed`: the button of the step's confirmation window, when it has one (T2's OK). */
  z.strictObject({ type: z.literal('act'), stepId, confirmed: z.string().min(1).max(60).optional() }),
  z.strictObject({ type: z.literal('back') }),
  /** The reason goes into the run's audit record: free text, so never a card number. */
  z.strictObject({ type: z.literal('abandon'), reason: freeTextSchema(500).optional() }),
]);
export type ClientEvent = z.infer<typeof clientEventSchema>;
export type ClientEventType = ClientEvent['type'];

const consoleEventSchema = z.discriminatedUnion('type', [
  /** What sync answered for each mutation the act step sent. */
  z.strictObject({
    type: z.literal('actResult'),
    stepId,
    outcomes: z.record(z.string(), mutationOutcomeSchema),
  }),
  /** New synced records and/or online state: data-verifiable checks may tick themselves. */
  z.strictObject({ type: z.literal('refresh'), data: runDataSchema.optional(), online: z.boolean().optional() }),
  /** The audit.record mutation was handed to sync. */
  z.strictObject({ type: z.literal('auditSent') }),
]);

export const runEventSchema = z.union([clientEventSchema, consoleEventSchema]).and(z.object({ at }));
export type ConsoleEvent = z.infer<typeof consoleEventSchema>;
export type RunEvent = (ClientEvent | ConsoleEvent) & Readonly<{ at: string }>;
