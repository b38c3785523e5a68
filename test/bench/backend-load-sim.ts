// N simulated consoles against one backend URL (`npm run bench:backend`). Each one, with a
// clientId of its own and one keep-alive connection, from the cursor the backend stood at when
// the run began (a pull is every page until `hasMore` is false):
// - every 30 to 90 seconds (first time: anywhere in the first 90) queues 1 to 3 mutations and
//   pushes its outbox at once, then pulls, as the console's sync round does, with its own
//   increasing mutation ids. Each mutation is
//   `callback.schedule` (a callback for a random customer, its reason a tag naming the client
//   and the id) with probability 0.7, else `customer.updateDetails` of the console's own
//   customer (at most one waiting at a time, from the version it knows);
// - keeps one `POST /sync/wait` parked with its cursor on a second connection, as the console
//   does while idle (core/sync/live-wait.ts): `changed: true` → a pull now, then wait again; two
//   waits at least a second apart. Measured: from the start of a push to each other console's
//   wait answered for it (`waitAfterPushMs`). Like the console, it has no poll timer while waits
//   work. With `waits: false` (the console before live updates, or with a backend without
//   `/sync/wait`), it pulls every 2 to 4 seconds instead (uniformly jittered);
// - sends one push in ten a second time once answered, as a console does that lost the answer:
//   every mutation of it must then come back `duplicate`;
// - on a failed request (no answer, or a 5xx) asks `GET /health` every 2 to 4 seconds until it
//   answers, then sends the same request again, as the console's engine does.
// When the time is up, consoles stop pulling and queueing and push what their outbox still
// holds (retrying as above for at most `drainSeconds`).
import { DateTime } from 'luxon';
import { isLoadTag, loadTag, type SentMutation } from './backend-load-check';
import { openConnection, RequestFailed, type ConsoleConnection } from './backend-load-http';

export type LoadCustomer = Readonly<{ id: string; version: number; contactName: string; contactPhone: string }>;

export type LoadOptions = Readonly<{
  url: string;
  agents: number;
  seconds: number;
  /** Signed-in tokens, shared round-robin by the consoles (each console keeps its own clientId). */
  tokens: readonly string[];
  /** Customers for callbacks; console i updates customers[i] and nobody else does. At least `agents`. */
  customers: readonly LoadCustomer[];
  /** Where the consoles' pulls start: the backend's head when the run began. */
  startCursor: string;
  random: () => number;
  /** Called four times a second with the seconds elapsed and what has been answered so far (the kill target hooks in here). */
  onSecond?: (second: number, progress: LoadProgress) => void;
  drainSeconds?: number;
  pullEveryMs?: readonly [number, number];
  /** False: no console parks a wait; each pulls every `pullEveryMs` instead (the load of consoles before live updates). Default true. */
  waits?: boolean;
  pushEveryMs?: readonly [number, number];
}>;

export type LoadProgress = Readonly<{ pulls: number; pushes: number; mutations: number }>;

export type LoadRun = Readonly<{
  pullMs: readonly number[];
  pushMs: readonly number[];
  /** For each wait answered `changed: true`: ms from the start of the first push sent after the wait was parked. */
  waitAfterPushMs: readonly number[];
  waits: number;
  errors: Readonly<{ network: number; server: number; protocol: number }>;
  /** The first few answers counted as protocol errors, for a person to read. */
  protocolProblems: readonly string[];
  /** Pushes sent again once answered, and of their mutations those not answered `duplicate`. */
  resends: number;
  resendsNotDuplicate: number;
  sent: readonly SentMutation[];
  seconds: number;
}>;

type Pending = {
  id: number;
  name: 'callback.schedule' | 'customer.updateDetails';
  args: unknown;
  record: { -readonly [K in keyof SentMutation]: SentMutation[K] };
};
type PushResult = { id: number; status: string; code?: string; result?: { version?: number; currentVersion?: number } };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The next weekday at noon in New York, a day ahead at least: inside support hours, never in the past. */
function callbackTime(): string {
  let at = DateTime.now().setZone('America/New_York').plus({ days: 1 }).set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
  while (at.weekday > 5) at = at.plus({ days: 1 });
  return at.toUTC().toISO() ?? '';
}

