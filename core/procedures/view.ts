// The run as the UI shows it: one generic shape a checklist component renders for any
// procedure (documented in README.md). Serialisable; never carries a secret value.
import type { MutationName } from '../protocol';
import { procedureFor } from './definitions';
import {
  actNeedsOnline,
  blockerOf,
  currentStep,
  evaluateBranch,
  expectedStepCount,
  selectedIds,
  evaluateChoose,
  evaluateInput,
  evaluateReview,
  isSummary,
  pathOf,
  scopeOf,
} from './evaluate';
import type { FieldEvaluation } from './evaluate';
import type { Procedure, Step, StepKind } from './format';
import { offlineOffers } from './policy';
import type { Offer } from './policy';
import { registry } from './registry';
import { commonFacts } from './registry/common';
import { isRefusedInput } from './registry/fields';
import type { FieldOption, Option, QuantityLine, Reason, Scope, Summary, Widget } from './registry';
import type { Actor, ClientEventType, JsonValue, Run } from './run';
import { applyTo } from './runner';

export type FieldView = Readonly<{
  name: string;
  label: string;
  widget: Widget;
  required: boolean;
  secret: boolean;
  /** The value as typed; absent for secret fields (see `display`). */
  value?: JsonValue;
  /** For a secret field that holds a value: how it may be shown ("•••• 1111"). */
  display?: string;
  present: boolean;
  /** Shown once the field was filled in, or after a refused Next. */
  error?: Reason;
  help?: string;
  options?: readonly FieldOption[];
  lines?: readonly QuantityLine[];
}>;

export type StepView = Readonly<{
  id: string;
  kind: StepKind;
  title: string;
  /** What the agent does, in the article's words, facts merged in. */
  text: string;
  /** What the agent says to the customer, word for word (the read-out box holds only these). */
  talk: readonly string[];
  /** For the agent only, never read out (shown apart from the read-out box). */
  notes: readonly string[];
  state: 'done' | 'current' | 'upcoming';
  doneAt?: string;
  doneBy?: Actor;
  /** Current step only: why it cannot be completed yet. */
  blocked?: Reason;
  /** The article steps this step follows (ids of the traceability table). */
  covers: readonly string[];
  check?: Readonly<{
    status?: string;
    /** Ticks itself when the synced records show it happened. */
    verifiable: boolean;
    ifNot?: Readonly<{ text: string; shown: boolean; steps: readonly Readonly<{ id: string; text: string; doneAt?: string }>[] }>;
  }>;
  branch?: Readonly<{ by: 'data' | 'answer'; arms: readonly Readonly<{ id: string; label: string }>[]; chosen?: string }>;
  input?: Readonly<{ fields: readonly FieldView[]; error?: Reason }>;
  choose?: Readonly<{ options: readonly Option[]; selected: readonly string[]; multiple: boolean; optional: boolean }>;
  review?: Readonly<{ summary?: Summary; error?: Reason }>;
  confirm?: Readonly<{ button: string; confirmedAt?: string }>;
  act?: Readonly<{
    button: string;
    /** The window the button opens; the change is sent from its button (`act` with `confirmed`). */
    confirmation?: Readonly<{ title: string; button: string }>;
    mutations: readonly MutationName[];
    /** Derived from the mutations: true when the change cannot be queued offline. */
    needsOnline: boolean;
    state?: 'sending' | 'done' | 'rejected';
    outcomes: readonly Readonly<{ key: string; status: string; code?: string; message?: string }>[];
  }>;
  result?: Readonly<{ lines: readonly string[]; notes: readonly string[]; refs?: Readonly<Record<string, string>>; queued: boolean }>;
}>;

export type AvailableEvent = Readonly<{ type: ClientEventType; stepId?: string }>;

