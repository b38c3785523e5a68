// Drives runs of library procedures through scripted events, with a test clock: the
// scenarios the tests assert on and the traceability script replays.
import type { AgentRole, ProcedureCode, ProcedureMode } from '../../../core/domain';
import type { Mutation } from '../../../core/protocol';
import { applyTo, pendingMutations, procedureFor, start } from '../../../core/procedures';
import type { ClientEvent, Run, RunData } from '../../../core/procedures';
import type { JsonValue, MutationOutcome } from '../../../core/procedures/run';
import { now as startTime } from './fixtures';

export type ScriptStep = (
  | ClientEvent
  | Readonly<{
      type: 'actResult';
      status?: 'applied' | 'queued' | 'rejected';
      code?: string;
      message?: string;
      results?: Readonly<Record<string, JsonValue>>;
    }>
  | Readonly<{ type: 'refresh'; data?: RunData; online?: boolean }>
  | Readonly<{ type: 'wait'; minutes: number }>
) &
  Readonly<{ refused?: string }>;

export type Scenario = Readonly<{
  name: string;
  code: ProcedureCode;
  mode: ProcedureMode;
  entryPoint?: string;
  role?: AgentRole;
  online?: boolean;
  data: () => RunData;
  script: readonly ScriptStep[];
  expect: Readonly<{ status: Run['status']; outcome?: Run['outcome']; mutations?: readonly Mutation['name'][]; current?: string }>;
}>;

export type Driven = Readonly<{ run: Run; sent: readonly Mutation[]; refusals: readonly string[] }>;

export class TestClock {
  private ms: number;
  constructor(start = startTime) {
    this.ms = Date.parse(start);
  }
  tick(seconds = 15): string {
    this.ms += seconds * 1000;
    return new Date(this.ms).toISOString();
  }
  get now(): string {
    return new Date(this.ms).toISOString();
  }
}

export function begin(
  code: ProcedureCode,
  options: Readonly<{ data: RunData; mode?: ProcedureMode; role?: AgentRole; online?: boolean; entryPoint?: string; clock?: TestClock }>,
): Run {
  const clock = options.clock ?? new TestClock();
  return start(procedureFor(code), {
    runId: `run-${code}`,
    data: options.data,
    agent: { id: 'agent_1', name: 'Alex Agent', role: options.role ?? 'agent' },
    mode: options.mode ?? 'do-it-for-them',
    ...(options.entryPoint ? { entryPoint: options.entryPoint } : {}),
    online: options.online ?? true,
    now: clock.now,
  });
}

/**
 * Applies the script. Every event must be accepted unless the step says `refused: code`,
 * in which case it must be refused with that code. Act steps record what would be sent.
 */
export function drive(run: Run, script: readonly ScriptStep[], clock = new TestClock(run.updatedAt)): Driven {
  const procedure = procedureFor(run.code);
  const sent: Mutation[] = [];
  const refusals: string[] = [];
  let current = run;
  for (const step of script) {
    if (step.type === 'wait') {
      clock.tick(step.minutes * 60);
      continue;
    }
    const at = clock.tick();
    let next: Run;
    if (step.type === 'actResult') {
      const stepId = current.cursor ?? '';
      const pending = pendingMutations(procedure, current, at);
      const outcomes: Record<string, MutationOutcome> = {};
      for (const m of pending) {
        const status = step.status ?? 'applied';
        outcomes[m.key] = {
          status,
          ...(step.code ? { code: step.code } : {}),
          ...(step.message ? { message: step.message } : {}),
          ...(step.results?.[m.key] !== undefined ? { result: step.results[m.key]! } : {}),
        };
        sent.push(m.mutation);
      }
      next = applyTo(current, { type: 'actResult', stepId, outcomes, at });
    } else if (step.type === 'refresh') {
      next = applyTo(current, {
        type: 'refresh',
        ...(step.data ? { data: step.data } : {}),
        ...(step.online !== undefined ? { online: step.online } : {}),
        at,
      });
    } else {
      const { refused: _r, ...event } = step as ClientEvent & { refused?: string };
      next = applyTo(current, { ...event, at });
    }
    const notice = next.notice && next.notice.at === at ? next.notice : undefined;
    if (step.refused !== undefined) {
      if (notice?.code !== step.refused) {
        throw new Error(
          `Expected ${step.type} to be refused with ${step.refused}, got ${notice ? `${notice.code}: ${notice.message}` : 'accepted'}`,
        );
      }
      refusals.push(notice.code);
    } else if (notice && step.type !== 'actResult') {
      throw new Error(`${step.type}${'stepId' in step ? ` on ${step.stepId}` : ''} was refused: ${notice.code}: ${notice.message}`);
    }
    current = next;
  }
  return { run: current, sent, refusals };
}

/** A scenario's run at its start: its procedure, data, mode, role, connection and entry point. */
export function beginScenario(scenario: Scenario, clock: TestClock): Run {
  return begin(scenario.code, {
    data: scenario.data(),
    mode: scenario.mode,
    ...(scenario.role ? { role: scenario.role } : {}),
    ...(scenario.online !== undefined ? { online: scenario.online } : {}),
    ...(scenario.entryPoint ? { entryPoint: scenario.entryPoint } : {}),
    clock,
  });
}

export function runScenario(scenario: Scenario): Driven {
  const clock = new TestClock();
  return drive(beginScenario(scenario, clock), scenario.script, clock);
}

/** The procedure steps a finished scenario went through (done steps on its path). */
export function stepsDone(run: Run): string[] {
  return Object.entries(run.steps)
    .filter(([, s]) => s.doneAt !== undefined)
    .map(([id]) => id);
}

/** Runs a scenario and checks what it expects (status, outcome, mutations sent). */
export function checkScenario(scenario: Scenario): Driven {
  const driven = runScenario(scenario);
  if (driven.run.status !== scenario.expect.status) {
    throw new Error(`${scenario.name}: status ${driven.run.status}, expected ${scenario.expect.status} (at ${driven.run.cursor})`);
  }
  if (scenario.expect.outcome && driven.run.outcome !== scenario.expect.outcome) {
    throw new Error(`${scenario.name}: outcome ${driven.run.outcome}, expected ${scenario.expect.outcome}`);
  }
  const names = driven.sent.map((m) => m.name).join(',');
  if (scenario.expect.mutations && names !== scenario.expect.mutations.join(',')) {
    throw new Error(`${scenario.name}: sent [${names}], expected [${scenario.expect.mutations.join(',')}]`);
  }
  return driven;
}

/** Starts a run and drives it to a point; returns the run and the clock to continue with. */
export function reach(
  code: ProcedureCode,
  options: Parameters<typeof begin>[1],
  script: readonly ScriptStep[] = [],
): Readonly<{ run: Run; clock: TestClock }> {
  const clock = options.clock ?? new TestClock();
  const run = begin(code, { ...options, clock });
  return { run: drive(run, script, clock).run, clock };
}

/** Applies one event and returns the notice code it was refused with (undefined when accepted). */
export function refusal(
  run: Run,
  event: ClientEvent,
  clock: TestClock,
): Readonly<{ run: Run; code: string | undefined; message: string | undefined }> {
  const at = clock.tick();
  const next = applyTo(run, { ...event, at });
  const notice = next.notice?.at === at ? next.notice : undefined;
  return { run: next, code: notice?.code, message: notice?.message };
}