export async function runLoad(options: LoadOptions): Promise<LoadRun> {
  if (options.customers.length < options.agents)
    throw new Error(`${options.agents} consoles need at least as many customers; there are ${options.customers.length}.`);
  const random = options.random;
  const between = ([low, high]: readonly [number, number]) => low + (high - low) * random();
  const pullEvery = options.pullEveryMs ?? [2_000, 4_000];
  const pushEvery = options.pushEveryMs ?? [30_000, 90_000];
  const scheduledFor = callbackTime();
  const pullMs: number[] = [];
  const pushMs: number[] = [];
  const errors = { network: 0, server: 0, protocol: 0 };
  const protocolProblems: string[] = [];
  const protocolError = (what: string) => {
    errors.protocol += 1;
    if (protocolProblems.length < 10) protocolProblems.push(what.slice(0, 300));
  };
  const sent: SentMutation[] = [];
  /** When each push was sent (performance.now(), in order): what a wait answered `changed: true` is paired with. */
  const pushStarts: number[] = [];
  const waitAfterPushMs: number[] = [];
  let waits = 0;
  let resends = 0;
  let resendsNotDuplicate = 0;
  const started = performance.now();
  const endAt = started + options.seconds * 1000;
  const drainUntil = endAt + (options.drainSeconds ?? 60) * 1000;

  const secondTimer = setInterval(() => {
    options.onSecond?.(Math.floor((performance.now() - started) / 1000), {
      pulls: pullMs.length,
      pushes: pushMs.length,
      mutations: sent.length,
    });
  }, 250);

  async function simulate(index: number): Promise<void> {
    const clientId = `load-${String(index + 1).padStart(4, '0')}-${Math.floor(random() * 1e9).toString(36)}`;
    const token = options.tokens[index % options.tokens.length] ?? '';
    const own = options.customers[index] as LoadCustomer;
    const connection: ConsoleConnection = openConnection(options.url);
    let cursor = options.startCursor;
    let ownVersion = own.version;
    let nextId = 1;
    const outbox: Pending[] = [];
    // One request at a time per console, as its engine's sync round.
    let chain: Promise<unknown> = Promise.resolve();
    const serially = <T>(work: () => Promise<T>): Promise<T> => {
      const next = chain.then(work);
      chain = next.catch(() => undefined);
      return next;
    };

    /** The request, again after each failure once `/health` answers; undefined when the time to drain ran out first. */
    async function withRetry<T>(send: () => Promise<T>): Promise<T | undefined> {
      for (;;) {
        try {
          return await send();
        } catch (error) {
          if (!(error instanceof RequestFailed)) throw error;
          errors[error.kind] += 1;
          do {
            if (performance.now() > drainUntil) return undefined;
            await sleep(between(pullEvery));
          } while (!(await connection.health()));
        }
      }
    }

    async function pull(): Promise<void> {
      for (;;) {
        const answer = await withRetry(() => connection.post('/sync/pull', token, { protocol: 1, clientId, cursor, limit: 5000 }));
        if (!answer) return;
        const page = answer.body as { cursor?: string; hasMore?: boolean; changes?: { type: string; id: string; version: number }[] };
        if (answer.status !== 200 || typeof page.cursor !== 'string') {
          protocolError(`pull answered ${answer.status}: ${JSON.stringify(answer.body)}`);
          return;
        }
        pullMs.push(answer.ms);
        for (const change of page.changes ?? [])
          if (change.type === 'customer' && change.id === own.id) ownVersion = Math.max(ownVersion, change.version);
        cursor = page.cursor;
        if (!page.hasMore) return;
      }
    }

    function queue(): void {
      const count = 1 + Math.floor(random() * 3);
      for (let n = 0; n < count; n++) {
        const id = nextId++;
        const detailsWaiting = outbox.some((m) => m.name === 'customer.updateDetails');
        if (random() < 0.7 || detailsWaiting) {
          const customer = options.customers[Math.floor(random() * options.customers.length)] as LoadCustomer;
          const tag = loadTag(clientId, id);
          const args = {
            customerId: customer.id,
            name: customer.contactName,
            phone: customer.contactPhone,
            scheduledFor,
            timeZone: 'America/New_York',
            reason: tag,
          };
          outbox.push({
            id,
            name: 'callback.schedule',
            args,
            record: { clientId, id, kind: 'callback', target: tag, outcome: 'unanswered' },
          });
        } else {
          const args = { customerId: own.id, baseVersion: ownVersion, changes: { contactName: `${own.contactName} (load ${id})` } };
          outbox.push({
            id,
            name: 'customer.updateDetails',
            args,
            record: { clientId, id, kind: 'details', target: own.id, outcome: 'unanswered' },
          });
        }
        sent.push((outbox.at(-1) as Pending).record);
      }
    }

    async function push(): Promise<void> {
      while (outbox.length > 0) {
        const batch = outbox.slice(0, 500);
        const mutations = batch.map(({ id, name, args }) => ({ id, name, args }));
        pushStarts.push(performance.now());
        const answer = await withRetry(() => connection.post('/sync/push', token, { protocol: 1, clientId, mutations }));
        if (!answer) return;
        const results = (answer.body as { results?: PushResult[] }).results;
        if (answer.status !== 200 || !results || results.length !== batch.length) {
          // A refusal or a halt: not what a console of this protocol should ever get here.
          protocolError(`push answered ${answer.status}: ${JSON.stringify(answer.body)}`);
          outbox.splice(0, batch.length);
          return;
        }
        pushMs.push(answer.ms);
        for (const [i, result] of results.entries()) settle(batch[i] as Pending, result);
        outbox.splice(0, batch.length);
        if (random() < 0.1) {
          const again = await withRetry(() => connection.post('/sync/push', token, { protocol: 1, clientId, mutations }));
          if (!again) return;
          resends += 1;
          pushMs.push(again.ms);
          const repeated = (again.body as { results?: PushResult[] }).results ?? [];
          resendsNotDuplicate += mutations.length - repeated.filter((r) => r.status === 'duplicate').length;
        }
      }
    }

    function settle(pending: Pending, result: PushResult): void {
      if (result.status === 'id_conflict') {
        protocolError(`push answered id_conflict for ${clientId} #${pending.id}`);
        return;
      }
      // A duplicate carries the code of a rejection it repeats.
      pending.record.outcome =
        result.status === 'rejected' || (result.status === 'duplicate' && result.code !== undefined) ? 'rejected' : 'applied';
      if (pending.name === 'customer.updateDetails') {
        const version = result.result?.version ?? result.result?.currentVersion;
        if (typeof version === 'number') ownVersion = Math.max(ownVersion, version);
      }
    }

    // A wait cut short when the time is up, so no console idles past the end.
    const wait = (ms: number) => sleep(Math.min(ms, endAt - performance.now()));
    const waitsOn = options.waits !== false;
    // Polling: only without waits (the console's poll timer rests while its waits work).
    const pulling = (async () => {
      if (waitsOn) return;
      await wait(between([0, pullEvery[1]]));
      while (performance.now() < endAt) {
        await serially(pull);
        await wait(between(pullEvery));
      }
    })();
    const pushing = (async () => {
      await wait(between([0, pushEvery[1]]));
      while (performance.now() < endAt) {
        queue();
        // A sync round: the outbox, then the changes (the poll does those without waits).
        await serially(async () => {
          await push();
          if (waitsOn) await pull();
        });
        await wait(between(pushEvery));
      }
    })();
    const waitConnection = openConnection(options.url);
    const waiting = (async () => {
      let lastStart = Number.NEGATIVE_INFINITY;
      while (waitsOn && performance.now() < endAt) {
        await wait(lastStart + 1_000 - performance.now());
        if (performance.now() >= endAt) break;
        lastStart = performance.now();
        const waitMs = Math.max(0, Math.min(25_000, Math.round(endAt - lastStart)));
        let answer;
        try {
          answer = await waitConnection.post('/sync/wait', token, { protocol: 1, cursor, waitMs });
        } catch (error) {
          if (!(error instanceof RequestFailed)) throw error;
          errors[error.kind] += 1;
          await wait(between(pullEvery));
          continue;
        }
        waits += 1;
        if (answer.status !== 200) {
          protocolError(`wait answered ${answer.status}: ${JSON.stringify(answer.body)}`);
          continue;
        }
        if (!(answer.body as { changed?: boolean }).changed) continue;
        const answeredAt = performance.now();
        const cause = pushStarts.find((at) => at >= lastStart);
        if (cause !== undefined && cause <= answeredAt) waitAfterPushMs.push(answeredAt - cause);
        await serially(pull);
      }
    })();
    await Promise.all([pulling, pushing, waiting]);
    waitConnection.close();
    // Outbox rows whose answer never came: the drain, still as a console would send them.
    await serially(push);
    connection.close();
  }

  await Promise.all(Array.from({ length: options.agents }, (_, index) => simulate(index)));
  clearInterval(secondTimer);
  return {
    pullMs,
    pushMs,
    waitAfterPushMs,
    waits,
    errors,
    protocolProblems,
    resends,
    resendsNotDuplicate,
    sent,
    seconds: (performance.now() - started) / 1000,
  };
}