export type RunView = Readonly<{
  runId: string;
  code: Procedure['code'];
  title: string;
  summary: string;
  program: Procedure['program'];
  source: Procedure['source'];
  mode: Run['mode'];
  entryPoint: Readonly<{ id: string; label: string }>;
  customerId: string;
  customerName: string;
  agent: Run['agent'];
  status: Run['status'];
  outcome?: Run['outcome'];
  startedAt: string;
  updatedAt: string;
  endedAt?: string;
  online: boolean;
  currentStepId: string | null;
  progress: Readonly<{ done: number; total: number }>;
  steps: readonly StepView[];
  /** The events the runner would accept now (payload-carrying ones by type). */
  available: readonly AvailableEvent[];
  /** The last refused event, in words. */
  notice?: Readonly<{ code: string; message: string; at: string }>;
  /** Standing warnings (member company): shown, never blocking. */
  warnings: readonly Reason[];
  /** When the backend is offline and the current change cannot wait: what to offer instead. */
  offer?: Offer;
  history: Run['history'];
}>;

function factsOf(procedure: Procedure, scope: Scope): Record<string, string> {
  return { ...commonFacts(scope), ...(procedure.facts ? registry.facts[procedure.facts](scope) : {}) };
}

function render(template: string, facts: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-zA-Z][\w.]*)\}/g, (whole, key: string) => facts[key] ?? whole);
}

function fieldView(f: FieldEvaluation, showErrors: boolean): FieldView {
  const secret = f.field.secret === true;
  const present = f.value !== undefined;
  const type = registry.fieldTypes[f.field.type];
  const touched = f.raw !== undefined && f.raw !== '';
  return {
    name: f.field.name,
    label: f.field.label,
    widget: type.widget,
    required: f.required,
    secret,
    // A refused value (it held a card number) was never kept: there is nothing to show back.
    ...(secret
      ? present && type.mask
        ? { display: type.mask(f.value!) }
        : {}
      : f.raw !== undefined && !isRefusedInput(f.raw)
        ? { value: f.raw }
        : {}),
    present,
    ...(f.error && (showErrors || touched) ? { error: f.error } : {}),
    ...(f.field.help ? { help: f.field.help } : {}),
    ...(f.options ? { options: f.options } : {}),
    ...(f.lines ? { lines: f.lines } : {}),
  };
}

