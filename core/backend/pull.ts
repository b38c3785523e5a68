// POST /sync/pull: records changed after the cursor, in seq order, a page at a time.
// Built for the million-customer first sync: one range scan of the records table in
// rowid (= seq) order, and each record's stored JSON copied into the response as is.
import { maxPullLimit, type LoginAgent, type PullPageHead, type PullRequest } from '../protocol';
import type { ApprovalExpiry } from './approval-expiry';
import { claimClient } from './clients';
import type { ProvisioningService } from './provisioning';
import type { BackendStorage, ChangeRow } from './storage/interface';

type PageRow = ChangeRow;

export class CursorError extends Error {}

const nonAscii = /[\u0080-\uffff]/g;
const escapeUnit = (unit: string) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The same JSON value, with every non-ASCII character written as a `\u` escape. A page of pure
 * ASCII decodes on the console one byte a character, far faster than UTF-8 with names like
 * "José Álvarez" in it, which took a visible share of a first sync's parsing time.
 */
function asciiJson(text: string): string {
  return text.replace(nonAscii, escapeUnit);
}

/** A pull answer: its bytes (ASCII JSON), how many changes it carries, and its head for the header. */
export type PullOutcome = Readonly<{ body: Buffer; changes: number; head?: PullPageHead }>;

/** The cursor of a backend's change `seq`: what pulls and snapshots hand out. */
export function cursorOf(backendId: string, seq: number): string {
  return `${backendId}:${seq}`;
}

/**
 * Reads pages of changes, as pull answers them. The one reader of changes: a pull uses it on
 * the backend's storage, the snapshot builder (snapshot/) on its own connection, inside the
 * read transaction whose state the snapshot is.
 */
export class ChangePageReader {
  constructor(
    /** Up to `limit` changes after `after` in seq order (a store's `changesAfter`). */
    private readonly changesAfter: (after: number, limit: number) => Promise<ChangeRow[]>,
    private readonly backendId: string,
  ) {}

  /** Up to `limit` changes after `after`, as a pull page's bytes, and the page's head. */
  async read(
    after: number,
    limit: number,
    lastMutationId: number,
  ): Promise<Readonly<{ body: Buffer; changes: number; head: PullPageHead }>> {
    const rows = await this.changesAfter(after, limit + 1);
    const hasMore = rows.length > limit;
    if (hasMore) rows.pop();
    const lastSeq = rows.length > 0 ? (rows[rows.length - 1]?.[0] ?? after) : after;

    // Hand-assembled so each record's stored JSON is copied, never parsed and re-serialised.
    // Every piece is ASCII (types and cursors are this backend's; ids and records' text are made
    // so), one byte a character: each is written straight into the answer's bytes. Joined into
    // one string and then encoded, a 5,000-record page took 30 ms; this way 5.
    const parts: string[] = new Array<string>(rows.length);
    let length = 0;
    for (let i = 0; i < rows.length; i++) {
      const [seq, type, id, version, deleted, data] = rows[i] as PageRow;
      const head = `{"type":"${type}","id":${asciiJson(JSON.stringify(id))},"op":"${deleted ? 'del' : 'put'}","version":${version},"seq":${seq}`;
      const part = deleted || data === null ? `${head}}` : `${head},"data":${asciiJson(data)}}`;
      parts[i] = part;
      length += part.length;
    }
    const head: PullPageHead = { cursor: cursorOf(this.backendId, lastSeq), hasMore, lastMutationId };
    const start = `{"cursor":${JSON.stringify(head.cursor)},"hasMore":${hasMore},"lastMutationId":${lastMutationId},"changes":[`;
    return { body: asciiBytes(start, parts, ']}', length), changes: rows.length, head };
  }
}

export class PullService {
  private readonly pages: ChangePageReader;

  constructor(
    private readonly storage: BackendStorage,
    private readonly tombstoneRetentionMs: number,
    private readonly provisioning: ProvisioningService,
    private readonly approvals: ApprovalExpiry,
  ) {
    this.pages = new ChangePageReader((after, limit) => storage.read((tx) => tx.records.changesAfter(after, limit)), storage.backendId);
  }

  cursorFor(seq: number): string {
    return cursorOf(this.storage.backendId, seq);
  }

