// Online-only changes: never queued; an answer lost on the way back is resolved by resending
// the same mutation id; an id that never reached the backend is closed by renumbering.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../../../core/backend';
import { demoFixtures } from '../../../core/backend';
import { countOutbox, readSyncClient, takeMutationId } from '../../../core/cache';
import { faultyTransport } from './faults';
import { httpTransport, signedInConsole, testBackend } from './harness';

let backend: RunningBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

const noKey = demoFixtures.techSolutions.withoutSasKey;

function mutationIds(clientId: string): number[] {
  return (
    backend?.db.prepare('SELECT mutation_id FROM mutation_log WHERE client_id = ? ORDER BY mutation_id').all(clientId) as Array<{
      mutation_id: number;
    }>
  ).map((row) => row.mutation_id);
}

describe('online-only changes', () => {
  it('says the outcome is unknown when every answer is lost, then resolves it once without a second effect', async () => {
    backend = await testBackend();
    const { transport, controls } = faultyTransport(httpTransport(backend));
    const { db, engine, agentId } = await signedInConsole(transport);
    controls.next = ['none', 'lose-response', 'lose-response', 'lose-response'];
    const result = await engine.submitMutation('license.generate', { customerId: noKey.customerId, product: 'SUPERAntiSpyware' });
    expect(result).toMatchObject({ status: 'rejected', code: 'outcome_unknown' });
    expect(result.message).toMatch(/may or may not have been made/);
    expect(countOutbox(db)).toEqual({ queued: 0, rejected: 0 });

    // The next round resends the same id first; a change queued meanwhile follows it.
    const audit = await engine.submitMutation('audit.record', {
      id: 'audit-after-unknown',
      at: '2026-03-02T15:00:00.000Z',
      agentId,
      kind: 'capability-lookup',
      details: {},
    });
    expect(audit.status).toBe('applied');
    const keys = backend.db
      .prepare("SELECT count(*) AS n FROM records WHERE type = 'licenseKey' AND deleted = 0 AND data LIKE ?")
      .get(`%${noKey.customerId}%`) as { n: number };
    expect(keys.n).toBe(1);
    const client = readSyncClient(db, agentId);
    expect(mutationIds(client?.clientId ?? '')).toEqual([1, 2]);
    await engine.stop();
  });

  it('renumbers the queue when an id was spent by a change that never reached the backend', async () => {
    backend = await testBackend();
    const { db, engine, agentId } = await signedInConsole(httpTransport(backend), { confirmWaitMs: 2_000 });
    const client = readSyncClient(db, agentId);
    // A console that died right after spending id 1 on an online-only change it never sent.
    takeMutationId(db, client?.clientId ?? '');
    const result = await engine.submitMutation('audit.record', {
      id: 'audit-after-gap',
      at: '2026-03-02T15:00:00.000Z',
      agentId,
      kind: 'capability-lookup',
      details: {},
    });
    expect(result.status).toBe('applied');
    expect(mutationIds(client?.clientId ?? '')).toEqual([1]);
    expect(readSyncClient(db, agentId)).toMatchObject({ lastMutationId: 1, nextMutationId: 2 });
    await engine.stop();
  });
});
