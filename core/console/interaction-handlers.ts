// Calls with customers (interactions): started when the agent opens a customer, journalled as
// changes are made, wrapped up (and reopened) through `interaction.log`, and read back as the
// customer's history. The wrap-up is a queueable mutation: offline it waits in the outbox.
import { randomUUID } from 'node:crypto';
import { ConsoleError, staleCallHours } from '../api';
import type { ConsoleSession, CustomerHistory, OpenCall, WrapUpResult } from '../api';
import type { WritableDB } from '../cache';
import {
  closeInteraction,
  closeWrappedUpInteractions,
  customerHistory,
  journalInteraction,
  lastContactOf,
  listInteractionJournal,
  listProcedureRunsOfCustomer,
  openInteraction,
  readEffectiveRecord,
  readOpenInteraction,
  readOutboxRow,
} from '../cache';
import type { InteractionChange, InteractionRun, Program } from '../domain';
import { canReopenInteraction, checkInteractionLog, dispositionsFor, programs, reopenWindowEnd } from '../domain';
import { procedures } from '../procedures';
import type { MutationArgs } from '../protocol';
import { describeMutation } from './describe';
import type { SubmitResult, SyncEngine } from '../sync';
import type { HandlerGroup } from './handlers';

export type InteractionDeps = Readonly<{
  db: WritableDB;
  engine: Pick<SyncEngine, 'submitMutation'>;
  session: () => ConsoleSession | null;
  now?: () => Date;
  /** Told of calls closed on start because their wrap-up was queued before the console stopped. */
  warn?: (message: string) => void;
}>;

type Calls =
  | 'interactions.start'
  | 'interactions.history'
  | 'interactions.open'
  | 'interactions.leave'
  | 'interactions.wrapUp'
  | 'interactions.reopen';

/** Mutations that are the call's own trail, not changes made during it. */
const notChanges = new Set(['audit.record', 'interaction.log']);

const summaryMax = 300;

function stringArg(args: unknown, key: string): string | undefined {
  const value = (args as Record<string, unknown> | null)?.[key];
  return typeof value === 'string' ? value : undefined;
}

