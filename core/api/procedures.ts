// The procedures call group: list what a customer's program offers, start a run, apply the
// agent's events to it, read it, and find runs to resume. Results are the run VIEW
// (core/procedures/view.ts, documented in core/procedures/README.md).
import { z } from 'zod';
import { procedureCodes, procedureModes } from '../domain';
import type { AgentRole, ProcedureCode, ProcedureMode } from '../domain';
import { clientEventSchema } from '../procedures/run';
import type { Offer, RunView } from '../procedures';
import { defineCall } from './define';

const id = z.string().trim().min(1, 'An id is required.').max(200);

/** `do` is accepted for `do-it-for-them` (the name the audit records use). */
const modeSchema = z
  .enum([...procedureModes, 'do'], { error: 'Mode must be guide or do-it-for-them.' })
  .transform((mode): ProcedureMode => (mode === 'do' ? 'do-it-for-them' : mode));

export type ProcedureModeAvailability = Readonly<{
  mode: ProcedureMode;
  /** Whether it can start now; if not, why, and what to offer instead (offline). */
  canStart: boolean;
  reason?: Readonly<{ code: string; message: string }>;
  offer?: Offer;
  /** Derived from the mutations the mode can produce. */
  needsOnline: 'always' | 'some-paths' | 'never';
}>;

export type ProcedureListItem = Readonly<{
  code: ProcedureCode;
  title: string;
  summary: string;
  source: Readonly<{ seed: string; heading: string; also?: readonly Readonly<{ seed: string; heading: string }>[] }>;
  roles: readonly AgentRole[];
  entryPoints: readonly Readonly<{ id: string; label: string }>[];
  modes: readonly ProcedureModeAvailability[];
  /** True when at least one mode can start now. */
  canStart: boolean;
}>;

export type ProcedureList = Readonly<{ customerId: string; program: string; procedures: readonly ProcedureListItem[] }>;

export type ActiveRun = Readonly<{
  runId: string;
  code: ProcedureCode;
  title: string;
  customerId: string;
  customerName: string;
  mode: ProcedureMode;
  currentStepId: string | null;
  currentStepTitle: string | null;
  startedAt: string;
  updatedAt: string;
}>;

/**
 * What the checklist shows after the agent's next move, if that move is Next on the current
 * step or Back: worked out by the console with its answer, from the same state. The renderer
 * shows it the moment the agent makes that move, and the console's answer to the move
 * confirms or corrects it. Present only for moves the runner accepts now that go to another
 * step of a run still going; never for an act, a confirmation or an answer for the customer.
 */
export type RunAhead = Readonly<{ next?: RunView; back?: RunView }>;

/** A run view as the procedure calls answer it: the view, and the views one move ahead. */
export type RunAnswer = RunView & Readonly<{ ahead?: RunAhead }>;

export const procedureCalls = {
  'procedures.list': defineCall<ProcedureList>()(
    z.object({ customerId: id }).strict(),
    "Every procedure of the customer's program, with whether each mode can start now or why not.",
  ),
  'procedures.start': defineCall<RunAnswer>()(
    z
      .object({
        customerId: id,
        code: z.enum(procedureCodes, { error: 'Not a procedure code (T1…T5, P1…P8, H1, M1…M5).' }),
        mode: modeSchema,
        entryPoint: z.string().trim().min(1).max(100).optional(),
      })
      .strict(),
    'Start a run of a procedure for a customer (refused with the reason: role, offline, program, precondition).',
  ),
  'procedures.apply': defineCall<RunAnswer>()(
    z.object({ runId: id, event: clientEventSchema }).strict(),
    'Apply an agent event to a run (tick, answer, inputs, choose, next, confirm, act, back, abandon); a refused event comes back as the view’s notice.',
  ),
  'procedures.get': defineCall<RunAnswer>()(
    z.object({ runId: id }).strict(),
    'A run as the checklist shows it, refreshed with the latest synced records.',
  ),
  'procedures.active': defineCall<Readonly<{ runs: readonly ActiveRun[] }>>()(
    z.object({}).strict(),
    "The signed-in agent's runs that are not finished, most recent first (to resume after a restart).",
  ),
} as const;
