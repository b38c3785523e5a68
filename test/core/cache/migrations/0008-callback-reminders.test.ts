import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion } from '../../../../core/cache';
import { columns, databaseAt, tableSql } from './helpers';

describe('migration 0008-callback-reminders', () => {
  it('creates callback_reminders as a STRICT table and the due-callbacks index on top of schema 7', () => {
    const db = databaseAt(7);
    expect(tableSql(db, 'callback_reminders')).toBeUndefined();
    expect(tableSql(db, 'callbacks_due')).toBeUndefined();
    runMigrations(db, 8);
    expect(schemaVersion(db)).toBe(8);
    expect(tableSql(db, 'callback_reminders')).toMatch(/STRICT/);
    expect(columns(db, 'callback_reminders')).toEqual(['agent_id', 'customer_id', 'scheduled_for', 'callback_id', 'reminded_at']);
    expect(tableSql(db, 'callbacks_due')).toMatch(/WHERE type = 'callback'/);
  });

  it('indexes the callbacks already cached when it runs, and only callbacks', () => {
    const db = databaseAt(7);
    const insert = db.prepare('INSERT INTO records (type, id, version, customer_id, data) VALUES (?, ?, 1, ?, ?)');
    insert.run('callback', 'cb-1', 'cus_1', JSON.stringify({ scheduledBy: 'agent-1', scheduledFor: '2026-03-02T15:00:00.000Z' }));
    insert.run('customer', 'cus_1', 'cus_1', JSON.stringify({ name: 'Ana' }));
    runMigrations(db, 8);
    const indexed = db
      .prepare("SELECT id FROM records INDEXED BY callbacks_due WHERE type = 'callback' AND json_extract(data, '$.scheduledBy') = ?")
      .all('agent-1');
    expect(indexed).toEqual([{ id: 'cb-1' }]);
  });

  it('remembers one reminder per agent, customer and instant', () => {
    const db = databaseAt(8);
    const insert = db.prepare(
      "INSERT INTO callback_reminders VALUES ('agent-1', 'cus_1', '2026-03-02T15:00:00.000Z', ?, '2026-03-02T15:00:00.000Z')",
    );
    insert.run('pending-callback-1');
    expect(() => insert.run('cb-1')).toThrow(/UNIQUE/);
  });
});
