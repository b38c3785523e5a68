// The pure runner: start(procedure, context) → run, applyTo(run, event) → run.
// The current step is always the first step on the path that is not done, so a step can
// only be reached through every step before it; an event that would skip or break a rule
// is refused and the refusal is left on the run as a notice, in words.
import { containsCardNumber, maskCardNumbers } from '../domain';
import { auditEventOf } from './audit';
import { runDataOf } from './data';
import { procedureFor } from './definitions';
import {
  blockerOf,
  currentStep,
  evaluateAct,
  evaluateBranch,
  isDone,
  normalisedQuantities,
  openSubSteps,
  pathOf,
  quantityLinesOf,
  scopeOf,
  secretFields,
} from './evaluate';
import type { ActStep, Procedure, Step } from './format';
import { canStart, type StartContext, type Offer } from './policy';
import { registry } from './registry';
import type { BuiltMutation, Reason } from './registry';
import { screenedInput } from './registry/fields';
import type { Actor, HistoryEntry, JsonValue, MutationOutcome, Run, RunEvent, StepState } from './run';

export class StartRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly offer?: Offer,
  ) {
    super(message);
    this.name = 'StartRefused';
  }
}

/** Starts a run. Throws StartRefused when policy says no (role, program, mode, offline, precondition). */
export function start(procedure: Procedure, context: StartContext): Run {
  const allowed = canStart(procedure, context);
  if (!allowed.ok) throw new StartRefused(allowed.code, allowed.message, allowed.offer);
  const run: Run = {
    format: 1,
    id: context.runId,
    code: procedure.code,
    customerId: context.data.customer.id,
    agent: { id: context.agent.id, name: context.agent.name, role: context.agent.role },
    mode: context.mode,
    entryPoint: context.entryPoint ?? procedure.entryPoints[0]!.id,
    status: 'active',
    startedAt: context.now,
    updatedAt: context.now,
    cursor: null,
    online: context.online,
    values: {},
    steps: {},
    history: [
      {
        at: context.now,
        event: 'start',
        by: 'agent',
        detail: `${context.mode} from ${context.entryPoint ?? procedure.entryPoints[0]!.id}`,
      },
    ],
    data: context.data,
    baseline: context.data,
  };
  return settle(procedure, run, context.now);
}

// ---------------------------------------------------------------------------------------

function patchStep(run: Run, stepId: string, patch: Partial<StepState>): Run {
  return { ...run, steps: { ...run.steps, [stepId]: { ...run.steps[stepId], ...patch } } };
}

function withHistory(run: Run, entry: HistoryEntry): Run {
  return { ...run, history: [...run.history, entry], updatedAt: entry.at };
}

function refuse(run: Run, at: string, reason: Reason): Run {
  return { ...run, notice: { code: reason.code, message: reason.message, at } };
}

function markDone(run: Run, step: Step, at: string, by: Actor, event: string, detail?: string): Run {
  const done = patchStep(run, step.id, { doneAt: at, doneBy: by });
  return withHistory(done, { at, event, by, stepId: step.id, ...(detail ? { detail } : {}) });
}

/** When a step becomes current for the first time: fill in what the records already say. */
function arrive(procedure: Procedure, run: Run, step: Step, at: string): Run {
  const state = run.steps[step.id];
  let next = run;
  if (!state?.reachedAt) {
    next = patchStep(next, step.id, { reachedAt: at });
    const scope = scopeOf(next, at);
    if (step.kind === 'input' && step.prefill) {
      const prefilled = registry.prefills[step.prefill](scope);
      const values = { ...next.values };
      for (const [name, value] of Object.entries(prefilled)) if (values[name] === undefined) values[name] = value;
      next = { ...next, values };
    }
    if (step.kind === 'choose' && next.values[step.as] === undefined) {
      const source = registry.choices[step.from];
      const preselected = source.preselect?.(scope, source.options(scope)) ?? [];
      if (preselected.length > 0) next = { ...next, values: { ...next.values, [step.as]: [...preselected] } };
    }
  }
  if (step.kind === 'input') {
    // Quantity lines follow earlier choices (products, transactions): refit them on every arrival.
    const scope = scopeOf(next, at);
    const values = { ...next.values };
    for (const field of step.fields) {
      const lines = quantityLinesOf(field, scope);
      if (lines) values[field.name] = normalisedQuantities(lines, values[field.name]);
    }
    next = { ...next, values };
  }
  return next;
}

