// POST /sync/wait (PROTOCOL.md): consoles park a request until the backend has a change newer
// than their cursor. One watcher per backend process answers all of them: it reads the store's
// last seq every `intervalMs` while anyone waits (and never when nobody does), and at once when
// this process commits a change (`notify`). A change committed by another process on the same
// database (`--processes`, a second backend behind a load balancer) is seen at its next read, so
// no process needs to hear of another's commits. Hundreds of parked waits cost one small query
// per interval, not one each; a wait at or below the last seq read needs no query to park.
// Measured (`npm run bench:backend -- --agents 500 --seconds 60 --processes 2 --database
// postgres`, 2 cores): answered in bursts of a read's worth, pull p95 120 ms, push p95 185 ms;
// evenly, 18 ms and 44 ms (polling every 2-4 s instead, `--no-waits`: 54 ms and 90 ms).
import type { Logger } from './http';

/** How often the last seq is read while someone waits: another process's change reaches a console within about this. */
const defaultWatchIntervalMs = 250;
/**
 * Waits answered `changed: true` per second at most, by this process. Each answer is a pull
 * a moment later: with every console told of every change at once, 500 consoles of a busy
 * call center would pull about once a second each, 500 pulls a second (measured: the backend
 * fell behind, pull p95 over 20 s), against 33 a second when they poll every 15 s. Paced, a
 * change reaches a small team within one read, and 500 consoles on one process within 10 s,
 * supervisors first (approval requests), then the longest waiting; the pulls stay near the
 * polling rate.
 */
const defaultAnswersPerSecond = 50;
/** The most answers given at once: what the pace allows in this many ms (so 1 at 50 a second). */
const answerBurstMs = 20;
/**
 * How often time-driven changes (approvals past their expiry, backup plans ready) are made to
 * land while consoles wait: a console that only waits pulls only when something changed, so
 * nobody else's pull would make them land.
 */
const defaultDueEveryMs = 5_000;

export type ChangeWatchOptions = Readonly<{
  /** The store's highest committed seq (`RecordsTable.lastSeq`). */
  lastSeq: () => Promise<number>;
  /** Writes the time-driven changes that are due (PullService.landDue); errors are logged, not thrown. */
  landDue?: () => Promise<void>;
  intervalMs?: number;
  dueEveryMs?: number;
  answersPerSecond?: number;
  log: Logger;
}>;

type Parked = { readonly after: number; readonly first: boolean; readonly answer: (changed: boolean) => void };

export class ChangeWatch {
  private readonly parked = new Set<Parked>();
  private readonly intervalMs: number;
  private readonly dueEveryMs: number;
  /** `changed: true` answers per ms, and the most that may be given at once (a token bucket: reads come on a timer and after every push). */
  private readonly answersPerMs: number;
  private readonly answerBurst: number;
  private answerTokens: number;
  private answerTokensAt = Date.now();
  /** The last seq read; -1 before the first read. Waits behind it are answered as tokens come. */
  private lastRead = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The next paced answer, while waits behind `lastRead` are left. */
  private dripTimer: ReturnType<typeof setTimeout> | undefined;
  private checking = false;
  private checkAgain = false;
  private closed = false;
  private lastDueAt = 0;
  private failing = false;

  constructor(private readonly options: ChangeWatchOptions) {
    this.intervalMs = options.intervalMs ?? defaultWatchIntervalMs;
    this.dueEveryMs = options.dueEveryMs ?? defaultDueEveryMs;
    this.answersPerMs = (options.answersPerSecond ?? defaultAnswersPerSecond) / 1000;
    // A burst of 20 ms worth at most: answers come evenly, not a read's worth of pulls at once.
    this.answerBurst = Math.max(1, Math.floor(this.answersPerMs * answerBurstMs));
    this.answerTokens = this.answerBurst;
  }

  /** How many waits are parked (tests, the benchmark). */
  get waiting(): number {
    return this.parked.size;
  }

