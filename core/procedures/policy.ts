// Whether a procedure may start now: the customer's program, the mode, the agent's role
// (SPEC §7), the backend's state (SPEC §5) and the procedure's own preconditions.
import { checkRole, maskCardNumbers, procedureProgram } from '../domain';
import type { AgentRole, ProcedureCode, ProcedureMode, Program } from '../domain';
import type { RunData } from './data';
import { approvableIn } from './approvals';
import { actNeedsOnline, holds } from './evaluate';
import type { Procedure, Step } from './format';
import { registry } from './registry';
import type { Reason, Scope } from './registry';
import type { JsonValue } from './run';

export type StartContext = Readonly<{
  runId: string;
  data: RunData;
  agent: Readonly<{ id: string; name: string; role: AgentRole }>;
  mode: ProcedureMode;
  entryPoint?: string;
  online: boolean;
  now: string;
}>;

export type Offer = Readonly<{ code: ProcedureCode; title: string }>;

export type StartCheck = Readonly<{ ok: true }> | (Reason & Readonly<{ ok: false; offer?: Offer }>);

/**
 * What to offer when the backend is down and a change cannot wait: the program's own way
 * to come back to the customer later. Partner and hosting programs have none in their articles.
 */
export const offlineOffers: Readonly<Record<Program, Offer | undefined>> = {
  techsolutions: { code: 'T5', title: 'Schedule a callback' },
  member: { code: 'M5', title: 'Book a live session' },
  partner: undefined,
  hosting: undefined,
};

function scopeForStart(context: StartContext, entryPoint: string, values: Readonly<Record<string, JsonValue>> = {}): Scope {
  return {
    runId: context.runId,
    data: context.data,
    baseline: context.data,
    customer: context.data.customer,
    now: context.now,
    mode: context.mode,
    entryPoint,
    online: context.online,
    agent: context.agent,
    values,
  };
}

type ArmDecider = (step: Extract<Step, { kind: 'branch' }>, values: Readonly<Record<string, JsonValue>>) => string | undefined;

function enumeratePaths(procedure: Procedure, mode: ProcedureMode, entryPoint: string, decide: ArmDecider): Step[][] {
  let partial: { values: Record<string, JsonValue>; steps: Step[] }[] = [{ values: {}, steps: [] }];
  for (const step of procedure.steps) {
    const next: typeof partial = [];
    for (const p of partial) {
      if (!holds(step.when, { mode, entryPoint, values: p.values })) {
        next.push(p);
        continue;
      }
      const steps = [...p.steps, step];
      if (step.kind !== 'branch') {
        next.push({ values: p.values, steps });
        continue;
      }
      const decided = decide(step, p.values);
      const arms = decided !== undefined ? [decided] : step.arms.map((a) => a.id);
      for (const arm of arms) next.push({ values: { ...p.values, [step.as]: arm }, steps });
    }
    partial = next;
  }
  return partial.map((p) => p.steps);
}

/**
 * Every path the run could take, given what is known at the start: mode and entry point,
 * branches on data that can already decide (T3: is there a key?), and every arm of the
 * branches that cannot (answers, or data that depends on a later choice).
 */
function possiblePaths(procedure: Procedure, scope: Scope): Step[][] {
  return enumeratePaths(procedure, scope.mode, scope.entryPoint, (step, values) => {
    if (step.decide.by !== 'data') return undefined;
    const decided = registry.deciders[step.decide.decider]({ ...scope, values });
    return 'arm' in decided ? decided.arm : undefined;
  });
}

const hasOnlineAct = (path: readonly Step[]) => path.some((s) => s.kind === 'act' && actNeedsOnline(s));

/**
 * Whether a mode of a procedure needs the backend online, derived from the mutations its
 * act steps may produce (never declared by hand). Guide mode usually produces none: the
 * customer makes the change in their own portal.
 */
export function needsOnline(procedure: Procedure, mode: ProcedureMode): 'always' | 'some-paths' | 'never' {
  const paths = procedure.entryPoints.flatMap((e) => enumeratePaths(procedure, mode, e.id, () => undefined));
  const online = paths.filter(hasOnlineAct).length;
  return online === 0 ? 'never' : online === paths.length ? 'always' : 'some-paths';
}

export function offlineRefusal(procedure: Procedure, detail: string): Reason & { ok: false; offer?: Offer } {
  const offer = offlineOffers[procedure.program];
  const usable = offer && offer.code !== procedure.code ? offer : undefined;
  return {
    ok: false,
    code: 'backend_offline',
    message:
      `The account system is offline and ${procedure.code} ${procedure.title} ${detail}, so it cannot be queued. ` +
      (usable
        ? `Offer ${usable.code} ${usable.title} instead.`
        : 'This program has no callback or live session to offer instead: tell the customer to call back once the system is available.'),
    ...(usable ? { offer: usable } : {}),
  };
}

export function canStart(procedure: Procedure, context: StartContext): StartCheck {
  const customer = context.data.customer;
  if (procedureProgram[procedure.code] !== customer.program || procedure.program !== customer.program) {
    return { ok: false, code: 'wrong_program', message: `${procedure.code} belongs to another program than this customer's account.` };
  }
  if (!procedure.modes.includes(context.mode)) {
    return {
      ok: false,
      code: 'mode_not_offered',
      message: `${procedure.code} cannot be run in ${context.mode === 'guide' ? 'guide' : 'do-it-for-them'} mode.`,
    };
  }
  const entryPoint = context.entryPoint ?? procedure.entryPoints[0]!.id;
  if (!procedure.entryPoints.some((e) => e.id === entryPoint)) {
    // The name as sent, but never a card number sent as one.
    return {
      ok: false,
      code: 'entry_point_unknown',
      message: `${procedure.code} has no entry point "${maskCardNumbers(entryPoint).slice(0, 60)}".`,
    };
  }
  const role = checkRole(context.agent.role, procedure.code);
  // A supervisor-only procedure an agent may prepare and have approved (issue 21): its act step asks for the approval.
  const approvable = !role.ok && role.code === 'supervisor_required' && approvableIn(procedure, context.mode);
  if (!role.ok && !approvable) return { ok: false, code: role.code, message: role.message };
  const scope = scopeForStart(context, entryPoint);
  for (const name of procedure.preconditions ?? []) {
    const problem = registry.preconditions[name](scope);
    if (problem) return { ok: false, ...problem };
  }
  if (!context.online) {
    const paths = possiblePaths(procedure, scope);
    const allNeedOnline = paths.length > 0 && paths.every(hasOnlineAct);
    if (allNeedOnline) {
      const act = paths[0]!.find((s): s is Extract<Step, { kind: 'act' }> => s.kind === 'act' && actNeedsOnline(s))!;
      return offlineRefusal(procedure, `("${act.button}") moves money or creates a secret`);
    }
  }
  return { ok: true };
}
