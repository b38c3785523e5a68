// The procedures call group: the pure runner (core/procedures) driven by the console's
// clock, the signed-in agent, the cache (records and stored runs) and sync (changes).
// Runs live in memory while the console runs (with any secret input the agent typed) and
// are stored, without secrets, after every change, so a restarted console resumes them.
import { randomUUID } from 'node:crypto';
import { ConsoleError } from '../api';
import type { ActiveRun, ProcedureList, ProcedureListItem, ProcedureModeAvailability, RunAhead, RunAnswer } from '../api/procedures';
import type { AgentRole } from '../domain';
import {
  applyTo,
  auditMutationOf,
  canStart,
  currentStep,
  evaluateAct,
  fromStored,
  scopeOf,
  toBeApproved,
  needsOnline,
  pendingMutations,
  procedureFor,
  proceduresOf,
  runDataOf,
  start,
  StartRefused,
  toStored,
  viewOf,
} from '../procedures';
import type { ClientEvent, CustomerRecords, Procedure, Run, RunEvent, RunStore, RunView, StartContext } from '../procedures';
import type { MutationOutcome } from '../procedures/run';
import type { BuiltMutation } from '../procedures/registry';
import type { ReadableDB, WritableDB } from '../cache';
import {
  catalogueGeneration,
  connectionOf,
  listCustomersOfReseller,
  listProcedureRuns,
  listServerRecordsOfType,
  loadProcedureRun,
  ownedOfType,
  parseStoredRecords,
  readCustomerRecords,
  readEffectiveRecord,
  saveProcedureRun,
  unreadableRecordMessage,
} from '../cache';
import type { RecordType } from '../domain';
import type { HandlerGroup } from './handlers';

export type SubmittedChange = Readonly<{ status: 'applied' | 'queued' | 'rejected'; result?: unknown; code?: string; message?: string }>;

export type ProcedureHandlerDeps = Readonly<{
  runs: RunStore;
  /** The customer's records as the agent sees them (server data with queued changes on top). */
  records: (customerId: string) => CustomerRecords | undefined;
  /** Sync's one entry point for changes. */
  submitMutation: (name: string, args: unknown) => Promise<SubmittedChange>;
  agent: () => Readonly<{ id: string; name: string; role: AgentRole }> | null;
  online: () => boolean;
  now?: () => Date;
  newRunId?: () => string;
  warn?: (message: string) => void;
}>;

type CallName = 'procedures.list' | 'procedures.start' | 'procedures.apply' | 'procedures.get' | 'procedures.active';

export type ProcedureService = Readonly<{
  handlers: HandlerGroup<CallName>;
  /**
   * Issue 21: the changes the run's current act step waits on a supervisor's approval for
   * (those not pending or approved yet), handed to `ask`; then the run as it is after `ask`.
   */
  requestApprovals: (
    runId: string,
    ask: (run: Readonly<{ code: string; customerId: string; runId: string }>, mutations: readonly BuiltMutation[]) => Promise<void>,
  ) => Promise<RunView>;
  /** After a sync: refresh the runs of these customers (null: all), so data-verified steps tick themselves. */
  refreshCustomers: (customerIds: readonly string[] | null) => Promise<void>;
}>;