  /**
   * The last seq this watcher read, or -1 when it has read none. Only ever behind the store: a
   * cursor at or below it is one the store has, without a read of its own (`PullService.waitFrom`).
   */
  get lastSeqRead(): number {
    return this.lastRead;
  }

  /**
   * True as soon as the store's last seq is above `after` (paced: `defaultAnswersPerSecond`;
   * `first` waits, a supervisor's, are answered before the others), false after `waitMs` (or
   * when the backend closes, or `signal` aborts: the client went away). A wait already behind
   * the store is answered by the next read, which comes within `intervalMs`, as every other.
   */
  wait(after: number, waitMs: number, signal: AbortSignal, first = false): Promise<boolean> {
    if (this.closed || signal.aborted) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => entry.answer(false), waitMs);
      const aborted = () => entry.answer(false);
      const entry: Parked = {
        after,
        first,
        answer: (changed) => {
          if (!this.parked.delete(entry)) return;
          clearTimeout(timer);
          signal.removeEventListener('abort', aborted);
          resolve(changed);
        },
      };
      this.parked.add(entry);
      signal.addEventListener('abort', aborted, { once: true });
      this.arm();
    });
  }

  /** This process committed a change: read the last seq now rather than at the next interval. */
  notify(): void {
    if (this.parked.size > 0 && !this.closed) void this.check();
  }

  /** Answers every parked wait `changed: false` at once and stops reading (the backend is closing). */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dripTimer) clearTimeout(this.dripTimer);
    this.dripTimer = undefined;
    for (const entry of [...this.parked]) entry.answer(false);
  }

  private arm(): void {
    if (this.timer || this.checking || this.closed || this.parked.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.check();
    }, this.intervalMs);
  }

  private async check(): Promise<void> {
    if (this.checking) {
      // A commit while reading: read once more when this read is done, so it is not missed.
      this.checkAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.checking = true;
    try {
      do {
        this.checkAgain = false;
        await this.landDue();
        const seq = await this.options.lastSeq();
        if (this.failing) this.options.log('change watch: reading the last change works again');
        this.failing = false;
        this.answerChanged(seq);
      } while (this.checkAgain && !this.closed && this.parked.size > 0);
    } catch (error) {
      // The database is away: parked waits end at their time limit; logged once per outage.
      if (!this.failing) this.options.log(`warning: change watch cannot read the last change: ${messageOf(error)}`);
      this.failing = true;
    } finally {
      this.checking = false;
      this.arm();
    }
  }

  /**
   * Answers `changed: true` to the waits behind `seq`, as many as the pace allows: the first
   * ones, then the longest parked (a Set keeps insertion order). The rest stay parked and are
   * answered one by one as the pace allows (`dripTimer`), and by the next reads.
   */
  private answerChanged(seq: number): void {
    this.lastRead = Math.max(this.lastRead, seq);
    const now = Date.now();
    this.answerTokens = Math.min(this.answerBurst, this.answerTokens + (now - this.answerTokensAt) * this.answersPerMs);
    this.answerTokensAt = now;
    for (const wantFirst of [true, false]) {
      for (const entry of [...this.parked]) {
        if (entry.first !== wantFirst || entry.after >= this.lastRead) continue;
        if (this.answerTokens < 1) {
          this.dripNext();
          return;
        }
        entry.answer(true);
        this.answerTokens -= 1;
      }
    }
  }

  /** A wait behind the last read is left and the pace allows none now: answer it when it does. */
  private dripNext(): void {
    if (this.dripTimer || this.closed) return;
    const ms = Math.max(1, Math.ceil((1 - this.answerTokens) / this.answersPerMs));
    this.dripTimer = setTimeout(() => {
      this.dripTimer = undefined;
      if (!this.closed) this.answerChanged(this.lastRead);
    }, ms);
  }

  private async landDue(): Promise<void> {
    if (!this.options.landDue || Date.now() - this.lastDueAt < this.dueEveryMs) return;
    this.lastDueAt = Date.now();
    try {
      await this.options.landDue();
    } catch (error) {
      this.options.log(`warning: time-driven changes could not be written: ${messageOf(error)}`);
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
