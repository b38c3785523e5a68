// Reading a run: which steps are on its path, what each step needs, and why it cannot be
// completed yet. Pure functions of (procedure, run, time); the runner and the view share them.
import { checkMutationRole, checkRole, isApprovable } from '../domain';
import { argsRejection, isQueueable, mutationArgsSchemas } from '../protocol';
import { approvableIn, approvalGate } from './approvals';
import type { ActStep, BranchStep, CheckStep, ChooseStep, Condition, FieldDefinition, InputStep, Procedure, Step, SubStep } from './format';
import { registry } from './registry';
import type { BuiltMutation, FieldOption, Option, QuantityLine, Reason, Scope, Summary } from './registry';
import type { JsonValue, Run } from './run';

export function scopeOf(run: Run, now: string = run.updatedAt): Scope {
  return {
    runId: run.id,
    data: run.data,
    baseline: run.baseline,
    customer: run.data.customer,
    now,
    mode: run.mode,
    entryPoint: run.entryPoint,
    online: run.online,
    agent: run.agent,
    values: run.values,
  };
}

export function holds(condition: Condition | undefined, run: Pick<Run, 'mode' | 'entryPoint' | 'values'>): boolean {
  if (condition === undefined) return true;
  if ('mode' in condition) return run.mode === condition.mode;
  if ('entryPoint' in condition) return run.entryPoint === condition.entryPoint;
  if ('arm' in condition) {
    const arm = run.values[condition.arm.branch];
    return typeof arm === 'string' && condition.arm.is.includes(arm);
  }
  if ('all' in condition) return condition.all.every((c) => holds(c, run));
  return !holds(condition.not, run);
}

/** The steps this run goes through, in order. Steps after an undecided branch that depend on it are not on it yet. */
export function pathOf(procedure: Procedure, run: Pick<Run, 'mode' | 'entryPoint' | 'values'>): Step[] {
  return procedure.steps.filter((step) => holds(step.when, run));
}

/**
 * How many steps the run will have: the path with every branch not decided yet taken the
 * way the records point (a data branch), or its longest arm (an answer still to come). A
 * progress line counting only the steps already on the path would jump ("0 of 4" → "2 of
 * 5") when a branch decides; this count only ever shrinks, when the agent picks a shorter arm.
 */
export function expectedStepCount(procedure: Procedure, run: Run, scope: Scope): number {
  const open = procedure.steps.filter((s): s is BranchStep => s.kind === 'branch' && typeof run.values[s.as] !== 'string');
  const armsOf = (step: BranchStep): readonly string[] => {
    if (step.decide.by === 'data') {
      const decided = registry.deciders[step.decide.decider](scope);
      if ('arm' in decided) return [decided.arm];
    }
    return step.arms.map((a) => a.id);
  };
  let longest = 0;
  const walk = (index: number, values: Readonly<Record<string, JsonValue>>): void => {
    if (index === open.length) {
      longest = Math.max(longest, pathOf(procedure, { mode: run.mode, entryPoint: run.entryPoint, values }).length);
      return;
    }
    for (const arm of armsOf(open[index]!)) walk(index + 1, { ...values, [open[index]!.as]: arm });
  };
  walk(0, run.values);
  return longest;
}

/** Names of secret inputs (card number, CVC) by the input step that holds them. */
export function secretFields(procedure: Procedure): Map<string, string[]> {
  const byStep = new Map<string, string[]>();
  for (const step of procedure.steps) {
    if (step.kind !== 'input') continue;
    const names = step.fields.filter((f) => f.secret).map((f) => f.name);
    if (names.length > 0) byStep.set(step.id, names);
  }
  return byStep;
}

export function isDone(run: Run, step: Step): boolean {
  return run.steps[step.id]?.doneAt !== undefined;
}

/**
 * The "if not" sub-steps on screen and not ticked yet: the list shows once the agent said
 * "not yet", or at once when the records say no (the sign-in gate).
 */
export function openSubSteps(step: CheckStep, scope: Scope, run: Run): readonly SubStep[] {
  if (!step.ifNot) return [];
  const state = run.steps[step.id];
  const dataSaysNo = step.verify?.auto === 'always' && !registry.predicates[step.verify.predicate](scope);
  if (state?.notYetAt === undefined && !dataSaysNo) return [];
  return step.ifNot.steps.filter((s) => state?.subDone?.[s.id] === undefined);
}

