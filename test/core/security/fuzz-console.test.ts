// Issue 18, "Done when": every console API call, taken from the contract so a new call is
// fuzzed without a word here, is sent deep nesting, huge strings, wrong types and odd
// encodings through the dispatcher (as IPC hands it over), the browser-mode HTTP bridge and
// the call socket, with and without the token. Nothing may crash (the server answers after),
// nothing may fail as `internal`, and nothing may be written where nothing should be:
// - an input refused before its handler (bounds, schema, token, body) changes nothing, whatever the call;
// - a read-only call changes nothing, whatever it is sent;
// - a writing call that refuses changes nothing, unless keeping the refusal is its job;
// - a writing call that succeeds may write: fuzzed input that happens to be valid (a theme, a
//   sign-out, a tick on the real run) is a real change, and only "no crash, no internal" holds.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult, CallName } from '../../../core/api';
import { callNames, consoleCalls } from '../../../core/api';
import { demoFixtures, startBackend } from '../../../core/backend';
import type { RunningBackend } from '../../../core/backend';
import { dispatchCall } from '../../../core/console';
import type { ConsoleLogger, ConsoleRuntime } from '../../../core/console';
import { maxRequestBodyBytes, startBrowserServer } from '../../../core/server/http-bridge';
import type { BrowserServer } from '../../../core/server/http-bridge';
import { openClient } from '../server/socket-client';
import type { Client } from '../server/socket-client';
import { bodyBytesOf, bodyTextOf, hazardsFor, ipcOnlyValueOf, pollutionMarker, sitesOf, vocabularyOf } from './fuzz-inputs';
import type { Vocabulary } from './fuzz-inputs';
import { runtimeOn } from '../console/runtime-harness';

/**
 * Calls that may change the console's data when their input is valid. Every other call is held
 * to "changes nothing" whatever it is sent: a new call counts as read-only here until listed.
 */
const writingCalls: ReadonlySet<CallName> = new Set<CallName>([
  'settings.set',
  'auth.login',
  'auth.logout',
  'sync.now',
  'outbox.retry',
  'outbox.discard',
  'licenseKeys.reveal',
  'procedures.start',
  'procedures.apply',
  'procedures.get',
  'approvals.request',
  'approvals.decide',
]);
/**
 * Calls whose refusals are kept on purpose: a refused checklist event becomes the run's notice,
 * a failed sign-in may be counted against the next attempts. Every other refusal changes nothing.
 */
// An approval asked for or decided goes to the backend at once: one it refuses is still a processed mutation (its log row).
const recordedRefusals: ReadonlySet<CallName> = new Set<CallName>([
  'procedures.apply',
  'auth.login',
  'approvals.request',
  'approvals.decide',
]);
/** Refused before any handler ran: whatever the call, nothing can have changed. */
const refusedByDispatcher = new Set(['invalid_input', 'invalid_json', 'unknown_call', 'unauthorized', 'payload_too_large']);
/** Per call and channel; 19 calls × 3 channels × this stays well under a minute on two cores. */
const numRuns = 12;

/** Tables a console call may write; not sync bookkeeping, search indexes or timers' rows. */
const cacheTables = ['records', 'outbox', 'rejected_mutations', 'overlay', 'procedure_runs', 'known_agents'];
const backendTables = ['records', 'clients', 'mutation_log', 'audit_events', 'agents'];

let backend: RunningBackend;
let runtime: ConsoleRuntime;
let server: BrowserServer;
let dataDir: string;
const loggedErrors: string[] = [];
const knownIds: string[] = [];

const logger: ConsoleLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: (message, error) => loggedErrors.push(`${message}: ${error instanceof Error ? error.stack : String(error)}`),
};

function checksum(rows: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value)))
    .digest('hex');
}

/** What a call must leave alone: the cache's tables, the settings file, the backend's data. */
function snapshot(): string {
  const settingsFile = join(dataDir, 'settings.json');
  return checksum({
    cache: cacheTables.map((table) => runtime.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()),
    settings: existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : null,
    backend: backendTables.map((table) => backend.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()),
  });
}

async function signIn(): Promise<void> {
  const { agent } = demoFixtures.agents;
  const login = await dispatchCall(
    runtime.handlers,
    'auth.login',
    { email: agent.email, password: agent.password },
    { via: 'http' },
    () => undefined,
  );
  if (!login.ok) throw new Error(`sign-in failed: ${login.error.message}`);
  await runtime.sync.whenIdle();
}