export function createInteractionService(deps: InteractionDeps) {
  const now = deps.now ?? (() => new Date());
  // The wrap-up is queued, then the call closed: a console stopped between the two closes it now.
  const recovered = closeWrappedUpInteractions(deps.db);
  if (recovered.length > 0)
    deps.warn?.(`Closed ${recovered.length} call(s) whose wrap-up was queued before the console stopped: ${recovered.join(', ')}.`);

  function agentId(): string {
    const session = deps.session();
    if (!session) throw new ConsoleError('signed_out', 'Sign in to take calls.');
    return session.agent.id;
  }

  function programOf(customerId: string): Program {
    const program = readEffectiveRecord(deps.db, 'customer', customerId)?.data.program;
    if (typeof program !== 'string' || !(programs as readonly string[]).includes(program))
      throw new ConsoleError('not_found', 'That customer is not in the local cache (yet).');
    return program as Program;
  }

  function openCall(agent: string, customerId: string): OpenCall | null {
    const open = readOpenInteraction(deps.db, agent, customerId);
    if (!open) return null;
    const journal = listInteractionJournal(deps.db, open.interactionId);
    return {
      interactionId: open.interactionId,
      customerId,
      callId: open.callId,
      startedAt: open.startedAt,
      runs: runsDuring(agent, customerId, open.startedAt).length,
      changes: journal.filter((entry) => entry.kind === 'change').length,
      callbacks: journal.filter((entry) => entry.kind === 'callback').length,
      stale: now().getTime() - Date.parse(open.startedAt) > staleCallHours * 3_600_000,
    };
  }

  /** The agent's procedure runs with the customer started since the call began. */
  function runsDuring(agent: string, customerId: string, since: string): InteractionRun[] {
    return listProcedureRunsOfCustomer(deps.db, customerId, since).flatMap((stored) => {
      const run = stored.run as { id?: unknown; code?: unknown; startedAt?: unknown; agent?: { id?: unknown } };
      if (run.agent?.id !== agent || typeof run.startedAt !== 'string' || run.startedAt < since) return [];
      return typeof run.id === 'string' && typeof run.code === 'string'
        ? [{ id: run.id, procedure: run.code as InteractionRun['procedure'], at: run.startedAt }]
        : [];
    });
  }

  async function submit(args: MutationArgs<'interaction.log'>): Promise<SubmitResult> {
    const result = await deps.engine.submitMutation('interaction.log', args);
    if (result.status === 'rejected') throw new ConsoleError(result.code ?? 'rejected', result.message ?? 'The wrap-up was refused.');
    return result;
  }

  function answer(result: SubmitResult, interactionId: string, endedAt: string): WrapUpResult {
    return {
      status: result.status === 'applied' ? 'applied' : 'queued',
      interactionId,
      reopenUntil: reopenWindowEnd(endedAt),
      message:
        result.status === 'applied' ? 'Wrap-up saved.' : 'Wrap-up saved on this machine; it will be sent when the backend can be reached.',
    };
  }

  /**
   * What the procedure engine's changes pass through: a change made for a customer the agent
   * has a call open with is noted on that call (a callback booked also by its id).
   */
  function observe(name: string, args: unknown, result: SubmitResult): void {
    const session = deps.session();
    if (!session || notChanges.has(name) || result.status === 'rejected') return;
    const queued = result.outboxId === undefined ? undefined : readOutboxRow(deps.db, result.outboxId);
    const customerId = queued?.customerId ?? customerOfArgs(args);
    if (!customerId) return;
    const at = now().toISOString();
    const customer = readEffectiveRecord(deps.db, 'customer', customerId)?.data.name;
    const summary = describeMutation(name, args as Record<string, unknown>, {
      names: typeof customer === 'string' ? { customer } : {},
      now: at,
    });
    const ref = queued ? `${queued.clientId}:${queued.mutationId}` : `online-${randomUUID()}`;
    const callbackId = stringArg(result.result, 'callbackId');
    journalInteraction(
      deps.db,
      session.agent.id,
      customerId,
      { kind: 'change', ref, at, name, summary: summary.slice(0, summaryMax) },
      ...(name === 'callback.schedule' && callbackId
        ? [{ kind: 'callback' as const, ref: callbackId, at, name: null, summary: null }]
        : []),
    );
  }

  /** The customer a change is for: named in its args, or the owner of the record it edits. */
  function customerOfArgs(args: unknown): string | null {
    const named = stringArg(args, 'customerId');
    if (named) return named;
    for (const [key, type] of [
      ['subscriptionId', 'subscription'],
      ['transactionId', 'transaction'],
      ['portalUserId', 'portalUser'],
    ] as const) {
      const id = stringArg(args, key);
      const owner = id ? readEffectiveRecord(deps.db, type, id)?.data.customerId : undefined;
      if (typeof owner === 'string') return owner;
    }
    return null;
  }

  const handlers: HandlerGroup<Calls> = {
    'interactions.start': ({ customerId, callId }) => {
      const agent = agentId();
      programOf(customerId);
      const interactionId = `int-${randomUUID()}`;
      openInteraction(deps.db, { interactionId, agentId: agent, customerId, callId: callId ?? null, startedAt: now().toISOString() });
      return openCall(agent, customerId)!;
    },

    'interactions.open': ({ customerId }) => ({ call: openCall(agentId(), customerId) }),

    'interactions.leave': ({ customerId }) => {
      const call = openCall(agentId(), customerId);
      const empty = call !== null && call.callId === null && call.runs + call.changes + call.callbacks === 0;
      if (empty) closeInteraction(deps.db, call.interactionId);
      return { dropped: empty };
    },

    'interactions.history': ({ customerId, kinds, search }): CustomerHistory => {
      const agent = agentId();
      const program = programOf(customerId);
      const at = now().toISOString();
      const titles = new Map(procedures.map((procedure) => [procedure.code as string, procedure.title]));
      const entries = customerHistory(deps.db, { customerId, ...(kinds ? { kinds } : {}), ...(search ? { search } : {}) }).map((entry) =>
        entry.kind === 'run' && entry.procedure ? { ...entry, procedureTitle: titles.get(entry.procedure) ?? entry.procedure } : entry,
      );
      // Newest first: the first is the last contact, the first of this agent's the one they may reopen.
      const calls = customerHistory(deps.db, { customerId, kinds: ['interaction'] });
      const own = calls.find((entry) => entry.agentId === agent);
      return {
        entries,
        lastContact: lastContactOf(calls) ?? null,
        openCall: openCall(agent, customerId),
        dispositions: dispositionsFor(program),
        reopenable:
          own && own.interactionId && canReopenInteraction(own.at, at)
            ? {
                interactionId: own.interactionId,
                disposition: own.disposition ?? '',
                notes: own.notes ?? '',
                reopenUntil: reopenWindowEnd(own.at),
              }
            : null,
      };
    },

    'interactions.wrapUp': async ({ customerId, disposition, notes }) => {
      const agent = agentId();
      const program = programOf(customerId);
      const open = readOpenInteraction(deps.db, agent, customerId);
      if (!open)
        throw new ConsoleError(
          'no_open_call',
          'There is no call in progress with this customer to wrap up. Open the customer to start one.',
        );
      const endedAt = now().toISOString();
      const check = checkInteractionLog({ customerId, program, disposition, startedAt: open.startedAt, endedAt }, undefined, {
        agentId: agent,
        now: endedAt,
      });
      if (!check.ok) throw new ConsoleError(check.code, check.message);
      const journal = listInteractionJournal(deps.db, open.interactionId);
      const changes: InteractionChange[] = journal.flatMap((entry) =>
        entry.kind === 'change' && entry.name ? [{ id: entry.ref, name: entry.name, summary: entry.summary ?? '', at: entry.at }] : [],
      );
      const result = await submit({
        interactionId: open.interactionId,
        customerId,
        ...(open.callId ? { callId: open.callId } : {}),
        startedAt: open.startedAt,
        endedAt,
        disposition,
        notes,
        runs: runsDuring(agent, customerId, open.startedAt),
        changes: changes as MutationArgs<'interaction.log'>['changes'],
        callbackIds: journal.filter((entry) => entry.kind === 'callback').map((entry) => entry.ref),
      });
      // The wrap-up is in the outbox (or applied): the call is over on this machine.
      closeInteraction(deps.db, open.interactionId);
      return answer(result, open.interactionId, endedAt);
    },

    'interactions.reopen': async ({ interactionId, disposition, notes }) => {
      const agent = agentId();
      const record = readEffectiveRecord(deps.db, 'interaction', interactionId);
      if (!record) throw new ConsoleError('not_found', 'That call is not in the local cache.');
      const data = record.data as {
        customerId: string;
        agentId: string;
        callId?: string;
        startedAt: string;
        endedAt: string;
        runs: InteractionRun[];
        changes: InteractionChange[];
        callbackIds: string[];
      };
      const editedAt = now().toISOString();
      const check = checkInteractionLog(
        {
          customerId: data.customerId,
          program: programOf(data.customerId),
          disposition,
          startedAt: data.startedAt,
          endedAt: data.endedAt,
          editedAt,
        },
        { customerId: data.customerId, agentId: data.agentId, endedAt: data.endedAt },
        { agentId: agent, now: editedAt },
      );
      if (!check.ok) throw new ConsoleError(check.code, check.message);
      // A wrap-up still queued has no version the backend knows: the edit then replaces it without one.
      const result = await submit({
        interactionId,
        ...(record.pending ? {} : { baseVersion: record.version }),
        customerId: data.customerId,
        ...(data.callId ? { callId: data.callId } : {}),
        startedAt: data.startedAt,
        endedAt: data.endedAt,
        editedAt,
        disposition,
        notes,
        runs: data.runs,
        changes: data.changes as MutationArgs<'interaction.log'>['changes'],
        callbackIds: data.callbackIds,
      });
      return answer(result, interactionId, data.endedAt);
    },
  };

  return { handlers, observe };
}
