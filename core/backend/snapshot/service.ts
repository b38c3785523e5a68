// Which snapshot the backend serves, and when it builds the next (PROTOCOL.md "Snapshots").
//
// - Built on start when there is none to serve (none yet, or only for another cache schema),
//   and again once `every` changes have landed since the one served: a console that installs
//   it pulls those changes after, and a build costs the backend a core for a while.
// - Never served once its cursor is below the tombstone horizon (the pull service would answer
//   `cursor_expired` to it), and rebuilt when half the tombstone window has passed since it was
//   made, long before that can happen. Meanwhile 404 `no_snapshot`: consoles page.
// - A new one replaces the one served only once it is complete (write.ts renames it into place).
//   The one it replaces stays downloadable until the next one after it is complete, so a
//   download in progress may finish; older ones are deleted.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cacheSchemaVersion } from '../../cache';
import { snapshotIdSchema, snapshotManifestSchema, type LoginAgent, type SnapshotManifest, type SnapshotRequest } from '../../protocol';
import { claimClient } from '../clients';
import type { PullService } from '../pull';
import type { BackendStorage } from '../storage/interface';
import { buildSnapshot } from './build';
import { manifestFileName, snapshotFileName } from './write';

/**
 * Changes between two snapshots. A console installing the one served pulls at most this many
 * changes after it: 10 pages of 5,000, a couple of seconds of a paged first sync, small next to
 * the download and install. Fewer would rebuild more often for little: a build reads every
 * record and writes the whole cache on one core of the backend for minutes at a million
 * customers, so a backend taking tens of thousands of changes a day rebuilds about once a day,
 * not after every busy hour.
 */
export const defaultSnapshotEvery = 50_000;

/** After a failed build, the next try waits this long (a full disk should not turn into a busy loop). */
const retryAfterFailureMs = 60_000;
/** How often the service looks whether a snapshot is due without being asked (age, time-driven changes). */
const checkIntervalMs = 60_000;
/**
 * A process that does not build (`build: false`) reads the folder again when it answers after
 * this long: a new snapshot reaches it within seconds, and the builder keeps the one before it
 * downloadable until the next one after it is complete, so the file it names is still there.
 */
const followRefreshMs = 2_000;

export type SnapshotServiceOptions = Readonly<{
  storage: BackendStorage;
  pull: PullService;
  /** `<data dir>/backend.sqlite`, read by the build's own connection. */
  backendDbFile: string;
  /** The PostgreSQL database's URL, read by the build's own connection instead, when the backend runs on one. */
  database?: string;
  /** `<data dir>/snapshots`. */
  folder: string;
  /** Changes between snapshots; 0 turns snapshots off (every request answers 404). */
  every: number;
  /**
   * False: another process of the same data folder builds the snapshots (`--processes`); this
   * one serves what that one wrote, reading the folder again as it answers, and never builds or
   * deletes. Default true.
   */
  build?: boolean;
  tombstoneRetentionMs: number;
  now: () => Date;
  log: (line: string) => void;
  nativeBinding?: string;
}>;

/** There is no snapshot to answer with: 404 `no_snapshot`. */
export class NoSnapshotError extends Error {}

const seqOfCursor = (cursor: string) => Number(cursor.slice(cursor.lastIndexOf(':') + 1));

export class SnapshotService {
  /** Complete snapshots on disk for this cache schema, oldest first. At most the served one and the one before it are kept. */
  private kept: SnapshotManifest[] = [];
  private building: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private retryAt = 0;
  private readonly timer: NodeJS.Timeout | null = null;
  private readonly builds: boolean;
  private readAt = 0;

  constructor(private readonly options: SnapshotServiceOptions) {
    this.builds = options.build !== false;
    if (options.every === 0) return;
    this.kept = this.loadFolder();
    this.readAt = Date.now();
    if (!this.builds) return;
    this.timer = setInterval(() => this.buildIfDue(), checkIntervalMs);
    this.timer.unref();
    this.buildIfDue();
  }

  get enabled(): boolean {
    return this.options.every > 0;
  }

  /** `POST /sync/snapshot`: the manifest of the snapshot to install. Throws `ClientNotYoursError` or `NoSnapshotError`. */
  async manifestFor(request: SnapshotRequest, agent: LoginAgent): Promise<SnapshotManifest> {
    // As a pull: the client is bound to its agent before anything is answered.
    await this.options.storage.read((tx) => claimClient(tx, request.clientId, agent.id));
    if (!this.enabled) throw new NoSnapshotError('This backend does not build snapshots: do a paged first sync.');
    const served = (await this.servable()).at(-1);
    this.buildIfDue();
    if (!served) throw new NoSnapshotError('No snapshot is ready yet: do a paged first sync, or ask again later.');
    return served;
  }

  /** `GET /sync/snapshot/<id>`: the file of a snapshot still served (the current one or the one before), or undefined. */
  async fileOf(snapshotId: string): Promise<Readonly<{ path: string; manifest: SnapshotManifest }> | undefined> {
    // Only ids this service wrote are looked up; the id never reaches a path unless it is one of them.
    if (!this.enabled || !snapshotIdSchema.safeParse(snapshotId).success) return undefined;
    const manifest = (await this.servable()).find((kept) => kept.snapshotId === snapshotId);
    return manifest ? { path: join(this.options.folder, snapshotFileName(manifest.snapshotId)), manifest } : undefined;
  }