beforeAll(async () => {
  // A fixed backend clock: nothing becomes due while the fuzz runs, so a background sync changes nothing.
  const now = new Date('2025-03-12T15:00:00.000Z');
  backend = await startBackend({ dataDir: ':memory:', port: 0, customers: 5, now: () => now });
  dataDir = mkdtempSync(join(tmpdir(), 'sc-fuzz-'));
  const staticDir = join(dataDir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  runtime = await runtimeOn(dataDir, { version: '0.0.0-fuzz', logger, backendUrl: backend.url });
  server = await startBrowserServer({ runtime, staticDir });
  await signIn();
  // Ids that exist, so some fuzzed inputs reach a handler's real records and a real run.
  const { customerId, licenseKeyId, subscriptionId } = demoFixtures.techSolutions.withSasKey;
  const list = await dispatchCall(runtime.handlers, 'procedures.list', { customerId }, { via: 'http' }, () => undefined);
  const startable = list.ok
    ? (list.value as { procedures: Array<{ code: string; canStart: boolean }> }).procedures.find((p) => p.canStart)
    : undefined;
  const started = startable
    ? await dispatchCall(
        runtime.handlers,
        'procedures.start',
        { customerId, code: startable.code, mode: 'guide' },
        { via: 'http' },
        () => undefined,
      )
    : undefined;
  knownIds.push(customerId, licenseKeyId, subscriptionId, ...(started?.ok ? [(started.value as { runId: string }).runId] : []));
}, 60_000);

afterAll(async () => {
  socket?.socket.close();
  await server?.close();
  await runtime?.close();
  await backend?.close();
});

const hazards = hazardsFor(maxRequestBodyBytes);

/**
 * Sign-out, then sign-in, last: a fuzzed sign-out is followed by a real sign-in, and fuzzed
 * sign-ins may get this address refused for a while by a backend that counts failed ones.
 */
const signInOrder: readonly CallName[] = ['auth.logout', 'auth.login'];
const fuzzOrder = [...callNames].sort((a, b) => signInOrder.indexOf(a) - signInOrder.indexOf(b));

/** Real ids for the example inputs, so a hazard at one place is sent beside values that exist. */
function examples(): Record<string, string> {
  const [customerId = 'x', licenseKeyId = 'x', , runId = 'x'] = knownIds;
  return { customerId, licenseKeyId, runId, email: demoFixtures.agents.agent.email };
}

const vocabularies = new Map<CallName, Vocabulary>();
function vocabulary(name: CallName): Vocabulary {
  const known = vocabularies.get(name) ?? vocabularyOf(consoleCalls[name].input, knownIds);
  vocabularies.set(name, known);
  return known;
}

/** After each answer: a readable one, never `internal`, and nothing written where nothing may be. */
async function expectAnswered(name: CallName, result: ApiResult<unknown>, before: string, channel: string): Promise<void> {
  const where = `${channel} ${name}`;
  expect(typeof result.ok, where).toBe('boolean');
  if (!result.ok) {
    expect(result.error.code, `${where}: ${result.error.message}\n${loggedErrors.join('\n')}`).not.toBe('internal');
    expect(result.error.message.length, where).toBeGreaterThan(5);
    // A refusal names what is wrong; it never repeats a huge value back.
    expect(JSON.stringify(result.error).length, where).toBeLessThan(20_000);
  }
  // A change made is pushed, and pulled back, in the background: let that end before the next snapshot.
  if (writingCalls.has(name)) await runtime.sync.whenIdle();
  const mustNotWrite =
    !writingCalls.has(name) || (!result.ok && (refusedByDispatcher.has(result.error.code) || !recordedRefusals.has(name)));
  if (mustNotWrite) expect(snapshot(), `${where} wrote: ${JSON.stringify(result).slice(0, 300)}`).toBe(before);
  // An agent signed out by a fuzzed auth.logout signs in again, so later calls reach their handlers.
  if ((name === 'auth.logout' && result.ok) || (!result.ok && result.error.code === 'signed_out')) await signIn();
  expect(({} as Record<string, unknown>)[pollutionMarker], where).toBeUndefined();
}

function viaDispatcher(name: string, value: unknown): Promise<ApiResult<unknown>> {
  return dispatchCall(runtime.handlers, name, value, { via: 'ipc' }, (call, error) => logger.error(`Console call ${call} failed`, error));
}

function callMessage(id: number, name: string, input: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`{"id":${id},"call":${JSON.stringify(name)},"input":`), input, Buffer.from('}')]);
}

let socket: Client | undefined;
let nextSocketId = 1;

/** One call over the shared socket, opened again after the server closed it for a bad message. */
async function viaSocket(name: string, input: Buffer): Promise<{ result: ApiResult<unknown> } | { closed: number }> {
  socket ??= await openReady();
  const id = nextSocketId++;
  socket.socket.send(callMessage(id, name, input), { binary: false });
  try {
    const answer = (await socket.next()) as { id: number; result: ApiResult<unknown> };
    expect(answer.id).toBe(id);
    return { result: answer.result };
  } catch {
    // Not JSON, not UTF-8 or too big: closed with a reason, before anything ran.
    const { code } = await socket.closed;
    socket = undefined;
    expect([1007, 1008, 1009]).toContain(code);
    return { closed: code };
  }
}

