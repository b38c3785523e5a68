// Nothing lost, nothing twice (SPEC §7): random schedules of changes and faults, then quiet.
// Every change was applied exactly once or rejected and shown, and the cache equals the backend.
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoFixtures, startBackend } from '../../../core/backend';
import type { RunningBackend } from '../../../core/backend';
import { countOutbox, openCache, overlayIsEmpty, readEffectiveRecord, readSyncClient, swappableConnection } from '../../../core/cache';
import { outboxEntries } from '../../../core/console/sync-handlers';
import { createHttpTransport } from '../../../core/sync';
import type { BackendTransport, SyncEngineOptions } from '../../../core/sync';
import { backendHash, cacheHash } from './compare';
import type { Fault } from './faults';
import { faultyTransport } from './faults';
import { signedInConsole } from './harness';
import { buildSnapshotFile, fakeSnapshotSource } from './snapshot/install-fixtures';

type Step =
  | { kind: 'submit'; what: 'audit' | 'callback' | 'autoRenew' | 'bad' | 'wrapUp' | 'reopen' }
  | { kind: 'sync' }
  | { kind: 'fault'; faults: Fault[] }
  | { kind: 'outage'; on: boolean }
  | { kind: 'restart' }
  /** The backend no longer has changes this far back: the next pull is answered cursor_expired. */
  | { kind: 'expire' };