function stepView(
  procedure: Procedure,
  run: Run,
  step: Step,
  scope: Scope,
  facts: Record<string, string>,
  current: Step | undefined,
): StepView {
  const state = run.steps[step.id];
  const status = state?.doneAt ? 'done' : step.id === current?.id ? 'current' : 'upcoming';
  const base = {
    id: step.id,
    kind: step.kind,
    title: step.title,
    text: render(step.text, facts),
    talk: (step.talk ?? []).map((t) => render(t, facts)),
    notes: [] as readonly string[],
    state: status,
    ...(state?.doneAt ? { doneAt: state.doneAt } : {}),
    ...(state?.doneBy ? { doneBy: state.doneBy } : {}),
    covers: step.covers,
  } as const;
  const blocked = status === 'current' ? blockerOf(procedure, step, scope, run) : undefined;
  const withBlock = blocked && !(step.kind === 'check' || step.kind === 'confirm') ? { blocked } : {};
  const visible = status !== 'upcoming';
  switch (step.kind) {
    case 'check': {
      const dataSaysNo = step.verify && !registry.predicates[step.verify.predicate](scope);
      return {
        ...base,
        ...withBlock,
        check: {
          ...(step.status ? { status: render(step.status, facts) } : {}),
          verifiable: step.verify !== undefined && (step.verify.auto === 'always' || run.mode === 'guide'),
          ...(step.ifNot
            ? {
                ifNot: {
                  text: render(step.ifNot.text, facts),
                  shown: status !== 'done' && (state?.notYetAt !== undefined || (step.verify?.auto === 'always' && dataSaysNo === true)),
                  steps: step.ifNot.steps.map((s) => ({
                    id: s.id,
                    text: s.text,
                    ...(state?.subDone?.[s.id] ? { doneAt: state.subDone[s.id] } : {}),
                  })),
                },
              }
            : {}),
        },
      };
    }
    case 'say':
      return base;
    case 'branch': {
      const branch = visible ? evaluateBranch(procedure, step, scope, run) : {};
      return {
        ...base,
        ...withBlock,
        branch: {
          by: step.decide.by,
          arms: step.arms.map((a) => ({ id: a.id, label: a.label })),
          ...(branch.arm ? { chosen: branch.arm } : {}),
        },
      };
    }
    case 'input': {
      if (!visible) return { ...base, input: { fields: [] } };
      const evaluation = evaluateInput(step, scope, run);
      const showErrors = state?.attemptedAt !== undefined && status === 'current';
      return {
        ...base,
        ...withBlock,
        input: {
          fields: evaluation.fields.map((f) => fieldView(f, showErrors)),
          ...(evaluation.error && showErrors ? { error: evaluation.error } : {}),
        },
      };
    }
    case 'choose': {
      const evaluation = visible ? evaluateChoose(step, scope, run) : { options: [], selected: [] };
      return {
        ...base,
        ...withBlock,
        choose: { options: evaluation.options, selected: evaluation.selected, multiple: step.multiple, optional: step.optional === true },
      };
    }
    case 'review': {
      if (!visible) return { ...base, review: {} };
      const computed = evaluateReview(step, scope);
      return { ...base, ...withBlock, review: isSummary(computed) ? { summary: computed } : { error: computed } };
    }
    case 'confirm':
      return { ...base, confirm: { button: step.button, ...(state?.confirmedAt ? { confirmedAt: state.confirmedAt } : {}) } };
    case 'act': {
      const outcomes = Object.entries(state?.act?.outcomes ?? {}).map(([key, o]) => ({
        key,
        status: o.status,
        ...(o.code ? { code: o.code } : {}),
        ...(o.message ? { message: o.message } : {}),
      }));
      return {
        ...base,
        ...withBlock,
        act: {
          button: step.button,
          ...(step.confirmation ? { confirmation: step.confirmation } : {}),
          mutations: step.mutations,
          needsOnline: actNeedsOnline(step),
          ...(state?.act ? { state: state.act.state } : {}),
          outcomes,
        },
      };
    }
    case 'result': {
      if (!visible) return base;
      const all = Object.values(run.steps).flatMap((s) => Object.values(s.act?.outcomes ?? {}));
      const outcomes = Object.fromEntries(Object.values(run.steps).flatMap((s) => Object.entries(s.act?.outcomes ?? {})));
      const computed = step.compute ? registry.results[step.compute](scope, outcomes) : { lines: [] };
      const queued = all.some((o) => o.status === 'queued');
      const lines = computed.lines;
      // How the console handles a queued change is the agent's to know, not the customer's to hear.
      const notes = [
        ...(computed.notes ?? []),
        ...(queued
          ? [
              'Queued: the account system is offline, so the change waits in the console and is sent when it is back. If it is refused then, it shows in the queue with the reason.',
            ]
          : []),
      ];
      return {
        ...base,
        talk: [...lines, ...base.talk],
        notes,
        result: { lines, notes, ...(computed.refs ? { refs: computed.refs } : {}), queued },
      };
    }
  }
}