/** The first step on the path that is not done: where the agent is. */
export function currentStep(procedure: Procedure, run: Run): Step | undefined {
  if (run.status !== 'active') return undefined;
  return pathOf(procedure, run).find((step) => !isDone(run, step));
}

// ---------------------------------------------------------------------------------------
// Inputs

export type FieldEvaluation = Readonly<{
  field: FieldDefinition;
  raw: JsonValue | undefined;
  value: JsonValue | undefined;
  required: boolean;
  error?: Reason;
  options?: readonly FieldOption[];
  lines?: readonly QuantityLine[];
}>;

export type InputEvaluation = Readonly<{ fields: readonly FieldEvaluation[]; error?: Reason; blocker?: Reason }>;

function fieldRequired(field: FieldDefinition, scope: Scope): boolean {
  return field.required || (field.requiredIf !== undefined && registry.predicates[field.requiredIf](scope));
}

export function quantityLinesOf(field: FieldDefinition, scope: Scope): readonly QuantityLine[] | undefined {
  return field.lines === undefined ? undefined : registry.lines[field.lines](scope);
}

/** A quantities value completed with each line's initial quantity, lines no longer offered dropped. */
export function normalisedQuantities(lines: readonly QuantityLine[], raw: JsonValue | undefined): Record<string, JsonValue> {
  const current = raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
  return Object.fromEntries(lines.map((line) => [line.id, current[line.id] ?? line.initial]));
}

function evaluateField(field: FieldDefinition, scope: Scope, secretsCleared: boolean): FieldEvaluation {
  const raw = scope.values[field.name];
  const type = registry.fieldTypes[field.type];
  const parsed = type.parse(raw);
  const required = fieldRequired(field, scope);
  const options = field.options === undefined ? undefined : registry.fieldOptions[field.options](scope);
  const lines = quantityLinesOf(field, scope);
  const base = {
    field,
    raw,
    value: parsed.ok ? parsed.value : undefined,
    required,
    ...(options ? { options } : {}),
    ...(lines ? { lines } : {}),
  };
  if (!parsed.ok) return { ...base, error: { code: parsed.code, message: parsed.message } };
  const value = parsed.value;
  if (value === undefined) {
    if (!required) return base;
    if (field.secret && secretsCleared) {
      return {
        ...base,
        error: {
          code: 'secret_not_kept',
          message: `${field.label} is never stored, so it was cleared when the console restarted. Ask for it again.`,
        },
      };
    }
    return { ...base, error: { code: 'field_required', message: `${field.label} is required.` } };
  }
  if (options) {
    const option = options.find((o) => o.value === value);
    if (!option) return { ...base, error: { code: 'option_unknown', message: `Choose one of the offered values for ${field.label}.` } };
    if (option.disabled) return { ...base, error: option.disabled };
  }
  if (lines && value && typeof value === 'object' && !Array.isArray(value)) {
    for (const line of lines) {
      const n = value[line.id];
      if (typeof n !== 'number') continue;
      if (n < line.min) return { ...base, error: { code: 'quantity_too_low', message: `${line.label}: at least ${line.min}.` } };
      if (line.max !== undefined && n > line.max)
        return { ...base, error: { code: 'quantity_too_high', message: `${line.label}: at most ${line.max}.` } };
    }
  }
  return base;
}

/** A field's error in a sentence that names the field once ("Card number is required.", not "Card number: Card number is required."). */
export function namingField(label: string, message: string): string {
  return message.toLowerCase().includes(label.toLowerCase()) ? message : `${label}: ${message}`;
}

export function evaluateInput(step: InputStep, scope: Scope, run: Run): InputEvaluation {
  const secretsCleared = run.steps[step.id]?.secretsCleared === true;
  const own = step.fields.map((field) => evaluateField(field, scope, secretsCleared));
  const checked =
    step.validate === undefined
      ? {}
      : registry.validators[step.validate](scope, Object.fromEntries(own.map((f) => [f.field.name, f.value])));
  // The domain's rule names the problem better than a line's generic bound (refund_quantity_exceeded, not quantity_too_high).
  const generic = new Set(['quantity_too_low', 'quantity_too_high']);
  const fields = own.map((f) => {
    const extra = checked.fieldErrors?.[f.field.name];
    return extra !== undefined && (f.error === undefined || generic.has(f.error.code)) ? { ...f, error: extra } : f;
  });
  const error = checked.error;
  const firstBad = fields.find((f) => f.error !== undefined);
  const badCount = fields.filter((f) => f.error !== undefined).length;
  const more = badCount > 1 ? ` (and ${badCount - 1} more field${badCount > 2 ? 's' : ''} to fix)` : '';
  const blocker =
    error ??
    (firstBad?.error
      ? { code: firstBad.error.code, message: `${namingField(firstBad.field.label, firstBad.error.message)}${more}` }
      : undefined);
  return { fields, ...(error ? { error } : {}), ...(blocker ? { blocker } : {}) };
}

