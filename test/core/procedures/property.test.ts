// Property: whatever the agent clicks, in whatever order, with whatever typed in, time
// passing and the backend coming and going, no run reaches an act step without every step
// before it done, and no change is sent unless every gate before it passed and every input
// is valid at that moment.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentRole, ProcedureMode } from '../../../core/domain';
import { mutationArgsSchemas } from '../../../core/protocol';
import { applyTo, canStart, currentStep, pathOf, pendingMutations, procedures, runSchema, start, viewOf } from '../../../core/procedures';
import type { ClientEvent, Procedure, Run, RunData, RunEvent } from '../../../core/procedures';
import { evaluateBranch, evaluateChoose, evaluateInput, evaluateReview, isSummary, scopeOf } from '../../../core/procedures/evaluate';
import type { JsonValue } from '../../../core/procedures/run';
import { runScenario } from './driver';
import { hostingData, memberData, now, partnerData, techSolutionsData } from './fixtures';
import { scenarioFiles } from './scenarios';

const dataFor: Record<Procedure['program'], readonly (() => RunData)[]> = {
  techsolutions: [() => techSolutionsData(), () => techSolutionsData({ signedIn: false }), () => techSolutionsData({ withKey: true })],
  partner: [() => partnerData()],
  hosting: [() => hostingData()],
  member: [() => memberData()],
};

// What scenarios type and choose, per procedure step: plausible values, so runs get far.
const inputPool = new Map<string, Record<string, JsonValue>[]>();
const choicePool = new Map<string, string[][]>();
const refreshPool = new Map<string, RunData[]>();
for (const { scenarios } of scenarioFiles) {
  for (const s of scenarios) {
    for (const step of s.script) {
      if (step.type === 'setInputs')
        inputPool.set(`${s.code}:${step.stepId}`, [
          ...(inputPool.get(`${s.code}:${step.stepId}`) ?? []),
          step.values as Record<string, JsonValue>,
        ]);
      if (step.type === 'choose')
        choicePool.set(`${s.code}:${step.stepId}`, [...(choicePool.get(`${s.code}:${step.stepId}`) ?? []), [...step.ids]]);
      if (step.type === 'refresh' && step.data) refreshPool.set(s.code, [...(refreshPool.get(s.code) ?? []), step.data]);
    }
  }
}
const garbage: JsonValue[] = [
  '',
  '   ',
  'x',
  '0',
  '-1',
  '99999999999999999999',
  'not@valid',
  '2020-01-01',
  '2025-03-11T10:00',
  null,
  7,
  true,
];