function availableEvents(procedure: Procedure, run: Run, now: string): AvailableEvent[] {
  if (run.status !== 'active') return [];
  const step = currentStep(procedure, run);
  const out: AvailableEvent[] = [];
  const accepts = (event: Parameters<typeof applyTo>[1]) => applyTo(run, event, procedure).notice === undefined;
  if (step) {
    const stepId = step.id;
    if (step.kind === 'check') {
      out.push({ type: 'tick', stepId });
      if (step.ifNot) out.push({ type: 'notYet', stepId }, { type: 'tickSub', stepId });
    } else if (step.kind === 'input') out.push({ type: 'setInputs', stepId });
    else if (step.kind === 'choose') out.push({ type: 'choose', stepId });
    else if (step.kind === 'branch' && step.decide.by === 'answer') out.push({ type: 'answer', stepId });
    else if (step.kind === 'confirm') out.push({ type: 'confirm', stepId });
    if (
      step.kind === 'act' &&
      accepts({ type: 'act', stepId, at: now, ...(step.confirmation ? { confirmed: step.confirmation.button } : {}) })
    )
      out.push({ type: 'act', stepId });
    if (['say', 'input', 'choose', 'review', 'result'].includes(step.kind) || (step.kind === 'branch' && step.decide.by === 'data')) {
      if (accepts({ type: 'next', stepId, at: now })) out.push({ type: 'next', stepId });
    }
  }
  if (accepts({ type: 'back', at: now })) out.push({ type: 'back' });
  out.push({ type: 'abandon' });
  return out;
}

/**
 * Facts a run's own choices give every template: `{chosen.<as>}` (the labels of a choose
 * step's selection) and `{review.confirms}` (what the last review says the customer agrees
 * to), so consent and confirmation name the record and the amount, not "this change".
 */
function runFacts(procedure: Procedure, run: Run, scope: Scope): Record<string, string> {
  const out: Record<string, string> = {};
  for (const step of pathOf(procedure, run)) {
    if (step.kind === 'choose') {
      const selected = selectedIds(run, step.as);
      if (selected.length === 0) continue;
      const options = evaluateChoose(step, scope, run).options;
      out[`chosen.${step.as}`] = selected.map((id) => options.find((o) => o.id === id)?.label ?? id).join(', ');
    } else if (step.kind === 'review' && run.steps[step.id]?.doneAt !== undefined) {
      const review = evaluateReview(step, scope);
      // A done review may no longer compute (T1 forgets the card number once it is sent): its
      // consent is done by then and not shown, but its template must still read as words.
      if (isSummary(review) && review.confirms) out['review.confirms'] = review.confirms;
      else out['review.confirms'] ??= 'the change agreed';
    }
  }
  return out;
}

export function viewOf(run: Run, now: string = run.updatedAt, procedure: Procedure = procedureFor(run.code)): RunView {
  const scope = scopeOf(run, now);
  const facts = { ...factsOf(procedure, scope), ...runFacts(procedure, run, scope) };
  const current = currentStep(procedure, run);
  const path = pathOf(procedure, run);
  const steps = path.map((step) => stepView(procedure, run, step, scope, facts, current));
  const currentView = steps.find((s) => s.id === current?.id);
  const offlineBlocked = current?.kind === 'act' && currentView?.blocked?.code === 'backend_offline';
  const offer = offlineBlocked ? offlineOffers[procedure.program] : undefined;
  const entry = procedure.entryPoints.find((e) => e.id === run.entryPoint) ?? procedure.entryPoints[0]!;
  return {
    runId: run.id,
    code: procedure.code,
    title: procedure.title,
    summary: procedure.summary,
    program: procedure.program,
    source: procedure.source,
    mode: run.mode,
    entryPoint: { id: entry.id, label: entry.label },
    customerId: run.customerId,
    customerName: run.data.customer.name,
    agent: run.agent,
    status: run.status,
    ...(run.outcome ? { outcome: run.outcome } : {}),
    startedAt: run.startedAt,
    updatedAt: run.updatedAt,
    ...(run.endedAt ? { endedAt: run.endedAt } : {}),
    online: run.online,
    currentStepId: current?.id ?? null,
    progress: {
      done: steps.filter((s) => s.state === 'done').length,
      total: run.status === 'active' ? expectedStepCount(procedure, run, scope) : steps.length,
    },
    steps,
    available: availableEvents(procedure, run, now),
    ...(run.notice ? { notice: run.notice } : {}),
    warnings: procedure.warnings ? registry.warnings[procedure.warnings](scope) : [],
    ...(offer && offer.code !== procedure.code ? { offer } : {}),
    history: run.history,
  };
}