  /** The seq a cursor stands for, or 'reset' when it belongs to another backend or a future we do not have. */
  private async parseCursor(cursor: string | null): Promise<number | 'reset'> {
    return cursor === null ? 0 : this.seqInStore(this.ownCursorSeq(cursor));
  }

  /** `seq` when the store has it; 'reset' for another backend's cursor or one from a future the store does not have. */
  private async seqInStore(seq: number | 'foreign'): Promise<number | 'reset'> {
    if (seq === 'foreign') return 'reset';
    const last = await this.storage.read((tx) => tx.records.lastSeq());
    return seq > last ? 'reset' : seq;
  }

  /** The seq of a cursor of this backend, 'foreign' for another backend's; `CursorError` for one no backend issued. */
  private ownCursorSeq(cursor: string): number | 'foreign' {
    const match = /^([0-9a-f]{1,32}):(\d{1,15})$/.exec(cursor);
    if (!match)
      throw new CursorError(
        'The cursor is not one this backend issued. Send the cursor of the previous page unchanged, or null for a first sync.',
      );
    return match[1] === this.storage.backendId ? Number(match[2]) : 'foreign';
  }

  /**
   * Where a wait (`POST /sync/wait`) starts: the cursor's seq, or -1 when a pull now would reset
   * (another backend's, a future or an expired cursor, since the last seq counts the tombstone
   * horizon), so that any change answers it. A cursor already behind the store is not answered
   * here: the change watch answers it at its next read, paced with all the others.
   * `CursorError` as a pull.
   */
  async waitFrom(cursor: string, lastSeqRead = -1): Promise<number> {
    // A cursor of this backend at or below a seq read already is one the store has: no read of
    // its own (hundreds of consoles wait again after every answer).
    const seq = this.ownCursorSeq(cursor);
    if (seq !== 'foreign' && seq <= lastSeqRead) return seq;
    const after = await this.seqInStore(seq);
    return after === 'reset' ? -1 : after;
  }

  /** Time-driven changes (backup plans ready, approvals past their expiry) written now, so the next page carries them. */
  async landDue(now: Date): Promise<void> {
    await this.provisioning.activateReady(now);
    await this.approvals.expireDue(now);
  }

  /**
   * The seq below which a cursor is answered `cursor_expired`, after dropping the tombstones
   * that expired by `now`: the highest seq dropped becomes the horizon, since a cursor below
   * it may have missed a deletion. A snapshot at a lower seq is never served (snapshot/).
   */
  async expiredBelow(now: Date): Promise<number> {
    const before = new Date(now.getTime() - this.tombstoneRetentionMs).toISOString();
    // A statement of its own in each store (atomic there): most pulls find nothing to drop.
    return this.storage.read((tx) => tx.records.purgeTombstones(before));
  }

  /**
   * Throws `CursorError` for a cursor this backend never issued, and `ClientNotYoursError` when
   * the client is another agent's: a page carries its client's last mutation id, which only
   * the client's own agent may learn. Both before anything is written.
   */
  async pull(request: PullRequest, agent: LoginAgent, now: Date): Promise<PullOutcome> {
    const after = await this.parseCursor(request.cursor);
    const lastMutationId = await this.storage.read((tx) => claimClient(tx, request.clientId, agent.id));
    // Time-driven changes land before the page is read, so this pull already carries them.
    await this.landDue(now);
    const horizon = await this.expiredBelow(now);
    if (after === 'reset' || (request.cursor !== null && after < horizon)) {
      return { body: Buffer.from(JSON.stringify({ reset: 'cursor_expired' })), changes: 0 };
    }
    return this.pages.read(after, Math.min(request.limit, maxPullLimit), lastMutationId);
  }
}
/** `start`, the `parts` separated by commas, and `end`, all ASCII (`partsLength` characters of parts), as bytes. */
function asciiBytes(start: string, parts: readonly string[], end: string, partsLength: number): Buffer {
  const bytes = Buffer.allocUnsafe(start.length + partsLength + Math.max(0, parts.length - 1) + end.length);
  let at = bytes.write(start, 0, 'latin1');
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) bytes[at++] = 0x2c;
    at += bytes.write(parts[i] as string, at, 'latin1');
  }
  at += bytes.write(end, at, 'latin1');
  return bytes.subarray(0, at);
}