/**
 * Moves the run forward through what needs no agent: checks the synced records verify,
 * branches the data decides. Ends the run when no step is left.
 */
function settle(procedure: Procedure, input: Run, at: string): Run {
  let run = input;
  for (let guard = 0; guard < procedure.steps.length + 2; guard++) {
    if (run.status !== 'active') return run;
    const step = currentStep(procedure, run);
    if (!step) return finish(procedure, run, at);
    run = arrive(procedure, run, step, at);
    run = run.cursor === step.id ? run : { ...run, cursor: step.id };
    const scope = scopeOf(run, at);
    if (step.kind === 'check' && step.verify && (step.verify.auto === 'always' || run.mode === 'guide')) {
      if (registry.predicates[step.verify.predicate](scope)) {
        run = markDone(run, step, at, 'sync', 'verified', step.verify.predicate);
        continue;
      }
    }
    if (step.kind === 'branch' && step.decide.by === 'data') {
      const branch = evaluateBranch(procedure, step, scope, run);
      if (branch.decided !== undefined && run.values[step.as] !== branch.decided) {
        run = { ...run, values: { ...run.values, [step.as]: branch.decided } };
      }
      if (!branch.blocker && branch.decided !== undefined) {
        run = markDone(run, step, at, 'sync', 'decided', branch.decided);
        continue;
      }
    }
    return run;
  }
  return run;
}

/** Once the change is sent (or the run ends) secret inputs are not needed: forget them. */
function forgetSecrets(procedure: Procedure, run: Run): Run {
  const names = [...secretFields(procedure).values()].flat().filter((name) => run.values[name] !== undefined);
  if (names.length === 0) return run;
  const values = { ...run.values };
  for (const name of names) delete values[name];
  return { ...run, values };
}

function finish(procedure: Procedure, input: Run, at: string): Run {
  const run = forgetSecrets(procedure, input);
  const queued = Object.values(run.steps).some((s) => Object.values(s.act?.outcomes ?? {}).some((o) => o.status === 'queued'));
  const ended: Run = { ...run, status: 'done', outcome: queued ? 'queued' : 'completed', endedAt: at, cursor: null, updatedAt: at };
  const done = withHistory(ended, { at, event: 'done', by: 'console', from: run.cursor, to: null });
  return { ...done, audit: { event: auditEventOf(procedure, done) } };
}

function abandon(procedure: Procedure, input: Run, at: string, reason: string | undefined): Run {
  const run = forgetSecrets(procedure, input);
  const rejected = Object.values(run.steps).some((s) => s.act?.state === 'rejected');
  const ended: Run = { ...run, status: 'abandoned', outcome: rejected ? 'failed' : 'abandoned', endedAt: at, cursor: null };
  const done = withHistory(ended, { at, event: 'abandon', by: 'agent', from: run.cursor, to: null });
  return { ...done, audit: { event: auditEventOf(procedure, done, reason) } };
}

// ---------------------------------------------------------------------------------------

/** The mutations the current act step still has to send (those already applied or queued are skipped). */
export function pendingMutations(procedure: Procedure, run: Run, at: string = run.updatedAt): readonly BuiltMutation[] {
  const step = currentStep(procedure, run);
  if (step?.kind !== 'act') return [];
  const evaluation = evaluateAct(procedure, step, scopeOf(run, at), run);
  if (evaluation.blocker) return [];
  const outcomes = run.steps[step.id]?.act?.outcomes ?? {};
  return evaluation.mutations.filter((m) => outcomes[m.key]?.status !== 'applied' && outcomes[m.key]?.status !== 'queued');
}