/** The events that make sense for the run now, plus some that do not. */
function candidates(
  procedure: Procedure,
  run: Run,
  pick: (n: number) => number,
): (
  | ClientEvent
  | { type: 'actResult'; status: 'applied' | 'queued' | 'rejected' }
  | { type: 'refresh'; online?: boolean; data?: RunData }
  | { type: 'wait'; minutes: number }
)[] {
  const step = currentStep(procedure, run);
  const out: ReturnType<typeof candidates> = [
    { type: 'back' },
    { type: 'refresh', online: !run.online },
    { type: 'wait', minutes: [1, 60, 60 * 24 * 3, 60 * 24 * 25][pick(4)]! },
  ];
  if (pick(20) === 0) out.push({ type: 'abandon' });
  const refreshes = refreshPool.get(procedure.code);
  if (refreshes) out.push({ type: 'refresh', data: refreshes[pick(refreshes.length)]! });
  const other = procedure.steps[pick(procedure.steps.length)]!;
  out.push({ type: 'next', stepId: other.id }, { type: 'tick', stepId: other.id }, { type: 'act', stepId: other.id });
  if (!step) return out;
  const stepId = step.id;
  const key = `${procedure.code}:${stepId}`;
  // The sensible event for the step comes several times over, so runs get far; the rest is noise.
  const often = <T>(event: T, times = 4) => Array.from({ length: times }, () => event);
  out.push(...often<ClientEvent>({ type: 'next', stepId }));
  switch (step.kind) {
    case 'check':
      out.push(
        ...often<ClientEvent>({ type: 'tick', stepId }, 6),
        { type: 'notYet', stepId },
        { type: 'tickSub', stepId, subStepId: step.ifNot?.steps[0]?.id ?? 'x' },
      );
      break;
    case 'branch':
      out.push(...often<ClientEvent>({ type: 'answer', stepId, arm: step.arms[pick(step.arms.length)]!.id }, 3));
      break;
    case 'confirm':
      out.push(...often<ClientEvent>({ type: 'confirm', stepId }, 6));
      break;
    case 'act':
      out.push(...often<ClientEvent>({ type: 'act', stepId, ...(step.confirmation ? { confirmed: step.confirmation.button } : {}) }, 6), {
        type: 'act',
        stepId,
      });
      if (run.steps[stepId]?.act?.state === 'sending') {
        const status = (['applied', 'applied', 'queued', 'rejected'] as const)[pick(4)]!;
        out.push(...often({ type: 'actResult' as const, status }, 6));
      }
      break;
    case 'input': {
      const pool = inputPool.get(key) ?? [];
      if (pool.length > 0) out.push(...often<ClientEvent>({ type: 'setInputs', stepId, values: pool[pick(pool.length)]! }, 3));
      const field = step.fields[pick(step.fields.length)]!;
      out.push({ type: 'setInputs', stepId, values: { [field.name]: garbage[pick(garbage.length)]! } });
      break;
    }
    case 'choose': {
      const options = viewOf(run).steps.find((s) => s.id === stepId)?.choose?.options ?? [];
      if (options.length > 0) out.push(...often<ClientEvent>({ type: 'choose', stepId, ids: [options[pick(options.length)]!.id] }, 2));
      const pool = choicePool.get(key) ?? [];
      if (pool.length > 0) out.push(...often<ClientEvent>({ type: 'choose', stepId, ids: pool[pick(pool.length)]! }, 3));
      out.push({ type: 'choose', stepId, ids: ['no-such-record'] });
      break;
    }
    default:
      break;
  }
  return out;
}

/** Checked independently of how the runner decided: what must be true when a change goes out. */
function everythingBeforePassed(procedure: Procedure, run: Run, actId: string, at: string): string | undefined {
  const scope = scopeOf(run, at);
  for (const step of pathOf(procedure, run)) {
    if (step.id === actId) return undefined;
    if (!run.steps[step.id]?.doneAt) return `${step.id} not done`;
    if (step.kind === 'input' && evaluateInput(step, scope, run).blocker) return `${step.id} input invalid`;
    if (step.kind === 'choose' && evaluateChoose(step, scope, run).blocker) return `${step.id} choice invalid`;
    if (step.kind === 'branch' && evaluateBranch(procedure, step, scope, run).blocker) return `${step.id} branch blocked`;
    if (step.kind === 'review' && !isSummary(evaluateReview(step, scope))) return `${step.id} review blocked`;
  }
  return `act ${actId} not on the path`;
}

function explore(
  procedure: Procedure,
  mode: ProcedureMode,
  role: AgentRole,
  dataIndex: number,
  online: boolean,
  choices: readonly number[],
): void {
  const variants = dataFor[procedure.program];
  const data = variants[dataIndex % variants.length]!();
  const context = { runId: 'prop', data, agent: { id: 'a', name: 'A', role }, mode, online, now };
  if (!canStart(procedure, context).ok) return;
  walk(procedure, start(procedure, context), choices);
}

