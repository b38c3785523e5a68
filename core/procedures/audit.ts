// The audit record of a run (SPEC §7 "every procedure run, every step with its time"),
// sent as an `audit.record` mutation when the run ends, done or abandoned.
import type { AuditEvent, AuditStep } from '../domain';
import type { Mutation } from '../protocol';
import { pathOf } from './evaluate';
import type { Procedure } from './format';
import type { Run } from './run';

export function auditEventOf(procedure: Procedure, run: Run, reason?: string): AuditEvent {
  const steps: AuditStep[] = [];
  for (const step of pathOf(procedure, run)) {
    const state = run.steps[step.id];
    for (const [subId, at] of Object.entries(state?.subDone ?? {}))
      steps.push({ stepId: `${step.id}.${subId}`, confirmedAt: at, confirmedBy: 'agent' });
    if (state?.doneAt) steps.push({ stepId: step.id, confirmedAt: state.doneAt, confirmedBy: state.doneBy === 'sync' ? 'sync' : 'agent' });
  }
  steps.sort((a, b) => a.confirmedAt.localeCompare(b.confirmedAt));
  const outcomes = Object.values(run.steps).flatMap((s) =>
    Object.entries(s.act?.outcomes ?? {}).map(([key, o]) => `${key}:${o.status}${o.code ? `(${o.code})` : ''}`),
  );
  const endedAt = run.endedAt ?? run.updatedAt;
  return {
    id: `${run.id}:audit`,
    at: endedAt,
    agentId: run.agent.id,
    kind: 'procedure-run',
    customerId: run.customerId,
    procedure: run.code,
    runId: run.id,
    mode: run.mode,
    ...(run.outcome ? { outcome: run.outcome } : {}),
    steps,
    details: {
      title: procedure.title,
      source: `${procedure.source.seed} › ${procedure.source.heading}`,
      entryPoint: run.entryPoint,
      startedAt: run.startedAt,
      stepsOnPath: pathOf(procedure, run).length,
      mutations: outcomes.join(' '),
      ...(reason ? { reason } : {}),
    },
  };
}

export function auditMutationOf(run: Run): Mutation | undefined {
  return run.audit ? { name: 'audit.record', args: run.audit.event } : undefined;
}
