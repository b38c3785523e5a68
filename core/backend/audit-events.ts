// The backend's audit trail (`audit_events`, not synced): events the backend records itself.
// Called inside the transaction of what it records: no event, no change.
import type { AuditEvent } from '../domain';
import type { BackendDb } from './db';

export function recordAuditEvent(db: BackendDb, event: AuditEvent, pushedBy: string, receivedAt: string): void {
  db.prepare(
    'INSERT INTO audit_events (id, at, agent_id, pushed_by, customer_id, kind, event, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(event.id, event.at, event.agentId, pushedBy, event.customerId ?? null, event.kind, JSON.stringify(event), receivedAt);
}
