// SQLite store: `audit_events` (as the console sent them) and `license_keys` (never pulled).
import type Database from 'better-sqlite3';
import type { AuditEventRow, AuditEventsTable, LicenseKeysTable } from '../interface';

export class SqliteAuditEvents implements AuditEventsTable {
  constructor(private readonly db: Database.Database) {}

  async insert(e: AuditEventRow): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO audit_events (id, at, agent_id, pushed_by, customer_id, kind, event, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      )
      .run(e.id, e.at, e.agentId, e.pushedBy, e.customerId, e.kind, e.event, e.receivedAt);
  }
}

export class SqliteLicenseKeys implements LicenseKeysTable {
  constructor(private readonly db: Database.Database) {}

  async insert(licenseKeyId: string, key: string): Promise<void> {
    this.db.prepare('INSERT INTO license_keys (license_key_id, key) VALUES (?, ?)').run(licenseKeyId, key);
  }

  async get(licenseKeyId: string): Promise<string | undefined> {
    const row = this.db.prepare('SELECT key FROM license_keys WHERE license_key_id = ?').get(licenseKeyId) as { key: string } | undefined;
    return row?.key;
  }
}