export function createProcedureService(deps: ProcedureHandlerDeps): ProcedureService {
  const now = () => (deps.now ?? (() => new Date()))().toISOString();
  const newRunId = deps.newRunId ?? (() => `run-${randomUUID()}`);
  const live = new Map<string, Run>();
  // One operation at a time per run: an act awaits sync, and a refresh after a pull must not interleave with it.
  const queues = new Map<string, Promise<unknown>>();
  function exclusive<T>(runId: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(runId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    queues.set(runId, settled);
    void settled.then(() => {
      if (queues.get(runId) === settled) queues.delete(runId);
    });
    return next;
  }

  function requireAgent() {
    const agent = deps.agent();
    if (!agent) throw new ConsoleError('signed_out', 'Sign in to run procedures.');
    return agent;
  }

  function dataOf(customerId: string) {
    const records = deps.records(customerId);
    if (!records) throw new ConsoleError('not_found', 'That customer is not in the local cache (yet).');
    return runDataOf(records);
  }

  /** Stored first: a save that fails leaves the run as it was, in memory as on disk, and the call answers the failure. */
  async function save(run: Run): Promise<void> {
    await deps.runs.save(toStored(run));
    live.set(run.id, run);
  }

  async function load(runId: string): Promise<Run> {
    const agent = requireAgent();
    let run = live.get(runId);
    if (!run) {
      const stored = await deps.runs.load(runId);
      if (!stored) throw new ConsoleError('not_found', 'There is no such procedure run.');
      const restored = fromStored(stored);
      if (!restored.ok) throw new ConsoleError('run_unreadable', restored.message);
      run = settleInterruptedAct(restored.run);
      live.set(run.id, run);
    }
    if (run.agent.id !== agent.id) throw new ConsoleError('not_your_run', `This run belongs to ${run.agent.name}; start your own.`);
    return run;
  }

  /**
   * A run stored while its act was being sent was cut off by a restart: no answer will come.
   * The change may or may not have reached sync, so the step says exactly that and lets the
   * agent check the records before sending again (a queued change shows there already).
   */
  function settleInterruptedAct(run: Run): Run {
    const step = currentStep(procedureFor(run.code), run);
    const act = step ? run.steps[step.id]?.act : undefined;
    if (!step || act?.state !== 'sending') return run;
    const open = (act.keys ?? []).filter((key) => !act.outcomes[key]);
    const message =
      "The console stopped while this change was being sent, so its outcome is unknown. Check the customer's records (and the queue): if the change shows there, it went through; if not, send it again.";
    const outcomes = Object.fromEntries(open.map((key) => [key, { status: 'rejected' as const, code: 'outcome_unknown', message }]));
    return applyTo(run, { type: 'actResult', stepId: step.id, outcomes, at: now() });
  }

  /** The run with the latest records and online state; saved when that moved it. */
  async function refreshed(run: Run): Promise<Run> {
    if (run.status !== 'active') return run;
    const records = deps.records(run.customerId);
    const next = applyTo(run, { type: 'refresh', ...(records ? { data: runDataOf(records) } : {}), online: deps.online(), at: now() });
    if (next.history.length !== run.history.length || next.online !== run.online) await save(next);
    else live.set(next.id, next);
    return next;
  }

  /** Once a run has ended its audit record goes to sync (queued if offline; it never waits on the agent). */
  async function sendAudit(run: Run): Promise<Run> {
    if (run.status === 'active' || !run.audit || run.audit.sentAt) return run;
    const mutation = auditMutationOf(run)!;
    const outcome = await deps.submitMutation(mutation.name, mutation.args);
    if (outcome.status === 'rejected') {
      deps.warn?.(`The audit record of run ${run.id} was refused: ${outcome.code ?? ''} ${outcome.message ?? ''}`);
      return run;
    }
    const sent = applyTo(run, { type: 'auditSent', at: now() });
    await save(sent);
    live.delete(sent.id);
    return sent;
  }

  /** The act: build the step's mutations, hand each to sync, and record what it answered. */
  async function act(run: Run, event: ClientEvent & { type: 'act' }): Promise<Run> {
    const sending = applyTo(run, { ...event, at: now() });
    // Refused (blocked, offline, role): the notice says why; nothing was sent.
    if (sending.notice) return sending;
    await save(sending);
    const procedure = procedureFor(sending.code);
    const outcomes: Record<string, MutationOutcome> = {};
    for (const { key, mutation } of pendingMutations(procedure, sending, now())) {
      try {
        const result = await deps.submitMutation(mutation.name, mutation.args);
        outcomes[key] = {
          status: result.status,
          ...(result.code ? { code: result.code } : {}),
          ...(result.message ? { message: result.message } : {}),
          ...(result.result !== undefined ? { result: JSON.parse(JSON.stringify(result.result)) as MutationOutcome['result'] } : {}),
        };
      } catch (error) {
        outcomes[key] = {
          status: 'rejected',
          code: 'submit_failed',
          message: `The change could not be handed to sync: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
      // One refused change stops the rest: the agent sees why before anything else is sent.
      if (outcomes[key]?.status === 'rejected') break;
    }
    return applyTo(sending, { type: 'actResult', stepId: event.stepId, outcomes, at: now() });
  }

  /** The run as the checklist shows it, with the views one move ahead (RunAhead), all at one instant. */
  function answer(run: Run): RunAnswer {
    const at = now();
    const ahead = aheadOf(run, at);
    return { ...viewOf(run, at), ...(ahead ? { ahead } : {}) };
  }

  /**
   * Issue 21: an act step that waited on a supervisor's approval continues by itself once
   * every approval it needs is approved: the agent asked for exactly this change (clicking
   * it), so the approval is their go-ahead, as the step's own button would be.
   */
  async function continueIfApproved(run: Run): Promise<Run> {
    if (run.status !== 'active') return run;
    const procedure = procedureFor(run.code);
    const step = currentStep(procedure, run);
    // Not after a refusal: the agent reads it and sends again with the step's button, never a loop of retries.
    const state = step?.kind === 'act' ? run.steps[step.id]?.act?.state : undefined;
    if (step?.kind !== 'act' || state === 'sending' || state === 'rejected') return run;
    const pending = pendingMutations(procedure, run, now());
    const approved =
      pending.length > 0 && pending.every(({ mutation }) => typeof (mutation.args as { approvalId?: unknown }).approvalId === 'string');
    if (!approved) return run;
    const next = await act(run, { type: 'act', stepId: step.id, ...(step.confirmation ? { confirmed: step.confirmation.button } : {}) });
    await save(next);
    return sendAudit(next);
  }

  function availability(procedure: Procedure, context: Omit<StartContext, 'mode'>): ProcedureListItem {
    const modes = procedure.modes.map((mode): ProcedureModeAvailability => {
      const check = canStart(procedure, { ...context, mode });
      return {
        mode,
        canStart: check.ok,
        needsOnline: needsOnline(procedure, mode),
        ...(check.ok ? {} : { reason: { code: check.code, message: check.message }, ...(check.offer ? { offer: check.offer } : {}) }),
      };
    });
    return {
      code: procedure.code,
      title: procedure.title,
      summary: procedure.summary,
      source: procedure.source,
      roles: procedure.roles,
      entryPoints: procedure.entryPoints,
      modes,
      canStart: modes.some((m) => m.canStart),
    };
  }

  const handlers: HandlerGroup<CallName> = {
    'procedures.list': ({ customerId }): ProcedureList => {
      const agent = requireAgent();
      const data = dataOf(customerId);
      const context = { runId: 'check', data, agent, online: deps.online(), now: now() };
      return {
        customerId,
        program: data.customer.program,
        procedures: proceduresOf(data.customer.program).map((p) => availability(p, context)),
      };
    },
    'procedures.start': async ({ customerId, code, mode, entryPoint }) => {
      const agent = requireAgent();
      const procedure = procedureFor(code);
      try {
        const run = start(procedure, {
          runId: newRunId(),
          data: dataOf(customerId),
          agent: { id: agent.id, name: agent.name, role: agent.role },
          mode,
          ...(entryPoint ? { entryPoint } : {}),
          online: deps.online(),
          now: now(),
        });
        await save(run);
        return answer(await sendAudit(run));
      } catch (error) {
        if (error instanceof StartRefused) throw new ConsoleError(error.code, error.message);
        throw error;
      }
    },
    'procedures.apply': ({ runId, event }) =>
      exclusive(runId, async () => {
        const run = await refreshed(await load(runId));
        const next = event.type === 'act' ? await act(run, event) : applyTo(run, { ...event, at: now() } as RunEvent);
        if (next !== run) await save(next);
        return answer(await sendAudit(next));
      }),
    'procedures.get': ({ runId }) =>
      exclusive(runId, async () => answer(await sendAudit(await continueIfApproved(await refreshed(await load(runId)))))),
    'procedures.active': async () => {
      const agent = requireAgent();
      const runs: ActiveRun[] = [];
      for (const stored of await deps.runs.listActive()) {
        const restored =
          live.get(stored.runId) ??
          (() => {
            const parsed = fromStored(stored);
            return parsed.ok ? parsed.run : undefined;
          })();
        if (!restored || restored.agent.id !== agent.id || restored.status !== 'active') continue;
        const procedure = procedureFor(restored.code);
        const step = currentStep(procedure, restored);
        runs.push({
          runId: restored.id,
          code: restored.code,
          title: procedure.title,
          customerId: restored.customerId,
          customerName: restored.data.customer.name,
          mode: restored.mode,
          currentStepId: step?.id ?? null,
          currentStepTitle: step?.title ?? null,
          startedAt: restored.startedAt,
          updatedAt: restored.updatedAt,
        });
      }
      return { runs };
    },
  };

  return {
    handlers,
    requestApprovals: (runId, ask) =>
      exclusive(runId, async () => {
        const run = await refreshed(await load(runId));
        const procedure = procedureFor(run.code);
        const step = currentStep(procedure, run);
        const evaluation = step?.kind === 'act' ? evaluateAct(procedure, step, scopeOf(run, now()), run) : undefined;
        if (!evaluation?.approval) throw new ConsoleError('approval_not_needed', 'This step does not wait on a supervisor’s approval.');
        const missing = toBeApproved(evaluation.mutations, scopeOf(run, now()));
        if (missing.length === 0)
          throw new ConsoleError(
            'approval_already_asked',
            'A supervisor’s approval has been asked for already: the run continues once they decide.',
          );
        await ask({ code: run.code, customerId: run.customerId, runId: run.id }, missing);
        return answer(await refreshed(run));
      }),
    refreshCustomers: async (customerIds) => {
      for (const run of [...live.values()]) {
        if (run.status !== 'active') continue;
        if (customerIds !== null && !customerIds.includes(run.customerId)) continue;
        await exclusive(run.id, async () => {
          const current = live.get(run.id);
          if (current?.status === 'active') await continueIfApproved(await refreshed(current));
        });
      }
    },
  };
}

/**
 * Where Next on the current step and Back would take a run now (RunAhead): worked out with
 * every answer, so the checklist can show the step the agent moves to without waiting for the
 * console to store the move. Only moves the runner accepts that land on another step of a
 * run still going: a refused move, or one that ends the run, waits for the console's answer.
 */
function aheadOf(run: Run, at: string): RunAhead | undefined {
  if (run.status !== 'active') return undefined;
  const procedure = procedureFor(run.code);
  const from = currentStep(procedure, run);
  const after = (event: RunEvent): RunView | undefined => {
    const moved = applyTo(run, event, procedure);
    if (moved.notice || moved.status !== 'active') return undefined;
    const to = currentStep(procedure, moved);
    return to && to.id !== from?.id ? viewOf(moved, at, procedure) : undefined;
  };
  const next = from ? after({ type: 'next', stepId: from.id, at }) : undefined;
  const back = after({ type: 'back', at });
  return next || back ? { ...(next ? { next } : {}), ...(back ? { back } : {}) } : undefined;
}

// ---------------------------------------------------------------------------------------
// Wiring to the cache and sync.

/**
 * A customer's records from the cache, as the agent sees them (queued changes on top), read and
 * parsed by the cache's one reader as the workspace reads them, with the other customers of the
 * managing reseller for H1's product-overview entry. A row the reader cannot parse is left out
 * and told to `warn` in the words the workspace shows it in.
 */
export function customerRecordsFromCache(
  db: ReadableDB,
  customerId: string,
  warn?: (message: string) => void,
): CustomerRecords | undefined {
  const read = readCustomerRecords(db, customerId);
  if (read.status !== 'absent') for (const record of read.unreadable) warn?.(unreadableRecordMessage(record));
  if (read.status !== 'found') return undefined;
  const customer = read.customer.record;
  const ofType = <T extends Exclude<RecordType, 'customer'>>(type: T) => ownedOfType(read.owned, type).map((owned) => owned.record);
  return {
    customer,
    subscriptions: ofType('subscription'),
    paymentMethods: ofType('paymentMethod'),
    transactions: ofType('transaction'),
    licenseKeys: ofType('licenseKey'),
    callbacks: ofType('callback'),
    liveSessions: ofType('liveSession'),
    portalUsers: ofType('portalUser'),
    messages: ofType('message'),
    approvals: ofType('approval'),
    ...programRecords(db, customer.program),
    // Only H1 (hosting) chooses among a reseller's customers; other programs skip the query.
    resellerCustomers: customer.program === 'hosting' && customer.resellerId ? listCustomersOfReseller(db, customer.resellerId) : [],
  };
}

type ProgramRecords = Pick<CustomerRecords, 'resellers' | 'plans' | 'products'>;

const programRecordsMemo = new WeakMap<ReadableDB, { generation: string; byProgram: Map<string, ProgramRecords> }>();

/**
 * A program's resellers and catalogue, parsed once per generation: in a large cache a program
 * has thousands of resellers, and re-reading them on every step of a run made each step wait.
 */
function programRecords(db: ReadableDB, program: string): ProgramRecords {
  const generation = catalogueGeneration(db);
  let memo = programRecordsMemo.get(connectionOf(db));
  if (!memo || memo.generation !== generation) {
    memo = { generation, byProgram: new Map() };
    programRecordsMemo.set(connectionOf(db), memo);
  }
  let records = memo.byProgram.get(program);
  if (!records) {
    const resellers = listServerRecordsOfType(db, 'reseller').map((r) => readEffectiveRecord(db, 'reseller', r.id) ?? r);
    records = {
      resellers: parseStoredRecords('reseller', resellers).filter((r) => r.program === program),
      plans: parseStoredRecords('plan', listServerRecordsOfType(db, 'plan')).filter((p) => p.program === program),
      products: parseStoredRecords('product', listServerRecordsOfType(db, 'product')).filter((p) => p.program === program),
    };
    memo.byProgram.set(program, records);
  }
  return records;
}

/** The cache's `procedure_runs` as the engine's RunStore. */
export function cacheRunStore(db: WritableDB): RunStore {
  return {
    save: (run) => saveProcedureRun(db, run),
    load: (runId) => loadProcedureRun(db, runId),
    listActive: () => listProcedureRuns(db, ['active']),
  };
}