  /** A hint that changes landed (after a push): builds the next snapshot if enough have. */
  changed(): void {
    if (this.enabled) this.buildIfDue();
  }

  /** Settles once no build is running, with the snapshot served then (null when none). */
  async ready(): Promise<SnapshotManifest | null> {
    while (this.building) await this.building;
    return this.enabled ? ((await this.servable()).at(-1) ?? null) : null;
  }

  /** Stops a build in progress (its temporary folder is removed on the next start) and the timer. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.abort.abort();
    while (this.building) await this.building;
  }

  /** Kept snapshots whose cursor a pull still accepts. */
  private async servable(): Promise<SnapshotManifest[]> {
    if (!this.builds && Date.now() - this.readAt >= followRefreshMs) {
      this.kept = this.loadFolder();
      this.readAt = Date.now();
    }
    const expiredBelow = await this.options.pull.expiredBelow(this.options.now());
    return this.kept.filter((manifest) => seqOfCursor(manifest.cursor) >= expiredBelow);
  }

  private async buildDue(): Promise<boolean> {
    const served = (await this.servable()).at(-1);
    if (!served) return true;
    const lastSeq = await this.options.storage.read((tx) => tx.records.lastSeq());
    if (lastSeq - seqOfCursor(served.cursor) >= this.options.every) return true;
    return this.options.now().getTime() - Date.parse(served.createdAt) >= this.options.tombstoneRetentionMs / 2;
  }

  private buildIfDue(): void {
    if (!this.builds || this.building || this.abort.signal.aborted || Date.now() < this.retryAt) return;
    let built = false;
    // Set at once, before the check settles: two calls in a row never start two builds.
    this.building = (async () => {
      if (!(await this.buildDue()) || this.abort.signal.aborted) return;
      built = true;
      await this.build();
    })()
      .catch((error: unknown) => {
        this.retryAt = Date.now() + retryAfterFailureMs;
        this.options.log(`snapshot check failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        this.building = null;
        // Changes may have landed during the build, enough for the next one.
        if (built) setImmediate(() => this.buildIfDue());
      });
  }

  private async build(): Promise<void> {
    const started = performance.now();
    try {
      const manifest = await buildSnapshot({
        backendDbFile: this.options.backendDbFile,
        ...(this.options.database === undefined ? {} : { database: this.options.database }),
        outDir: this.options.folder,
        createdAt: this.options.now().toISOString(),
        signal: this.abort.signal,
        ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
      });
      const records = Object.values(manifest.counts).reduce((sum, n) => sum + (n ?? 0), 0);
      this.options.log(
        `snapshot ${manifest.snapshotId}: ${records} records at ${manifest.cursor}, ${(manifest.bytes / 1e6).toFixed(1)} MB, built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      this.kept = [...this.kept, manifest].slice(-2);
      this.deleteAllBut(this.kept);
    } catch (error) {
      if (this.abort.signal.aborted) return;
      this.retryAt = Date.now() + retryAfterFailureMs;
      this.options.log(
        `snapshot build failed (retried in ${retryAfterFailureMs / 1000} s): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * The complete snapshots in the folder for this cache schema, the two newest; everything
   * else (a crashed build's folder, a file without its manifest, another schema's) is removed.
   */
  private loadFolder(): SnapshotManifest[] {
    let names: string[];
    try {
      names = readdirSync(this.options.folder);
    } catch {
      return [];
    }
    const manifests: SnapshotManifest[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      try {
        const manifest = snapshotManifestSchema.parse(JSON.parse(readFileSync(join(this.options.folder, name), 'utf8')));
        if (
          name === manifestFileName(manifest.snapshotId) &&
          names.includes(snapshotFileName(manifest.snapshotId)) &&
          manifest.schemaVersion === cacheSchemaVersion
        ) {
          manifests.push(manifest);
        }
      } catch {
        // Not a manifest this backend wrote whole: removed below with its file.
      }
    }
    manifests.sort((a, b) => seqOfCursor(a.cursor) - seqOfCursor(b.cursor) || Date.parse(a.createdAt) - Date.parse(b.createdAt));
    const kept = manifests.slice(-2);
    // Only the builder deletes: the rest may be its build in progress, or what it still serves.
    if (this.builds) this.deleteAllBut(kept);
    return kept;
  }

  private deleteAllBut(kept: readonly SnapshotManifest[]): void {
    const keep = new Set(kept.flatMap((manifest) => [snapshotFileName(manifest.snapshotId), manifestFileName(manifest.snapshotId)]));
    let names: string[];
    try {
      names = readdirSync(this.options.folder);
    } catch {
      return;
    }
    // Manifests first: a file left without one (a crash meanwhile) is never served, and goes at the next start.
    // A build folder is a crashed build's: builds run one at a time, and each removes its own when it ends.
    const order = (name: string) => (name.endsWith('.json') ? 0 : 1);
    for (const name of [...names].sort((a, b) => order(a) - order(b))) {
      if (keep.has(name)) continue;
      try {
        rmSync(join(this.options.folder, name), { recursive: true, force: true });
      } catch {
        // Still open for a download (Windows): tried again after the next build.
      }
    }
  }
}
