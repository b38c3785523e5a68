// A customer's contact history (the History tab): past calls (interactions) with the runs and
// changes they list, callbacks and emails sent, newest first, as the agent sees them (pulled
// records with the pending outbox on top). Reads `records` and `overlay` by customer through
// their `records_by_customer` and `overlay_by_customer` indexes.
import type { HistoryKind } from '../domain';
import { preparedPerConnection } from './db';
import type { ReadableDB } from './db';
import { decodeRecordData } from './record-data';

/** The record types the history reads; runs and changes come from the interactions that list them. */
const historyRecordTypes = ['interaction', 'callback', 'message'] as const;

export type HistoryEntry = Readonly<{
  kind: HistoryKind;
  /** Unique in the list: `<kind>:<id>`. */
  key: string;
  /** A UTC instant: the wrap-up, the run's start, the change, the booking, the email. */
  at: string;
  /** The interaction it belongs to (itself for an interaction). */
  interactionId?: string;
  /** Who took the call (null while a wrap-up waits in the outbox: the backend names the agent). */
  agentName?: string | null;
  agentId?: string;
  disposition?: string;
  notes?: string;
  /** An interaction: when it was reopened and edited last. */
  editedAt?: string;
  startedAt?: string;
  /** A run: its procedure code (T1…M5). */
  procedure?: string;
  /** A change's outbox sentence; a callback's reason; an email's subject. */
  summary?: string;
  /** A callback: when it is due and in which zone; an email: to whom. */
  scheduledFor?: string;
  timeZone?: string;
  to?: string;
  /** Waiting in this console's outbox, not yet confirmed by the backend. */
  pending: boolean;
}>;

export type HistoryQuery = Readonly<{
  customerId: string;
  /** Only these kinds (all when absent or empty). */
  kinds?: readonly HistoryKind[];
  /** Case-insensitive words that must all appear in an entry's notes or summary. */
  search?: string;
}>;

type Row = { type: string; id: string; data: string; pending: number };

// The type filter stays inside each branch so both searches stay on the customer indexes.
const ofCustomerSql = `SELECT o.type, o.id, o.data, 1 AS pending FROM overlay o
      WHERE o.customer_id = ? AND o.type IN (SELECT value FROM json_each(?)) AND o.data IS NOT NULL
     UNION ALL
     SELECT r.type, r.id, r.data, 0 AS pending FROM records r
      WHERE r.customer_id = ? AND r.type IN (SELECT value FROM json_each(?))
        AND NOT EXISTS (SELECT 1 FROM overlay o WHERE o.type = r.type AND o.id = r.id)`;

const statements = preparedPerConnection((db: ReadableDB) => ({
  ofCustomer: db.prepare<[string, string, string, string], Row>(ofCustomerSql),
}));

/** The SQL of `customerHistory`, for tests that check its plan. */
export function historyQueryPlan(db: ReadableDB): string[] {
  const types = JSON.stringify(historyRecordTypes);
  return db
    .prepare<[string, string, string, string], { detail: string }>(`EXPLAIN QUERY PLAN ${ofCustomerSql}`)
    .all('c', types, 'c', types)
    .map((row) => row.detail);
}

type Data = Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const list = (value: unknown): Data[] =>
  Array.isArray(value) ? value.filter((item): item is Data => item !== null && typeof item === 'object') : [];