function walk(procedure: Procedure, initial: Run, choices: readonly number[]): void {
  let run = initial;
  let ms = Date.parse(run.updatedAt);
  let i = 0;
  const pick = (n: number) => ((choices[i++ % choices.length]! % n) + n) % n;
  for (let turn = 0; turn < choices.length / 2 && run.status === 'active'; turn++) {
    const options = candidates(procedure, run, pick);
    const chosen = options[pick(options.length)]!;
    if (chosen.type === 'wait') {
      ms += chosen.minutes * 60_000;
      continue;
    }
    ms += 1000;
    const at = new Date(ms).toISOString();
    let event: RunEvent;
    if (chosen.type === 'actResult') {
      const outcomes = Object.fromEntries(
        pendingMutations(procedure, run, at).map((m) => [
          m.key,
          { status: chosen.status, ...(chosen.status === 'rejected' ? { code: 'stale' } : {}) },
        ]),
      );
      event = { type: 'actResult', stepId: run.cursor ?? '', outcomes, at };
    } else {
      event = { ...chosen, at } as RunEvent;
    }
    const before = run;
    run = applyTo(run, event);

    const current = currentStep(procedure, run);
    if (current?.kind === 'act') {
      const open = pathOf(procedure, run)
        .slice(
          0,
          pathOf(procedure, run).findIndex((s) => s.id === current.id),
        )
        .filter((s) => !run.steps[s.id]?.doneAt);
      expect(
        open.map((s) => s.id),
        `${procedure.code}: at act ${current.id} with steps open`,
      ).toEqual([]);
    }
    const startedSending =
      current?.kind === 'act' && run.steps[current.id]?.act?.state === 'sending' && before.steps[current.id]?.act?.state !== 'sending';
    if (startedSending && current) {
      expect(everythingBeforePassed(procedure, run, current.id, at), `${procedure.code}: sent ${current.id}`).toBeUndefined();
      for (const m of pendingMutations(procedure, run, at))
        expect(mutationArgsSchemas[m.mutation.name].safeParse(m.mutation.args).success).toBe(true);
    }
    if (run.status === 'done') {
      expect(
        pathOf(procedure, run)
          .filter((s) => !run.steps[s.id]?.doneAt)
          .map((s) => s.id),
      ).toEqual([]);
    }
  }
  expect(runSchema.safeParse(JSON.parse(JSON.stringify(run))).success).toBe(true);
}

describe('no event sequence reaches an act step without every gate before it passed and every input valid', () => {
  const cases = procedures.flatMap((p) => p.modes.map((mode) => [p.code, mode, p] as const));
  it.each(cases)('%s in %s mode', (_code, mode, procedure) => {
    fc.assert(
      fc.property(
        fc.constantFrom<AgentRole>('agent', 'supervisor'),
        fc.nat(5),
        fc.boolean(),
        fc.array(fc.nat(1000), { minLength: 40, maxLength: 300 }),
        (role, dataIndex, online, choices) => explore(procedure, mode, role, dataIndex, online, choices),
      ),
      { numRuns: 40 },
    );
  });

  const withPrefixes = scenarioFiles.flatMap((f) => f.scenarios).map((s) => [s.name, s] as const);
  it.each(withPrefixes)('from part-way through "%s"', (_name, scenario) => {
    const procedure = procedures.find((p) => p.code === scenario.code)!;
    fc.assert(
      fc.property(fc.nat(scenario.script.length), fc.array(fc.nat(1000), { minLength: 10, maxLength: 120 }), (prefix, choices) => {
        const { run } = runScenario({ ...scenario, script: scenario.script.slice(0, prefix) });
        walk(procedure, run, choices);
      }),
      { numRuns: 15 },
    );
  });

  it('reaches act steps often enough to mean something', () => {
    let acted = 0;
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 100, maxLength: 160 }), (choices) => {
        const procedure = procedures.find((p) => p.code === 'T4')!;
        const context = {
          runId: 'p',
          data: techSolutionsData(),
          agent: { id: 'a', name: 'A', role: 'agent' as const },
          mode: 'do-it-for-them' as const,
          online: true,
          now,
        };
        let run = start(procedure, context);
        let ms = Date.parse(now);
        let i = 0;
        const pick = (n: number) => choices[i++ % choices.length]! % n;
        for (let turn = 0; turn < 80 && run.status === 'active'; turn++) {
          const step = currentStep(procedure, run);
          // Mostly the sensible event for the step, sometimes noise.
          const sensible: ClientEvent | undefined = step
            ? step.kind === 'check'
              ? { type: 'tick', stepId: step.id }
              : step.kind === 'act'
                ? { type: 'act', stepId: step.id }
                : { type: 'next', stepId: step.id }
            : undefined;
          const event: ClientEvent = pick(4) === 0 || !sensible ? { type: 'back' } : sensible;
          ms += 1000;
          run = applyTo(run, { ...event, at: new Date(ms).toISOString() });
          if (run.steps['turn-off']?.act?.state === 'sending') {
            acted++;
            break;
          }
        }
      }),
      { numRuns: 30 },
    );
    expect(acted).toBeGreaterThan(5);
  });
});