function back(procedure: Procedure, run: Run, at: string): Run {
  const path = pathOf(procedure, run);
  if (path.some((s) => s.kind === 'act' && isDone(run, s))) {
    return refuse(run, at, {
      code: 'change_already_made',
      message: 'The change has been made; going back cannot undo it. Finish the procedure, or start another one to change it again.',
    });
  }
  if (path.some((s) => run.steps[s.id]?.act?.state === 'sending')) {
    return refuse(run, at, { code: 'act_sending', message: 'A change is being sent; wait for its answer before going back.' });
  }
  const cursorIndex = run.cursor === null ? path.length : path.findIndex((s) => s.id === run.cursor);
  const target = [...path.slice(0, cursorIndex)].reverse().find((s) => run.steps[s.id]?.doneBy === 'agent');
  if (!target) return refuse(run, at, { code: 'nothing_to_go_back_to', message: 'There is no earlier step to go back to.' });
  const from = path.findIndex((s) => s.id === target.id);
  const steps = { ...run.steps };
  const values = { ...run.values };
  for (const step of path.slice(from)) {
    const state = steps[step.id];
    if (!state) continue;
    const kept = Object.fromEntries(Object.entries(state.act?.outcomes ?? {}).filter(([, o]) => o.status !== 'rejected'));
    const { doneAt: _d, doneBy: _b, confirmedAt: _c, attemptedAt: _a, act: _act, ...rest } = state;
    steps[step.id] = { ...rest, ...(Object.keys(kept).length > 0 ? { act: { state: 'rejected', at, outcomes: kept } } : {}) };
    // A branch the data decided decides again when it is reached again.
    if (step.kind === 'branch' && step.decide.by === 'data' && step.id !== target.id) delete values[step.as];
  }
  const moved = withHistory(
    { ...run, steps, values, cursor: target.id },
    { at, event: 'back', by: 'agent', from: run.cursor, to: target.id },
  );
  return settle(procedure, moved, at);
}

function onCurrent(procedure: Procedure, run: Run, event: RunEvent & { stepId: string }): Step | Reason {
  const step = currentStep(procedure, run);
  if (!step) return { code: 'run_ended', message: 'This run has ended.' };
  if (step.id !== event.stepId) {
    const named = procedure.steps.find((s) => s.id === event.stepId);
    return {
      code: 'not_current_step',
      message: `"${named?.title ?? maskCardNumbers(event.stepId).slice(0, 60)}" is not the current step; the current step is "${step.title}".`,
    };
  }
  return step;
}

function confirmationNeeded(step: ActStep): Reason {
  return {
    code: 'confirmation_needed',
    message: `Click ${step.button}: the ${step.confirmation?.title.toLowerCase() ?? 'confirmation window'} opens; click ${step.confirmation?.button ?? 'OK'} in it to confirm.`,
  };
}

const isReason = (value: Step | Reason): value is Reason => 'code' in value && !('kind' in value);