function entriesOf(row: Row): HistoryEntry[] {
  const data = decodeRecordData(row.type, row.data);
  const pending = row.pending === 1;
  if (row.type === 'callback') {
    return [
      {
        kind: 'callback',
        key: `callback:${row.id}`,
        at: str(data.createdAt) ?? '',
        summary: str(data.reason) ?? '',
        scheduledFor: str(data.scheduledFor),
        timeZone: str(data.timeZone),
        pending,
      },
    ];
  }
  if (row.type === 'message') {
    return [
      {
        kind: 'message',
        key: `message:${row.id}`,
        at: str(data.sentAt) ?? '',
        summary: str(data.subject) ?? '',
        to: str(data.to),
        pending,
      },
    ];
  }
  const interactionId = row.id;
  const agentName = str(data.agentName) ?? null;
  const agentId = str(data.agentId);
  const entries: HistoryEntry[] = [
    {
      kind: 'interaction',
      key: `interaction:${row.id}`,
      at: str(data.endedAt) ?? '',
      interactionId,
      agentName,
      agentId,
      disposition: str(data.disposition) ?? '',
      notes: str(data.notes) ?? '',
      editedAt: str(data.editedAt),
      startedAt: str(data.startedAt),
      pending,
    },
  ];
  for (const run of list(data.runs)) {
    entries.push({
      kind: 'run',
      key: `run:${String(run.id)}`,
      at: str(run.at) ?? '',
      interactionId,
      agentName,
      agentId,
      procedure: str(run.procedure),
      pending,
    });
  }
  for (const change of list(data.changes)) {
    entries.push({
      kind: 'change',
      key: `change:${String(change.id)}`,
      at: str(change.at) ?? '',
      interactionId,
      agentName,
      agentId,
      summary: str(change.summary) ?? '',
      pending,
    });
  }
  return entries;
}

/** The call each callback was booked in, by callback id: the interactions' `callbackIds`. */
function callOfCallbacks(rows: readonly Row[]): Map<string, Pick<HistoryEntry, 'interactionId' | 'agentName' | 'agentId'>> {
  const calls = new Map<string, Pick<HistoryEntry, 'interactionId' | 'agentName' | 'agentId'>>();
  for (const row of rows) {
    if (row.type !== 'interaction') continue;
    const data = decodeRecordData(row.type, row.data);
    const ids = Array.isArray(data.callbackIds) ? data.callbackIds : [];
    for (const id of ids)
      if (typeof id === 'string')
        calls.set(id, { interactionId: row.id, agentName: str(data.agentName) ?? null, agentId: str(data.agentId) });
  }
  return calls;
}

function matches(entry: HistoryEntry, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = `${entry.notes ?? ''} ${entry.summary ?? ''} ${entry.disposition ?? ''}`.toLowerCase();
  return words.every((word) => text.includes(word));
}

/**
 * The customer's timeline, newest first. Every entry is returned (the screen virtualizes the
 * list): a customer's history is thousands of entries at most, one index search away.
 */
export function customerHistory(db: ReadableDB, query: HistoryQuery): HistoryEntry[] {
  const types = JSON.stringify(historyRecordTypes);
  const rows = statements(db).ofCustomer.all(query.customerId, types, query.customerId, types);
  const kinds = query.kinds && query.kinds.length > 0 ? new Set(query.kinds) : null;
  const words = (query.search ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  const seen = new Set<string>();
  const entries: HistoryEntry[] = [];
  const calls = callOfCallbacks(rows);
  for (const row of rows) {
    for (const listed of entriesOf(row)) {
      // A callback booked during a call shows as that call's (the call lists it in `callbackIds`).
      const call = listed.kind === 'callback' ? calls.get(row.id) : undefined;
      const entry = call ? { ...listed, ...call } : listed;
      // A run or change listed by two interactions (a reopened call of another console, say) shows once.
      if (seen.has(entry.key) || (kinds && !kinds.has(entry.kind)) || !matches(entry, words)) continue;
      seen.add(entry.key);
      entries.push(entry);
    }
  }
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.key < b.key ? -1 : 1));
}

export type LastContact = Readonly<{ at: string; agentName: string | null; disposition: string; pending: boolean }>;

/** The latest call among a customer's history entries, for the header's "Last contact" (undefined: never). */
export function lastContactOf(entries: readonly HistoryEntry[]): LastContact | undefined {
  let latest: HistoryEntry | undefined;
  for (const entry of entries) {
    if (entry.kind === 'interaction' && (!latest || entry.at > latest.at)) latest = entry;
  }
  return latest
    ? { at: latest.at, agentName: latest.agentName ?? null, disposition: latest.disposition ?? '', pending: latest.pending }
    : undefined;
}