async function viaHttp(name: string, body: Buffer, withToken: boolean): Promise<{ status: number; result: ApiResult<unknown> }> {
  const response = await fetch(`http://127.0.0.1:${server.port}/api/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(withToken ? { Authorization: `Bearer ${server.token}` } : {}) },
    body: new Uint8Array(body),
  });
  return { status: response.status, result: (await response.json()) as ApiResult<unknown> };
}

async function stillAnswers(): Promise<void> {
  const { status, result } = await viaHttp('app.info', Buffer.from('{}'), true);
  expect(status).toBe(200);
  expect(result.ok).toBe(true);
}

describe('fuzzing every console call', () => {
  it('covers every call of the contract', () => {
    expect(callNames.length).toBeGreaterThan(10);
    for (const name of [...writingCalls, ...recordedRefusals]) expect(callNames, `${name} is listed here but not a call`).toContain(name);
  });

  describe.each(fuzzOrder)('%s', (name) => {
    it('refuses each hazard at every place of its input, through the dispatcher, over HTTP and over the socket', async () => {
      const sites = sitesOf(consoleCalls[name].input, examples());
      // The bridges only carry the text to the same dispatcher: what is heavy to send goes to the deepest place only.
      const deepest = sites.reduce((deep, site) => (site.path.split('.').length > deep.path.split('.').length ? site : deep));
      for (const hazard of hazards) {
        for (const site of sites) {
          const text = site.build(hazard.text);
          const where = `${hazard.name} at ${site.path || '(input)'}`;
          let before = snapshot();
          await expectAnswered(name, await viaDispatcher(name, parseOr(text)), before, `dispatch, ${where}`);
          if (hazard.heavy && site !== deepest) continue;
          before = snapshot();
          const overHttp = await viaHttp(name, Buffer.from(text), true);
          expect(overHttp.status, where).toBeLessThan(500);
          await expectAnswered(name, overHttp.result, before, `http, ${where}`);
          before = snapshot();
          const overSocket = await viaSocket(name, Buffer.from(text));
          if ('closed' in overSocket) expect(snapshot(), `socket, ${where}`).toBe(before);
          else await expectAnswered(name, overSocket.result, before, `socket, ${where}`);
        }
      }
      await stillAnswers();
    });

    it('through the dispatcher, as IPC hands it over', async () => {
      const voc = vocabulary(name);
      const input = fc.oneof(
        { weight: 3, arbitrary: bodyTextOf(voc, maxRequestBodyBytes).map((text) => parseOr(text)) },
        { weight: 1, arbitrary: ipcOnlyValueOf(voc) },
      );
      await fc.assert(
        fc.asyncProperty(input, async (value) => {
          const before = snapshot();
          await expectAnswered(name, await viaDispatcher(name, value), before, 'dispatch');
        }),
        { numRuns },
      );
    });

    it('over HTTP, with and without the token', async () => {
      await fc.assert(
        fc.asyncProperty(bodyBytesOf(vocabulary(name), maxRequestBodyBytes), fc.boolean(), async (body, withToken) => {
          const before = snapshot();
          const { status, result } = await viaHttp(name, body, withToken);
          expect(status, `${name}: ${JSON.stringify(result).slice(0, 300)}`).toBeLessThan(500);
          if (!withToken) {
            expect(status).toBe(401);
            expect(snapshot()).toBe(before);
            return;
          }
          await expectAnswered(name, result, before, 'http');
        }),
        { numRuns },
      );
      await stillAnswers();
    });

    it('over the call socket, with and without the token', async () => {
      await fc.assert(
        fc.asyncProperty(bodyBytesOf(vocabulary(name), maxRequestBodyBytes), fc.boolean(), async (input, withToken) => {
          const before = snapshot();
          if (!withToken) {
            const stranger = await openClient(socketUrl(), { origin: httpOrigin() });
            stranger.socket.send(callMessage(1, name, input), { binary: false });
            expect([1007, 1008, 1009]).toContain((await stranger.closed).code);
            expect(snapshot()).toBe(before);
            return;
          }
          const answer = await viaSocket(name, input);
          if ('closed' in answer) expect(snapshot()).toBe(before);
          else await expectAnswered(name, answer.result, before, 'socket');
        }),
        { numRuns },
      );
      await stillAnswers();
    });
  });

  it('answers odd call names with a readable refusal over HTTP', async () => {
    const names = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'toString', 'app.info\u0000', 'app.info/../settings.set', 'a'.repeat(5_000), '😀'),
      fc.string({ unit: 'binary', maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(names, async (name) => {
        const before = snapshot();
        const { status, result } = await viaHttp(name, Buffer.from('{}'), true);
        expect([400, 404, 405]).toContain(status);
        expect(result).toMatchObject({ ok: false });
        expect(JSON.stringify(result).length).toBeLessThan(1_000);
        expect(snapshot()).toBe(before);
      }),
      { numRuns: 40 },
    );
    await stillAnswers();
  });

  it('logged no unexpected failure while it ran', () => {
    expect(loggedErrors).toEqual([]);
  });
});

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function httpOrigin(): string {
  return `http://127.0.0.1:${server.port}`;
}

function socketUrl(): string {
  return `ws://127.0.0.1:${server.port}/api/socket`;
}

async function openReady(): Promise<Client> {
  const client = await openClient(socketUrl(), { origin: httpOrigin() });
  client.send({ token: server.token });
  expect(await client.next()).toEqual({ ready: true });
  return client;
}
