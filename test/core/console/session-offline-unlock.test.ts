import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoFixtures } from '../../../core/backend';
import { openCache, readKnownAgent, rememberAgent } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import { createSessionService } from '../../../core/console/session-handlers';
import { createUnlockFailureFile } from '../../../core/console/unlock-failures-file';
import { offlineHashIsCurrent, verifyOfflineUnlock } from '../../../core/security/offline-unlock';
import { TransportError } from '../../../core/sync';
import type { BackendTransport, SyncEngine } from '../../../core/sync';
import { oldOfflineHash } from '../security/old-offline-hash';

const agent = demoFixtures.agents.agent;
const ipc = { via: 'ipc' } as const;

/** A backend that is down, or one that signs the agent in. */
function transport(state: { up: boolean }): BackendTransport {
  const down = () => Promise.reject(new TransportError('unreachable', 'The backend cannot be reached (ECONNREFUSED).', 'ECONNREFUSED'));
  return {
    describe: () => 'test backend',
    health: () => (state.up ? Promise.resolve({ ok: true, version: 'test', protocols: [1] }) : down()),
    login: () =>
      state.up
        ? Promise.resolve({
            token: 'a-token',
            agent: { id: agent.id, name: agent.name, role: 'agent' },
            expiresAt: '2099-01-01T00:00:00.000Z',
          })
        : down(),
    logout: () => Promise.resolve(),
    pull: down,
    push: down,
    revealLicenseKey: down,
  };
}

function sessionOn(db: WritableDB, dataDir: string, backend: { up: boolean }, clock: { now: Date }) {
  return createSessionService({
    db,
    transport: transport(backend),
    // Only what the session service uses of the engine.
    engine: { setCredentials: () => undefined } as unknown as SyncEngine,
    now: () => clock.now,
    unlockFailures: createUnlockFailureFile(join(dataDir, 'offline-unlock-failures.json'), () => undefined),
  });
}

function knownWithOldHash(db: WritableDB): void {
  rememberAgent(db, {
    email: agent.email,
    agentId: agent.id,
    name: agent.name,
    role: 'agent',
    passwordHash: oldOfflineHash(agent.password),
    lastSignInAt: '2025-03-01T10:00:00.000Z',
  });
}

/** A cache that knows the agent (by a hash of an older version), a data folder, a clock, and a backend that is down. */
function offlineSetUp() {
  const db = openCache(':memory:');
  knownWithOldHash(db);
  const dataDir = mkdtempSync(join(tmpdir(), 'sc-unlock-'));
  const clock = { now: new Date('2025-03-12T15:00:00.000Z') };
  const backend = { up: false };
  return { db, dataDir, clock, backend };
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a failure');
}

