// What both stores do to a record before writing it: version, `updatedAt`, the schema check.
import { parseRecord, type RecordOf, type RecordType } from '../../domain';
import type { RecordInput } from './interface';

class InvalidRecordError extends Error {
  constructor(type: RecordType, id: string, detail: string) {
    super(`Refusing to store an invalid ${type} ${id}: ${detail}`);
    this.name = 'InvalidRecordError';
  }
}

/** The record as stored: `input` at the next version, stamped, checked against the domain schema. */
export function nextRecord<T extends RecordType>(
  type: T,
  input: RecordInput<T>,
  previousVersion: number | undefined,
  updatedAt: string,
): RecordOf<T> {
  const record = { ...input, version: (previousVersion ?? 0) + 1, updatedAt };
  const parsed = parseRecord(type, record);
  if (!parsed.success) {
    throw new InvalidRecordError(type, input.id, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return record as RecordOf<T>;
}

/** The customer (or reseller) a record belongs to, for lookups by owner. */
export function ownerOf(record: object): string | null {
  const owner = (record as { customerId?: unknown }).customerId;
  return typeof owner === 'string' ? owner : null;
}
