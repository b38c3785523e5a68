// The shapes of the named pure functions definitions refer to. Every one is a function of
// the run's scope (its records, values and time): no clock, no I/O.
import type { AgentRole, Customer, IsoInstant, ProcedureMode, RuleFailure } from '../../domain';
import type { Mutation } from '../../protocol';
import type { RunData } from '../data';
import type { JsonValue, MutationOutcome } from '../run';

export type Scope = Readonly<{
  runId: string;
  data: RunData;
  baseline: RunData;
  customer: Customer;
  /** The time of the event being applied (or of the last one, for a view). */
  now: IsoInstant;
  mode: ProcedureMode;
  entryPoint: string;
  online: boolean;
  agent: Readonly<{ id: string; name: string; role: AgentRole }>;
  values: Readonly<Record<string, JsonValue>>;
}>;

/** Why something cannot happen: a stable code and a sentence for the agent. */
export type Reason = Readonly<{ code: string; message: string }>;

export type Option = Readonly<{
  id: string;
  label: string;
  detail?: string;
  /** Shown but not selectable, with the rule that refuses it. */
  disabled?: Reason;
}>;

export type Predicate = (scope: Scope) => boolean;

export type Decider = (scope: Scope) => Readonly<{ arm: string }> | Reason;

export type ChoiceSource = Readonly<{
  options: (scope: Scope) => readonly Option[];
  /** What is selected when the step is first reached (e.g. the only subscription). */
  preselect?: (scope: Scope, options: readonly Option[]) => readonly string[];
  /** A rule over the whole selection, beyond each option's own eligibility. */
  check?: (scope: Scope, ids: readonly string[]) => Reason | undefined;
}>;

export const widgets = ['text', 'textarea', 'email', 'tel', 'number', 'date', 'datetime-local', 'select', 'secret', 'quantities'] as const;
export type Widget = (typeof widgets)[number];

export type Parsed = Readonly<{ ok: true; value: JsonValue | undefined }> | (Reason & Readonly<{ ok: false }>);

export type FieldType = Readonly<{
  widget: Widget;
  /** Raw value as typed → the value the rules see; `undefined` when empty. */
  parse: (raw: JsonValue | undefined) => Parsed;
  /** How a secret value may be shown back (e.g. "•••• 1111"). */
  mask?: (value: JsonValue) => string;
}>;

export type FieldOption = Readonly<{ value: string; label: string; disabled?: Reason }>;
export type FieldOptionsSource = (scope: Scope) => readonly FieldOption[];

export type QuantityLine = Readonly<{
  id: string;
  label: string;
  detail?: string;
  min: number;
  max?: number;
  initial: number;
}>;
export type LinesSource = (scope: Scope) => readonly QuantityLine[];

export type Prefill = (scope: Scope) => Readonly<Record<string, JsonValue>>;

export type FieldErrors = Readonly<Record<string, Reason>>;

/** Checks an input step's fields together (parsed values); errors point at fields where they can. */
export type Validator = (
  scope: Scope,
  values: Readonly<Record<string, JsonValue | undefined>>,
) => Readonly<{ fieldErrors?: FieldErrors; error?: Reason }>;

export type SummaryLine = Readonly<{ label: string; value: string; emphasis?: boolean }>;
export type Summary = Readonly<{
  lines: readonly SummaryLine[];
  total?: SummaryLine;
  /** Talk-track or rules the agent should mention (e.g. "prorated for the backdated start"). */
  notes?: readonly string[];
  /**
   * What the customer agrees to, naming the record and the amount ("5 Enterprise SSL
   * certificates for $6.28"): consent and confirmation talk-tracks quote it as `{review.confirms}`.
   */
  confirms?: string;
}>;
export type Computation = (scope: Scope) => Summary | (Reason & Readonly<{ blocked: true }>);

export type BuiltMutation = Readonly<{ key: string; mutation: Mutation }>;
export type Builder = (scope: Scope) => readonly BuiltMutation[] | (Reason & Readonly<{ blocked: true }>);

export type ResultText = Readonly<{
  /** What the agent reads out to the customer, word for word: never an instruction to the agent. */
  lines: readonly string[];
  /** For the agent only, never read out: what to do next, how the console handles the change. */
  notes?: readonly string[];
  /** Record ids the UI may act on (e.g. `licenseKeyId` for an audited reveal). */
  refs?: Readonly<Record<string, string>>;
}>;
export type ResultLines = (scope: Scope, outcomes: Readonly<Record<string, MutationOutcome>>) => ResultText;

export type Facts = (scope: Scope) => Readonly<Record<string, string>>;

export type Precondition = (scope: Scope) => Reason | undefined;

/** Standing warnings shown on the run; they never block. */
export type Warnings = (scope: Scope) => readonly Reason[];

export function reasonOf(failure: RuleFailure): Reason {
  return { code: failure.code, message: failure.message };
}

export function blocked(reason: Reason): Reason & Readonly<{ blocked: true }> {
  return { code: reason.code, message: reason.message, blocked: true };
}

// Reading values: registry functions see raw JSON and read what they expect.

export function text(scope: Scope, name: string): string | undefined {
  const value = scope.values[name];
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function ids(scope: Scope, name: string): string[] {
  const value = scope.values[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function firstId(scope: Scope, name: string): string | undefined {
  return ids(scope, name)[0];
}

export function int(scope: Scope, name: string): number | undefined {
  const value = scope.values[name];
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

export function quantities(scope: Scope, name: string): Record<string, number> {
  const value = scope.values[name];
  const out: Record<string, number> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, raw] of Object.entries(value)) {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (Number.isFinite(n)) out[key] = n;
    }
  }
  return out;
}
