// Procedures as data and the guided-checklist engine (SPEC §2). Pure: no I/O.
import { procedureFor } from './definitions';
import type { Run, RunEvent } from './run';
import { applyTo } from './runner';

/** Applies an event to a run of a library procedure. */
export function apply(run: Run, event: RunEvent): Run {
  return applyTo(procedureFor(run.code), run, event);
}

export { procedureFor, procedures, proceduresOf } from './definitions';
export { articleStep, articleSteps, seedFiles } from './article-steps';
export type { ArticleStep } from './article-steps';
export { auditMutationOf } from './audit';
export { runDataOf, runDataSchema } from './data';
export type { CustomerRecords, RunData } from './data';
export { currentStep, pathOf } from './evaluate';
export { procedureSchema } from './format';
export type { Procedure, Step, StepKind } from './format';
export { canStart, needsOnline, offlineOffers } from './policy';
export type { Offer, StartCheck, StartContext } from './policy';
export { createMemoryRunStore, fromStored, toStored, withoutSecrets } from './persist';
export type { RunStore, StoredRun } from './persist';
export { clientEventSchema, runEventSchema, runSchema } from './run';
export type { ClientEvent, Run, RunEvent, RunStatus } from './run';
export { applyTo, pendingMutations, start, StartRefused } from './runner';
export { hasSignInGate } from './sign-in-gate';
export { viewOf } from './view';
export type { AvailableEvent, FieldView, RunView, StepView } from './view';
