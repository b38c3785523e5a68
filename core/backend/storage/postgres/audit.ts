// PostgreSQL store: `audit_events` (as the console sent them), `license_keys` (never pulled) and `meta`.
import type { AuditEventRow, AuditEventsTable, LicenseKeysTable, MetaTable } from '../interface';
import type { Queryable } from './queryable';

export class PostgresAuditEvents implements AuditEventsTable {
  constructor(private readonly db: Queryable) {}

  async insert(e: AuditEventRow): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_events (id, at, agent_id, pushed_by, customer_id, kind, event, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [e.id, e.at, e.agentId, e.pushedBy, e.customerId, e.kind, e.event, e.receivedAt],
    );
  }
}

export class PostgresLicenseKeys implements LicenseKeysTable {
  constructor(private readonly db: Queryable) {}

  async insert(licenseKeyId: string, key: string): Promise<void> {
    await this.db.query('INSERT INTO license_keys (license_key_id, key) VALUES ($1, $2)', [licenseKeyId, key]);
  }

  async get(licenseKeyId: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ key: string }>('SELECT key FROM license_keys WHERE license_key_id = $1', [licenseKeyId]);
    return rows[0]?.key;
  }
}

export class PostgresMeta implements MetaTable {
  constructor(private readonly db: Queryable) {}

  async get(key: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
    return rows[0]?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
      key,
      value,
    ]);
  }
}