/** Applies an event to a run: of its library procedure, or of the one given (a view asking what a step would accept). */
export function applyTo(input: Run, event: RunEvent, procedure: Procedure = procedureFor(input.code)): Run {
  const at = event.at;
  // Only the console's bookkeeping may touch an ended run.
  if (input.status !== 'active' && event.type !== 'refresh' && event.type !== 'auditSent') {
    return refuse(input, at, { code: 'run_ended', message: 'This run has ended.' });
  }
  // A notice stays until the agent's next accepted event; the console's own refreshes keep it.
  const keepsNotice = event.type === 'refresh' || event.type === 'auditSent';
  const run: Run = input.notice && !keepsNotice ? (({ notice: _n, ...rest }) => rest)(input) : input;

  switch (event.type) {
    case 'refresh': {
      const refreshed = {
        ...run,
        ...(event.data ? { data: event.data } : {}),
        ...(event.online !== undefined ? { online: event.online } : {}),
      };
      if (run.status !== 'active') return refreshed;
      const settled = settle(procedure, refreshed, at);
      // The records moved the run on: an old refusal no longer applies to where it is.
      return settled.cursor !== run.cursor && settled.notice ? (({ notice: _n, ...rest }) => rest)(settled) : settled;
    }
    case 'auditSent':
      return run.audit ? { ...run, audit: { ...run.audit, sentAt: at } } : run;
    case 'abandon':
      return abandon(procedure, run, at, event.reason);
    case 'back':
      return back(procedure, run, at);
    default:
      break;
  }

  const found = onCurrent(procedure, run, event);
  if (isReason(found)) return refuse(input, at, found);
  const step = found;
  const scope = scopeOf(run, at);
  const wrongKind = (expected: string): Run =>
    refuse(input, at, { code: 'wrong_event', message: `"${step.title}" is a ${step.kind} step: ${expected}.` });
  const hint =
    step.kind === 'check'
      ? 'tick it'
      : step.kind === 'confirm'
        ? `click ${step.button}`
        : step.kind === 'act'
          ? `click ${step.button}`
          : 'use Next';

  switch (event.type) {
    case 'tick': {
      if (step.kind !== 'check') return wrongKind(hint);
      // Confirming while "have them sign in" steps are still open must say which are skipped.
      const open = openSubSteps(step, scope, run);
      const skipping = new Set(event.skipping ?? []);
      const unsaid = open.filter((s) => !skipping.has(s.id));
      if (unsaid.length > 0) {
        return refuse(input, at, {
          code: 'sub_steps_open',
          message: `Not done yet: ${unsaid.map((s) => `"${s.text}"`).join(' ')} Tick them, or confirm that you skip them.`,
        });
      }
      const skipped = open.map((s) => s.id).join(', ');
      return settle(procedure, markDone(run, step, at, 'agent', 'tick', skipped ? `skipped: ${skipped}` : undefined), at);
    }

    case 'notYet': {
      if (step.kind !== 'check' || !step.ifNot) return wrongKind(hint);
      const next = patchStep(run, step.id, { notYetAt: at });
      return withHistory(next, { at, event: 'notYet', by: 'agent', stepId: step.id });
    }

    case 'tickSub': {
      if (step.kind !== 'check' || !step.ifNot?.steps.some((s) => s.id === event.subStepId)) return wrongKind(hint);
      const subDone = { ...run.steps[step.id]?.subDone, [event.subStepId]: at };
      return withHistory(patchStep(run, step.id, { subDone }), {
        at,
        event: 'tickSub',
        by: 'agent',
        stepId: step.id,
        detail: event.subStepId,
      });
    }

    case 'answer': {
      if (step.kind !== 'branch' || step.decide.by !== 'answer') return wrongKind(hint);
      if (!step.arms.some((a) => a.id === event.arm))
        return refuse(input, at, { code: 'arm_unknown', message: `Choose one of: ${step.arms.map((a) => a.label).join(', ')}.` });
      const answered = withHistory(
        { ...run, values: { ...run.values, [step.as]: event.arm } },
        { at, event: 'answer', by: 'agent', stepId: step.id, detail: event.arm },
      );
      const branch = evaluateBranch(procedure, step, scopeOf(answered, at), answered);
      if (branch.blocker) return { ...answered, notice: { ...branch.blocker, at } };
      return settle(procedure, markDone(answered, step, at, 'agent', 'decided', event.arm), at);
    }

    case 'setInputs': {
      if (step.kind !== 'input') return wrongKind(hint);
      const fields = new Map(step.fields.map((f) => [f.name, f]));
      const unknown = Object.keys(event.values).filter((name) => !fields.has(name));
      // Names only, and masked: a name is input too, and the notice is stored with the run.
      if (unknown.length > 0)
        return refuse(input, at, {
          code: 'unknown_field',
          message: `"${step.title}" has no field ${unknown.map((name) => maskCardNumbers(name).slice(0, 60)).join(', ')}.`,
        });
      const values: Record<string, JsonValue> = { ...run.values };
      // The run is stored on disk: a card number typed into a text field is not kept, the field shows why.
      for (const [name, value] of Object.entries(event.values)) values[name] = screenedInput(value, fields.get(name)!.secret === true);
      // Secret fields are named only, never their values: the history is stored and audited.
      return withHistory(
        { ...run, values },
        { at, event: 'setInputs', by: 'agent', stepId: step.id, detail: Object.keys(event.values).join(',') },
      );
    }

    case 'choose': {
      if (step.kind !== 'choose') return wrongKind(hint);
      const ids = [...new Set(event.ids)];
      // Ids are stored with the run and its history; no option id looks like a card number, so one that does is not kept.
      if (ids.some(containsCardNumber))
        return refuse(input, at, { code: 'choice_unknown', message: `${step.title}: that choice is not offered.` });
      return withHistory(
        { ...run, values: { ...run.values, [step.as]: ids } },
        { at, event: 'choose', by: 'agent', stepId: step.id, detail: ids.join(',') },
      );
    }

    case 'next': {
      if (step.kind === 'check' || step.kind === 'confirm' || step.kind === 'act') return wrongKind(hint);
      if (step.kind === 'branch' && step.decide.by === 'answer') return wrongKind('choose an answer');
      const blocker = blockerOf(procedure, step, scope, run);
      if (blocker) return refuse(patchStep(input, step.id, { attemptedAt: at }), at, blocker);
      return settle(procedure, markDone(run, step, at, 'agent', 'next'), at);
    }

    case 'confirm': {
      if (step.kind !== 'confirm') return wrongKind(hint);
      const confirmed = patchStep(run, step.id, { confirmedAt: at });
      return settle(procedure, markDone(confirmed, step, at, 'agent', 'confirm', step.button), at);
    }

    case 'act': {
      if (step.kind !== 'act') return wrongKind(hint);
      const state = run.steps[step.id]?.act;
      const evaluation = evaluateAct(procedure, step, scope, run);
      if (evaluation.blocker) return refuse(input, at, evaluation.blocker);
      // The article's window comes after the button: only its own button sends the change.
      if (step.confirmation && event.confirmed !== step.confirmation.button) {
        return refuse(input, at, confirmationNeeded(step));
      }
      const keys = evaluation.mutations.map((m) => m.key);
      const sending = patchStep(run, step.id, {
        act: { state: 'sending', at, keys, outcomes: state?.outcomes ?? {} },
        ...(step.confirmation ? { confirmedAt: at } : {}),
      });
      const confirmed = step.confirmation ? ` after ${step.button} → ${step.confirmation.button}` : '';
      return withHistory(sending, {
        at,
        event: 'act',
        by: 'agent',
        stepId: step.id,
        detail: evaluation.mutations.map((m) => m.mutation.name).join(',') + confirmed,
      });
    }

    case 'actResult': {
      if (step.kind !== 'act' || run.steps[step.id]?.act?.state !== 'sending') {
        return refuse(input, at, { code: 'not_sending', message: 'No change is being sent from this step.' });
      }
      const before = run.steps[step.id]!.act!;
      const outcomes: Record<string, MutationOutcome> = { ...before.outcomes, ...event.outcomes };
      const keys = before.keys ?? Object.keys(outcomes);
      const allThrough = keys.every((k) => outcomes[k]?.status === 'applied' || outcomes[k]?.status === 'queued');
      const summary = Object.entries(event.outcomes)
        .map(([k, o]) => `${k}:${o.status}${o.code ? `(${o.code})` : ''}`)
        .join(' ');
      const recorded = withHistory(patchStep(run, step.id, { act: { state: allThrough ? 'done' : 'rejected', at, keys, outcomes } }), {
        at,
        event: 'actResult',
        by: 'console',
        stepId: step.id,
        detail: summary,
      });
      if (!allThrough) {
        const rejected = Object.values(event.outcomes).find((o) => o.status === 'rejected');
        return {
          ...recorded,
          notice: { code: rejected?.code ?? 'rejected', message: rejected?.message ?? 'The account system refused the change.', at },
        };
      }
      return settle(procedure, forgetSecrets(procedure, markDone(recorded, step, at, 'agent', 'applied')), at);
    }
  }
}

/** A refreshed snapshot of the customer's records, as the console passes it on a sync. */
export { runDataOf };