const fault = fc.constantFrom<Fault>('lose-response', 'duplicate', 'delay', 'replay-later', 'down', 'server-error');
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      what: fc.constantFrom(
        'audit' as const,
        'callback' as const,
        'autoRenew' as const,
        'bad' as const,
        'wrapUp' as const,
        'reopen' as const,
      ),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'sync' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('fault' as const), faults: fc.array(fault, { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('outage' as const), on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

const ts = demoFixtures.techSolutions;
const partner = demoFixtures.partner.refundWindow;

/**
 * With snapshots, the console's cache is a file and its first sync (and every reset) installs a
 * snapshot built when the schedule starts, then pulls the deltas after it; the snapshot's fetch
 * goes through the faulty transport, so a fault there makes the round page instead.
 */
async function runSchedule(steps: readonly Step[], withSnapshots = false): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sc-prop-'));
  let backend: RunningBackend = await startBackend({ dataDir, port: 0, customers: 10 });
  const port = backend.port;
  const { transport, controls } = faultyTransport(createHttpTransport(backend.url, { timeoutMs: 5_000 }));
  const snapshots = withSnapshots ? await snapshotsFor(transport, dataDir) : {};
  const told: string[] = [];
  const { db, engine, agentId } = await signedInConsole(transport, {
    confirmWaitMs: 30,
    pushBatchSize: 3,
    logger: { info: (m) => told.push(m), warn: () => undefined, error: (m, e) => console.error(m, e) },
    ...snapshots,
  });
  // No fault is queued yet: the first sync is the snapshot's.
  if (withSnapshots) expect(told.filter((line) => line.startsWith('First sync from snapshot'))).toHaveLength(1);
  const markers: string[] = [];
  /** Each interaction logged (`interaction.log`, queueable): the notes of its latest wrap-up. */
  const interactions = new Map<string, string>();
  let lastInteraction: { id: string; endedAt: string } | null = null;
  let submitted = 0;
  try {
    for (const [index, s] of steps.entries()) {
      if (s.kind === 'fault') controls.next.push(...s.faults);
      else if (s.kind === 'outage') controls.steady = s.on ? 'down' : 'none';
      else if (s.kind === 'sync') await engine.syncNow();
      else if (s.kind === 'expire') {
        await engine.whenIdle();
        db.prepare('UPDATE sync_state SET cursor = ?').run(`${'f'.repeat(32)}:1`);
      } else if (s.kind === 'restart') {
        // Killed wherever it is, possibly in the middle of a push.
        await backend.close();
        backend = await startBackend({ dataDir, port });
      } else {
        const marker = `prop-${index}-${Math.random().toString(36).slice(2, 8)}`;
        let args: Record<string, unknown>;
        let name: string;
        if (s.what === 'audit') {
          name = 'audit.record';
          args = { id: marker, at: '2026-03-02T15:00:00.000Z', agentId, kind: 'capability-lookup', details: { marker } };
        } else if (s.what === 'callback') {
          name = 'callback.schedule';
          args = {
            customerId: ts.withSasKey.customerId,
            name: 'Olivia Bennett',
            phone: '+14155550134',
            scheduledFor: '2099-01-06T17:00:00.000Z',
            timeZone: 'America/New_York',
            reason: marker,
          };
          markers.push(marker);
        } else if (s.what === 'wrapUp' || (s.what === 'reopen' && lastInteraction === null)) {
          const endedAt = new Date(Date.now() - 60_000).toISOString();
          name = 'interaction.log';
          args = {
            interactionId: `int-${marker}`,
            customerId: ts.withSasKey.customerId,
            startedAt: new Date(Date.now() - 300_000).toISOString(),
            endedAt,
            disposition: 'Resolved',
            notes: marker,
            runs: [],
            changes: [],
            callbackIds: [],
          };
          lastInteraction = { id: `int-${marker}`, endedAt };
          interactions.set(`int-${marker}`, marker);
        } else if (s.what === 'reopen' && lastInteraction !== null) {
          // A reopen within the window, edited on whatever this console sees (a confirmed version, or its own queued wrap-up).
          const seen = readEffectiveRecord(db, 'interaction', lastInteraction.id);
          name = 'interaction.log';
          args = {
            interactionId: lastInteraction.id,
            ...(seen && !seen.pending ? { baseVersion: seen.version } : {}),
            customerId: ts.withSasKey.customerId,
            startedAt: new Date(Date.now() - 300_000).toISOString(),
            endedAt: lastInteraction.endedAt,
            editedAt: new Date().toISOString(),
            disposition: 'Escalated',
            notes: marker,
            runs: [],
            changes: [],
            callbackIds: [],
          };
          interactions.set(lastInteraction.id, marker);
        } else if (s.what === 'autoRenew') {
          const subscription = readEffectiveRecord(db, 'subscription', ts.withSasKey.subscriptionId);
          name = 'subscription.setAutoRenew';
          args = {
            subscriptionId: ts.withSasKey.subscriptionId,
            baseVersion: subscription?.version ?? 1,
            autoRenew: subscription?.data.autoRenew !== true,
          };
        } else {
          // Always refused: TechSolutions plans do not apply to a partner subscription.
          name = 'subscription.changePlan';
          args = { subscriptionId: partner.subscriptionId, baseVersion: 1, interval: 'annual' };
        }
        const result = await engine.submitMutation(name, args);
        expect(['applied', 'queued', 'rejected']).toContain(result.status);
        submitted += 1;
      }
    }
    // Quiet: no more faults, the backend up; sync until the queue is empty.
    controls.steady = 'none';
    controls.next = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      await engine.whenIdle();
      if (countOutbox(db).queued === 0 && engine.status().state === 'online') break;
      await engine.syncNow();
    }
    expect(engine.status(), engine.status().message).toMatchObject({ state: 'online', queued: 0 });

    // Exactly once: every change took one mutation id and the backend processed each id once.
    const client = readSyncClient(db, agentId);
    const log = backend.db
      .prepare('SELECT mutation_id AS id, status FROM mutation_log WHERE client_id = ? ORDER BY mutation_id')
      .all(client?.clientId ?? '') as Array<{ id: number; status: string }>;
    expect(log.map((row) => row.id)).toEqual(Array.from({ length: submitted }, (_, i) => i + 1));
    // Rejected ones are all shown to the agent.
    const shown = outboxEntries(db).filter((entry) => entry.state === 'rejected');
    expect(shown.length).toBe(log.filter((row) => row.status === 'rejected').length);
    // Effects happened once: one callback per marker, unless that callback was rejected.
    for (const marker of markers) {
      const created = (
        backend.db
          .prepare("SELECT count(*) AS n FROM records WHERE type = 'callback' AND deleted = 0 AND data LIKE ?")
          .get(`%${marker}%`) as { n: number }
      ).n;
      const refused = shown.filter((entry) => entry.args.reason === marker).length;
      expect(created + refused).toBe(1);
    }
    // Every wrap-up is one interaction record on the backend, carrying its latest notes, unless that wrap-up was refused.
    for (const [id, notes] of interactions) {
      const stored = backend.store.get('interaction', id);
      const refused = shown.some((entry) => entry.name === 'interaction.log' && entry.args.notes === notes);
      if (!refused) expect(stored?.notes, `interaction ${id}`).toBe(notes);
      const count = (backend.db.prepare("SELECT count(*) AS n FROM records WHERE type = 'interaction' AND id = ?").get(id) as { n: number })
        .n;
      expect(count).toBeLessThanOrEqual(1);
    }
    // The cache equals the backend, and nothing pending remains on top of it.
    expect(overlayIsEmpty(db)).toBe(true);
    expect(cacheHash(db)).toBe(backendHash(backend));
  } finally {
    await engine.stop();
    db.close();
    await backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A file cache and a snapshot source serving what the backend holds now (the schedule's changes come after it). */
async function snapshotsFor(transport: BackendTransport, dataDir: string): Promise<Pick<SyncEngineOptions, 'db' | 'snapshots'>> {
  const login = await transport.login('agent@demo.test', 'demo');
  const file = join(dataDir, 'snapshot-built.db');
  const built = { file, manifest: await buildSnapshotFile(transport, login.token, file) };
  const cacheFile = join(dataDir, 'cache.db');
  const open = () => openCache(cacheFile, { autoCheckpoint: false });
  const connection = swappableConnection(open());
  const snapshots = fakeSnapshotSource({
    built: () => built,
    stagingDir: join(dataDir, 'snapshot'),
    target: () => ({ connection, file: cacheFile, open }),
    ask: () => transport.health(),
  });
  return { db: connection.db, snapshots };
}

describe('exactly once under faults', () => {
  it('applies each change once or shows its rejection, and the cache ends equal to the backend', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 14 }), (steps) => runSchedule(steps)),
      { numRuns: 12, endOnFailure: true },
    );
  }, 120_000);

  it('does so too when the first sync, and every cursor_expired reset, installs a snapshot', async () => {
    const withResets = fc.oneof({ weight: 12, arbitrary: step }, { weight: 1, arbitrary: fc.constant({ kind: 'expire' as const }) });
    await fc.assert(
      fc.asyncProperty(fc.array(withResets, { minLength: 3, maxLength: 14 }), (steps) => runSchedule(steps, true)),
      { numRuns: 12, endOnFailure: true },
    );
  }, 180_000);
});
