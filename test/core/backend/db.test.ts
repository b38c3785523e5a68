import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backendSchemaVersion, migrateBackendDb, openBackendDb } from '../../../core/backend/storage/sqlite/db';
import { startTestBackend, tempDataDir } from './helpers';

describe('backend database', () => {
  it('creates the schema in WAL mode at the current version, and reopens it as it is', () => {
    const data = tempDataDir();
    try {
      const db = openBackendDb(data.dir);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(backendSchemaVersion);
      const id = db.prepare("SELECT value FROM meta WHERE key = 'backendId'").pluck().get();
      db.close();
      const again = openBackendDb(data.dir);
      expect(again.prepare("SELECT value FROM meta WHERE key = 'backendId'").pluck().get()).toBe(id);
      again.close();
    } finally {
      data.remove();
    }
  });

  it('refuses a database written by a newer backend', () => {
    const data = tempDataDir();
    try {
      const raw = new Database(join(data.dir, 'backend.sqlite'));
      raw.pragma(`user_version = ${backendSchemaVersion + 1}`);
      raw.close();
      expect(() => openBackendDb(data.dir)).toThrow(/newer backend/);
    } finally {
      data.remove();
    }
  });

  it('upgrades a data folder of schema 2: each client goes to the agent of its first logged mutation; old log rows stay duplicates', async () => {
    const data = tempDataDir();
    try {
      const old = new Database(join(data.dir, 'backend.sqlite'));
      migrateBackendDb(old, 2);
      const log = old.prepare(
        "INSERT INTO mutation_log (client_id, mutation_id, name, status, result, agent_id, processed_at) VALUES (?, ?, 'audit.record', 'applied', ?, ?, '2025-03-01T10:00:00.000Z')",
      );
      old
        .prepare('INSERT INTO clients (client_id, last_mutation_id) VALUES (?, ?), (?, ?)')
        .run('supervisor-console', 2, 'agent-console', 1);
      log.run('supervisor-console', 1, '{"auditEventId":"s1"}', 'supervisor-demo');
      // The attack of issue 18 happened before the upgrade: another agent used the next id.
      log.run('supervisor-console', 2, '{"auditEventId":"stolen"}', 'agent-demo');
      log.run('agent-console', 1, '{"auditEventId":"a1"}', 'agent-demo');
      old.close();

      const backend = await startTestBackend({ dataDir: data.dir, customers: 0 });
      try {
        expect(backend.db.pragma('user_version', { simple: true })).toBe(backendSchemaVersion);
        expect(backend.db.prepare('SELECT client_id, agent_id, last_mutation_id FROM clients ORDER BY client_id').all()).toEqual([
          { client_id: 'agent-console', agent_id: 'agent-demo', last_mutation_id: 1 },
          { client_id: 'supervisor-console', agent_id: 'supervisor-demo', last_mutation_id: 2 },
        ]);
        const agent = await backend.login('agent');
        const supervisor = await backend.login('supervisor');
        expect((await backend.push(agent, [{ id: 3, name: 'audit.record', args: {} }], 'supervisor-console')).status).toBe(403);
        // A row logged before fingerprints cannot be compared: answered as before.
        const resent = await backend.push(supervisor, [{ id: 2, name: 'audit.record', args: { anything: true } }], 'supervisor-console');
        expect(resent.body.results[0]).toEqual({ id: 2, status: 'duplicate', result: { auditEventId: 'stolen' } });
        const event = { id: 's3', at: '2025-03-12T14:59:00.000Z', agentId: 'supervisor-demo', kind: 'capability-lookup', details: {} };
        expect(
          (await backend.push(supervisor, [{ id: 3, name: 'audit.record', args: event }], 'supervisor-console')).body.results[0]?.status,
        ).toBe('applied');
        const conflict = await backend.push(
          supervisor,
          [{ id: 3, name: 'audit.record', args: { ...event, id: 's3-other' } }],
          'supervisor-console',
        );
        expect(conflict.body.results[0]?.status).toBe('id_conflict');
        const own = await backend.push(
          agent,
          [{ id: 2, name: 'audit.record', args: { ...event, id: 'a2', agentId: 'agent-demo' } }],
          'agent-console',
        );
        expect(own.body.results[0]?.status).toBe('applied');
      } finally {
        await backend.close();
      }
    } finally {
      data.remove();
    }
  });
});
