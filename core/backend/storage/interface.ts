// The backend's storage, one interface for its two databases: SQLite (sqlite/, the default:
// one file, nothing to install) and PostgreSQL (postgres/, for several backend processes on one
// database). Every read and write of the backend goes through a `StorageTx`, inside
// `transaction` (one database transaction) or `read` (no transaction: each statement on its own).
import type { AgentRole, RecordOf, RecordType } from '../../domain';

/** A record as callers hand it in: the store sets `version` and `updatedAt`. */
export type RecordInput<T extends RecordType> = DistributiveOmit<RecordOf<T>, 'version' | 'updatedAt'> & { id: string };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A change as a pull page carries it: the record's stored JSON text, never re-serialised. */
export type ChangeRow = [seq: number, type: string, id: string, version: number, deleted: number, data: string | null];

/** Synced records: every write takes the next number of the one change sequence. */
export type RecordsTable = {
  get<T extends RecordType>(type: T, id: string): Promise<RecordOf<T> | undefined>;
  /** Live records of `type` whose `customerId` is `ownerId`, oldest change first. */
  byOwner<T extends RecordType>(ownerId: string, type: T): Promise<RecordOf<T>[]>;
  /**
   * Creates or replaces a record as the next change, validated against the domain schema first:
   * the backend never stores, and so never syncs, a record the console would refuse.
   */
  put<T extends RecordType>(type: T, input: RecordInput<T>): Promise<RecordOf<T>>;
  /** Deletes a record: it stays as a `del` tombstone until the retention period ends. False when there was none. */
  remove(type: RecordType, id: string): Promise<boolean>;
  /** Bulk insert of new records at version 1 (demo data): no schema check per record. */
  insertNew(rows: readonly Readonly<{ type: RecordType; record: Readonly<{ id: string }> }>[]): Promise<void>;
  /** The highest committed change (or the tombstone horizon when above it); 0 when empty. */
  lastSeq(): Promise<number>;
  /** Up to `limit` changes after `after`, in seq order. */
  changesAfter(after: number, limit: number): Promise<ChangeRow[]>;
  /** Hosting backup plans still `provisioning` whose `readyBy` is at or before `nowIso`. */
  dueProvisioning(nowIso: string): Promise<RecordOf<'subscription'>[]>;
  /** Approvals still pending or approved (unused) whose `expiresAt` is at or before `nowIso`. */
  openApprovalsDue(nowIso: string): Promise<RecordOf<'approval'>[]>;
  /**
   * Drops the tombstones older than `beforeIso` and raises the tombstone horizon to the highest
   * seq dropped, atomically (also outside a transaction). Returns the horizon (also when nothing expired).
   */
  purgeTombstones(beforeIso: string): Promise<number>;
  isEmpty(): Promise<boolean>;
  /**
   * Takes the lock that orders change numbers now (the first write takes it anyway): a
   * transaction that reads records to decide what it writes takes it before reading, so that
   * no other writer, in any process, changes them in between. Held until the transaction ends.
   */
  lockChanges(): Promise<void>;
};

export type AgentRow = Readonly<{ id: string; email: string; name: string; role: AgentRole; passwordHash: string }>;

export type AgentsTable = {
  insert(agent: AgentRow): Promise<void>;
  byEmail(email: string): Promise<AgentRow | undefined>;
};

export type TokensTable = {
  insert(tokenHash: string, agentId: string, expiresAt: string): Promise<void>;
  deleteExpiredBefore(iso: string): Promise<void>;
  /** False when there was no such token. */
  delete(tokenHash: string): Promise<boolean>;
  /** The token's agent and expiry. */
  find(tokenHash: string): Promise<Readonly<{ agentId: string; name: string; role: AgentRole; expiresAt: string }> | undefined>;
};

export type ClientRow = Readonly<{ agentId: string | null; lastMutationId: number }>;

export type ClientsTable = {
  /** `forUpdate`: the row stays locked until the transaction ends (the push's exactly-once). */
  get(clientId: string, options?: Readonly<{ forUpdate?: boolean }>): Promise<ClientRow | undefined>;
  /** A first use: inserted bound to `agentId` unless another request inserted it first. */
  insertIfMissing(clientId: string, agentId: string): Promise<void>;
  /** Binds a row the schema-3 upgrade could not attribute (no agent yet). */
  bindUnowned(clientId: string, agentId: string): Promise<void>;
  setLastMutationId(clientId: string, mutationId: number): Promise<void>;
};

export type MutationLogEntry = Readonly<{
  clientId: string;
  mutationId: number;
  name: string;
  status: 'applied' | 'rejected';
  code: string | null;
  message: string | null;
  /** JSON text. */
  result: string | null;
  agentId: string;
  processedAt: string;
  /** NULL for mutations logged before fingerprints were kept (SQLite schema 3). */
  fingerprint: string | null;
}>;

export type MutationLogTable = {
  get(
    clientId: string,
    mutationId: number,
  ): Promise<Pick<MutationLogEntry, 'status' | 'code' | 'message' | 'result' | 'fingerprint'> | undefined>;
  insert(entry: MutationLogEntry): Promise<void>;
};

export type AuditEventRow = Readonly<{
  id: string;
  at: string;
  agentId: string;
  pushedBy: string;
  customerId: string | null;
  kind: string;
  event: string;
  receivedAt: string;
}>;

export type AuditEventsTable = {
  /** An event already stored under its id is left as it is. */
  insert(row: AuditEventRow): Promise<void>;
};

/** License keys, which no pull reads (keys.ts). */
export type LicenseKeysTable = {
  insert(licenseKeyId: string, key: string): Promise<void>;
  get(licenseKeyId: string): Promise<string | undefined>;
};

export type MetaTable = {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
};

export type StorageTx = {
  readonly records: RecordsTable;
  readonly agents: AgentsTable;
  readonly tokens: TokensTable;
  readonly clients: ClientsTable;
  readonly mutationLog: MutationLogTable;
  readonly auditEvents: AuditEventsTable;
  readonly licenseKeys: LicenseKeysTable;
  readonly meta: MetaTable;
  /** Runs `section` as a savepoint: when it throws, what it wrote is undone and the error goes on. */
  savepoint<T>(section: () => Promise<T>): Promise<T>;
};

export type BackendStorage = {
  readonly kind: 'sqlite' | 'postgres';
  /** This database's id, the first part of every cursor. */
  readonly backendId: string;
  /**
   * One write transaction: committed when `work` resolves, rolled back when it throws. Exclusive
   * against every other writer of the database, in this process and in others (SQLite: BEGIN
   * IMMEDIATE; PostgreSQL: numbered writes take one advisory lock, records.ts), and never seen
   * half-done by a reader.
   */
  transaction<T>(work: (tx: StorageTx) => Promise<T>): Promise<T>;
  /** Reads (and single-statement writes) outside a transaction; sees only committed data. */
  read<T>(work: (tx: StorageTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/**
 * One consistent view of the whole database, for the snapshot builder: every change up to
 * `seq` and none after, however long the reading takes while the backend keeps writing.
 */
export type ReadView = {
  readonly backendId: string;
  /** The view's highest committed seq (or the tombstone horizon when above it). */
  readonly seq: number;
  changesAfter(after: number, limit: number): Promise<ChangeRow[]>;
  /** Ends the view (its transaction): call once the changes are read. */
  close(): Promise<void>;
};

/** Which database: `:memory:` or a folder for SQLite, a `postgres://` URL for PostgreSQL. */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//.test(database);
}
