import { z } from 'zod';
import { defineCall } from './define';

export type SyncState =
  /** Nobody is signed in: nothing is pulled or pushed. */
  | 'signed_out'
  /** Talking to the backend (a first sync shows `firstSync` progress). */
  | 'syncing'
  /** Up to date as of `lastSyncAt`; changes are pushed as they are made. */
  | 'online'
  /** The backend cannot be reached: lookups answer from the cache, queueable changes wait. */
  | 'offline'
  /** The backend answered with an error that is not a rule; retried with backoff. */
  | 'backend_error'
  /** The agent's sign-in expired or was made offline: sync waits for a sign-in; nothing queued is lost. */
  | 'sign_in_required'
  /** The backend speaks another protocol or sent data this console cannot read. */
  | 'incompatible';

export type FirstSyncPhase = 'download' | 'verify' | 'install' | 'pages';

export type SyncStatus = Readonly<{
  state: SyncState;
  online: boolean;
  /** One sentence for the status bar. */
  message: string;
  /** Where the backend is. */
  backend: string;
  /**
   * Set while a first (full) sync runs, null once the cache is complete. `phase`: downloading a
   * snapshot of the backend's data, checking it, installing it, or pulling pages (the fallback
   * when there is no snapshot). `fraction` is of the phase, 0 to 1 (null when not known);
   * `bytes`/`totalBytes` are the snapshot's (null while pulling pages); `appliedRows` are the
   * rows pulled so far (null `totalRows` while the backend does not say the total).
   */
  firstSync: Readonly<{
    phase: FirstSyncPhase;
    fraction: number | null;
    bytes: number | null;
    totalBytes: number | null;
    appliedRows: number;
    totalRows: number | null;
  }> | null;
  /** Changes waiting in the outbox (all agents of this machine); audit records are not changes and are not counted. */
  queued: number;
  /** Audit records waiting to reach the backend (runs, key reveals, lookups), counted apart from changes. */
  queuedAuditRecords: number;
  /** Changes the backend refused, kept until retried or discarded. */
  rejected: number;
  /** Of `queued`, those made by another agent on this machine: they are sent when that agent signs in. */
  queuedByOtherAgents: number;
  lastSyncAt: string | null;
  nextAttemptAt: string | null;
}>;

export type RecordVersion = Readonly<{ version: number; data: Readonly<Record<string, unknown>> }>;

export type OutboxEntry = Readonly<{
  id: number;
  state: 'queued' | 'rejected';
  /** A change the agent made, or an audit record of what was done (shown apart, never counted as a change). */
  kind: 'change' | 'audit';
  name: string;
  /** What the change does, as an agent names it: record names and the customer's local time, no ids or ISO times. */
  summary: string;
  /** The customer's name when the cache holds the customer. */
  customerName: string | null;
  /** For a callback or live session: when, and the customer's zone, so the screen can add the agent's own time. */
  appointment: Readonly<{ at: string; timeZone: string }> | null;
  args: Readonly<Record<string, unknown>>;
  customerId: string | null;
  agentId: string;
  createdAt: string;
  attempts: number;
  lastError: string | null;
  /** For rejected changes: the backend's code and reason. */
  code: string | null;
  message: string | null;
  rejectedAt: string | null;
  /** For `stale`: the record the change was based on, and the record as it is now. */
  yours: RecordVersion | null;
  theirs: RecordVersion | null;
}>;

const noInput = z.object({}).strict();
const outboxId = z.int({ error: 'The change id is a whole number from outbox.list.' }).min(1);

export const syncCalls = {
  'sync.status': defineCall<SyncStatus>()(noInput, 'Online or offline, first sync progress, queued and rejected counts, last sync time.'),
  'sync.now': defineCall<SyncStatus>()(noInput, 'Push queued changes and pull new data now.'),
  'outbox.list': defineCall<Readonly<{ entries: readonly OutboxEntry[] }>>()(
    noInput,
    'Changes waiting for the backend and changes it rejected, with their reasons.',
  ),
  'outbox.retry': defineCall<OutboxEntry>()(
    z
      .object({
        id: outboxId,
        /** The edited args; without them, a `stale` change is re-based on the record as it is now. */
        args: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
    'Queue a rejected change again, optionally edited.',
  ),
  'outbox.discard': defineCall<Readonly<{ discarded: true }>>()(z.object({ id: outboxId }).strict(), 'Drop a rejected change for good.'),
} as const;