export type BackendChanges = Readonly<{
  cursor: string;
  customers: ReadonlyMap<string, LoadCustomer>;
  callbacksByTag: ReadonlyMap<string, number>;
}>;

/** Every change since `cursor`: customers at their latest version, and load callbacks counted per tag. */
export async function readChanges(
  connection: ConsoleConnection,
  token: string,
  clientId: string,
  cursor: string | null,
): Promise<BackendChanges> {
  const customersById = new Map<string, LoadCustomer>();
  const callbacksByTag = new Map<string, number>();
  let at = cursor;
  for (;;) {
    const answer = await connection.post('/sync/pull', token, { protocol: 1, clientId, cursor: at, limit: 5000 });
    const page = answer.body as {
      cursor: string;
      hasMore: boolean;
      changes: { type: string; id: string; op: string; version: number; data?: Record<string, unknown> }[];
    };
    if (answer.status !== 200 || typeof page.cursor !== 'string')
      throw new Error(`The check's pull answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    for (const change of page.changes) {
      if (change.op !== 'put' || !change.data) continue;
      if (change.type === 'customer' && typeof change.data.contactPhone === 'string') {
        customersById.set(change.id, {
          id: change.id,
          version: change.version,
          contactName: String(change.data.contactName),
          contactPhone: change.data.contactPhone,
        });
      }
      const reason = change.data.reason;
      if (change.type === 'callback' && typeof reason === 'string' && isLoadTag(reason))
        callbacksByTag.set(reason, (callbacksByTag.get(reason) ?? 0) + 1);
    }
    at = page.cursor;
    if (!page.hasMore) return { cursor: at, customers: customersById, callbacksByTag };
  }
}