describe('offline unlock: hashes of older versions', () => {
  it("unlock, and are replaced by a hash with today's parameters once the password is known right", async () => {
    const db = openCache(':memory:');
    knownWithOldHash(db);
    const session = sessionOn(db, mkdtempSync(join(tmpdir(), 'sc-unlock-')), { up: false }, { now: new Date() });
    expect(await failure(Promise.resolve(session.handlers['auth.login']({ email: agent.email, password: 'wrong' }, ipc)))).toMatchObject({
      code: 'invalid_credentials',
    });
    expect(offlineHashIsCurrent(readKnownAgent(db, agent.email)!.passwordHash)).toBe(false);

    expect(await Promise.resolve(session.handlers['auth.login']({ email: agent.email, password: agent.password }, ipc))).toMatchObject({
      via: 'offline',
    });
    const upgraded = readKnownAgent(db, agent.email)!;
    expect(upgraded.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyOfflineUnlock(agent.password, upgraded.passwordHash)).toBe(true);
    expect(upgraded).toMatchObject({ agentId: agent.id, name: agent.name, lastSignInAt: '2025-03-01T10:00:00.000Z' });
    session.close();
  });

  it('are replaced at the next online sign-in', async () => {
    const db = openCache(':memory:');
    knownWithOldHash(db);
    const session = sessionOn(db, mkdtempSync(join(tmpdir(), 'sc-unlock-')), { up: true }, { now: new Date() });
    expect(await Promise.resolve(session.handlers['auth.login']({ email: agent.email, password: agent.password }, ipc))).toMatchObject({
      via: 'online',
    });
    expect(readKnownAgent(db, agent.email)!.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
  });
});

describe('offline unlock: wrong passwords are throttled', () => {
  it('waits after three wrong passwords, even for the right one, across a restart, and says until when', async () => {
    const { db, dataDir, clock, backend } = offlineSetUp();
    let session = sessionOn(db, dataDir, backend, clock);
    const login = (password: string) => Promise.resolve(session.handlers['auth.login']({ email: agent.email, password }, ipc));

    expect((await failure(login('wrong-1'))).message).toBe('Wrong password (checked on this machine, as the backend cannot be reached).');
    expect((await failure(login('wrong-2'))).code).toBe('invalid_credentials');
    const third = await failure(login('wrong-3'));
    expect(third.code).toBe('invalid_credentials');
    expect(third.message).toMatch(
      /^Wrong password \(checked on this machine, as the backend cannot be reached\)\. Too many wrong passwords on this machine: try again in 30 seconds \(at .+\), or sign in online once the backend is back\.$/,
    );

    expect(await failure(login(agent.password))).toMatchObject({
      code: 'too_many_attempts',
      message: expect.stringMatching(/try again in 30 seconds/),
    });
    // Quitting and starting again does not buy new guesses.
    session.close();
    session = sessionOn(db, dataDir, backend, clock);
    clock.now = new Date(clock.now.getTime() + 20_000);
    expect(await failure(login(agent.password))).toMatchObject({
      code: 'too_many_attempts',
      message: expect.stringMatching(/try again in 10 seconds/),
    });

    clock.now = new Date(clock.now.getTime() + 10_000);
    expect(await failure(login('wrong-4'))).toMatchObject({ message: expect.stringMatching(/try again in 60 seconds/) });
    clock.now = new Date(clock.now.getTime() + 60_000);
    expect(await login(agent.password)).toMatchObject({ via: 'offline' });
    // A right password starts afresh; the file is the agent's alone.
    expect(JSON.parse(readFileSync(join(dataDir, 'offline-unlock-failures.json'), 'utf8'))).toEqual({});
    expect(statSync(join(dataDir, 'offline-unlock-failures.json')).mode & 0o777).toBe(0o600);
    session.close();
  });

  it('counts attempts made at the same time, each of them', async () => {
    const db = openCache(':memory:');
    knownWithOldHash(db);
    const session = sessionOn(db, mkdtempSync(join(tmpdir(), 'sc-unlock-')), { up: false }, { now: new Date('2025-03-12T15:00:00.000Z') });
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        failure(Promise.resolve(session.handlers['auth.login']({ email: agent.email, password: `wrong-${i}` }, ipc))),
      ),
    );
    expect(outcomes.map((o) => o.code)).toEqual([
      'invalid_credentials',
      'invalid_credentials',
      'invalid_credentials',
      'too_many_attempts',
      'too_many_attempts',
      'too_many_attempts',
    ]);
  });

  it('is cleared by an online sign-in', async () => {
    const { db, dataDir, clock, backend } = offlineSetUp();
    const session = sessionOn(db, dataDir, backend, clock);
    for (let i = 0; i < 3; i++)
      await failure(Promise.resolve(session.handlers['auth.login']({ email: agent.email, password: `wrong-${i}` }, ipc)));
    backend.up = true;
    await Promise.resolve(session.handlers['auth.login']({ email: agent.email, password: agent.password }, ipc));
    await session.handlers['auth.logout']({}, ipc);
    backend.up = false;
    expect(await Promise.resolve(session.handlers['auth.login']({ email: agent.email, password: agent.password }, ipc))).toMatchObject({
      via: 'offline',
    });
    session.close();
  });
});
