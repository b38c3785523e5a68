import type { OutboxRow, PreparedChange, WritableDB } from '../../../core/cache';
import { applyRecordChanges, encodeRecordData, enqueueMutation } from '../../../core/cache';
import type { Customer } from '../../../core/domain';
import { customer as sampleCustomer } from '../domain/fixtures';

export function customerWith(id: string, fields: Partial<Customer>): Customer {
  return { ...sampleCustomer, id, ...fields };
}

export function put(type: string, record: { id: string; version: number } & Record<string, unknown>): PreparedChange {
  const customerId = type === 'customer' ? record.id : typeof record.customerId === 'string' ? record.customerId : null;
  return { op: 'put', type, id: record.id, version: record.version, customerId, json: encodeRecordData(type, record) };
}

export function del(type: string, id: string, version = 2): PreparedChange {
  return { op: 'del', type, id, version, customerId: null, json: null };
}

export function store(db: WritableDB, ...changes: PreparedChange[]): void {
  db.transaction(() => applyRecordChanges(db, changes))();
}

/** A change queued by agent-1 for customer c1 (no target, no base). */
export function queueChange(db: WritableDB, clientId: string, name: string, args: Record<string, unknown>): OutboxRow {
  return enqueueMutation(db, {
    clientId,
    agentId: 'agent-1',
    name,
    args,
    customerId: 'c1',
    targetType: null,
    targetId: null,
    baseData: null,
    createdAt: '2025-01-01T00:00:00.000Z',
  });
}