// ---------------------------------------------------------------------------------------
// Choices, branches, reviews, acts

export type ChooseEvaluation = Readonly<{ options: readonly Option[]; selected: readonly string[]; blocker?: Reason }>;

export function selectedIds(run: Pick<Run, 'values'>, name: string): string[] {
  const value = run.values[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function evaluateChoose(step: ChooseStep, scope: Scope, run: Run): ChooseEvaluation {
  const source = registry.choices[step.from];
  const options = source.options(scope);
  const selected = selectedIds(run, step.as);
  const result = (blocker?: Reason) => ({ options, selected, ...(blocker ? { blocker } : {}) });
  if (selected.length === 0) {
    if (step.optional) return result();
    if (options.length === 0)
      return result({ code: 'nothing_to_choose', message: `There is nothing to choose here: ${step.title.toLowerCase()}.` });
    return result({ code: 'nothing_chosen', message: `${step.title}: choose ${step.multiple ? 'at least one' : 'one'}.` });
  }
  if (!step.multiple && selected.length > 1) return result({ code: 'choose_one', message: `${step.title}: choose only one.` });
  for (const id of selected) {
    const option = options.find((o) => o.id === id);
    if (!option) return result({ code: 'choice_unknown', message: `${step.title}: that choice is no longer offered.` });
    if (option.disabled) return result({ code: option.disabled.code, message: `${option.label}: ${option.disabled.message}` });
  }
  return result(source.check?.(scope, selected));
}

export type BranchEvaluation = Readonly<{ arm?: string; decided?: string; blocker?: Reason }>;

/** The arm this branch takes now: decided by data (once, when reached) or answered by the agent. */
export function evaluateBranch(procedure: Procedure, step: BranchStep, scope: Scope, run: Run): BranchEvaluation {
  const stored = run.values[step.as];
  let arm = typeof stored === 'string' && step.arms.some((a) => a.id === stored) ? stored : undefined;
  if (arm === undefined) {
    if (step.decide.by === 'answer') {
      return { blocker: { code: 'answer_needed', message: `Choose: ${step.arms.map((a) => a.label).join(' or ')}.` } };
    }
    const decided = registry.deciders[step.decide.decider](scope);
    if (!('arm' in decided)) return { blocker: { code: decided.code, message: decided.message } };
    arm = decided.arm;
  }
  const variant = step.arms.find((a) => a.id === arm)?.variant;
  if (variant !== undefined) {
    const role = checkRole(scope.agent.role, procedure.code, variant);
    // An agent may go on to prepare a supervisor-only change and ask for its approval at the act step.
    const approvable = !role.ok && role.code === 'supervisor_required' && approvableIn(procedure, scope.mode);
    if (!role.ok && !approvable) return { arm, decided: arm, blocker: { code: role.code, message: role.message } };
  }
  return { arm, decided: arm };
}

export function evaluateReview(step: Extract<Step, { kind: 'review' }>, scope: Scope): Summary | Reason {
  const computed = registry.computations[step.compute](scope);
  return 'blocked' in computed ? { code: computed.code, message: computed.message } : computed;
}

export function isSummary(value: Summary | Reason): value is Summary {
  return 'lines' in value;
}

/** Whether an act step's mutations must reach the backend now (derived, never declared). */
export function actNeedsOnline(step: ActStep): boolean {
  return step.mutations.some((name) => !isQueueable(name));
}

/** `approval`: the blocker is an approval's (the mutations are those to be approved). */
export type ActEvaluation = Readonly<{
  mutations: readonly BuiltMutation[];
  needsOnline: boolean;
  blocker?: Reason;
  offline?: boolean;
  approval?: boolean;
}>;

/**
 * What the act step would send now, and why it cannot: an earlier step no longer valid
 * (the refund window closed while the agent talked), the role, the backend offline for a
 * change that must not wait, or the builder's own rule.
 */
export function evaluateAct(procedure: Procedure, step: ActStep, scope: Scope, run: Run): ActEvaluation {
  const needsOnline = actNeedsOnline(step);
  const earlier = earlierStepProblem(procedure, step, scope, run);
  if (earlier) return { mutations: [], needsOnline, blocker: earlier };
  const builtOrBlocked = registry.builders[step.build](scope);
  if ('blocked' in builtOrBlocked)
    return { mutations: [], needsOnline, blocker: { code: builtOrBlocked.code, message: builtOrBlocked.message } };
  let built = builtOrBlocked;
  for (const { mutation } of built) {
    if (!step.mutations.includes(mutation.name)) {
      return {
        mutations: [],
        needsOnline,
        blocker: { code: 'mutation_not_declared', message: `This step does not declare ${mutation.name}.` },
      };
    }
    const args = mutationArgsSchemas[mutation.name].safeParse(mutation.args);
    if (!args.success) {
      // A field step lets no card number through; this catches text from anywhere else.
      const refused = argsRejection(mutation.name, args.error);
      if (refused.code === 'card_number_in_text') return { mutations: [], needsOnline, blocker: refused };
      return {
        mutations: [],
        needsOnline,
        blocker: {
          code: 'args_invalid',
          message: `The change could not be put together (${args.error.issues[0]?.message ?? 'invalid'}). Go back and check the details.`,
        },
      };
    }
    const role = checkMutationRole(scope.agent.role, mutation.name, mutation.args);
    if (!role.ok && (role.code !== 'supervisor_required' || !isApprovable(mutation.name))) {
      return { mutations: [], needsOnline, blocker: { code: role.code, message: role.message } };
    }
  }
  // A supervisor-only change (P5, P7 disable) of an agent goes with a supervisor's approval of exactly it.
  const needsApproval = built.some(({ mutation }) => !checkMutationRole(scope.agent.role, mutation.name, mutation.args).ok);
  const gate = needsApproval ? approvalGate(built, scope) : { mutations: built };
  if (gate.blocker) return { mutations: gate.mutations, needsOnline, blocker: gate.blocker, approval: true };
  built = gate.mutations;
  const waitsForBackend = built.some(({ mutation }) => !isQueueable(mutation.name));
  if (!scope.online && waitsForBackend) {
    return {
      mutations: built,
      needsOnline,
      offline: true,
      blocker: {
        code: 'backend_offline',
        message: `The account system is offline. "${step.button}" moves money or creates a secret, so it cannot be queued: it needs the backend online.`,
      },
    };
  }
  return { mutations: built, needsOnline };
}

/** The first earlier step on the path that is not done or no longer valid, as a reason naming it. */
function earlierStepProblem(procedure: Procedure, step: Step, scope: Scope, run: Run): Reason | undefined {
  for (const earlier of pathOf(procedure, run)) {
    if (earlier.id === step.id) return undefined;
    if (!isDone(run, earlier)) return { code: 'earlier_step_open', message: `"${earlier.title}" is not done yet.` };
    const problem = validityProblem(procedure, earlier, scope, run);
    if (problem) return { code: problem.code, message: `"${earlier.title}": ${problem.message}` };
  }
  return undefined;
}

/** Whether a done step's content still holds (inputs valid, choices allowed, branch allowed). */
function validityProblem(procedure: Procedure, step: Step, scope: Scope, run: Run): Reason | undefined {
  switch (step.kind) {
    case 'input':
      return evaluateInput(step, scope, run).blocker;
    case 'choose':
      return evaluateChoose(step, scope, run).blocker;
    case 'branch':
      return evaluateBranch(procedure, step, scope, run).blocker;
    case 'review': {
      const review = evaluateReview(step, scope);
      return isSummary(review) ? undefined : review;
    }
    default:
      return undefined;
  }
}

/** Why the step cannot be completed now; undefined when it can. */
export function blockerOf(procedure: Procedure, step: Step, scope: Scope, run: Run): Reason | undefined {
  switch (step.kind) {
    case 'check':
      return { code: 'check_needed', message: 'Confirm this with the customer, then tick it.' };
    case 'confirm':
      return { code: 'confirmation_needed', message: `Confirm with the customer, then click ${step.button}.` };
    case 'act': {
      const act = run.steps[step.id]?.act;
      if (act?.state === 'sending') return { code: 'act_sending', message: 'Waiting for the account system to answer.' };
      return evaluateAct(procedure, step, scope, run).blocker;
    }
    case 'say':
    case 'result':
      return undefined;
    default:
      return validityProblem(procedure, step, scope, run);
  }
}
