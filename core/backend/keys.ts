// License keys on the backend (SPEC §2.1 T3, §5 "Secrets are not synced"). The key itself
// lives in `license_keys`, a table pull never reads; the synced `licenseKey` record carries
// only `maskedKey`. A key leaves the backend one way: `KeyRevealService.reveal`, which records
// the audit event and reads the key in one transaction. Nothing here logs a key.
import { randomUUID } from 'node:crypto';
import { checkRole, maskLicenseKey } from '../domain';
import type { AuditEvent, LicenseKey } from '../domain';
import type { KeyRevealRequest, KeyRevealResponse, LoginAgent } from '../protocol';
import { claimClient } from './clients';
import type { BackendStorage, StorageTx } from './storage/interface';

/** A key as it is made (generated, or demo data): the record's fields plus the key itself. */
export type KeyWithRecord = Readonly<Omit<LicenseKey, 'version' | 'updatedAt' | 'maskedKey' | 'key'> & { key: string }>;

/** Splits a new key into what syncs (the record, masked) and what stays here (the key). */
export function sealLicenseKey({ key, ...record }: KeyWithRecord): { record: Omit<LicenseKey, 'version' | 'updatedAt'>; key: string } {
  return { record: { ...record, maskedKey: maskLicenseKey(key) }, key };
}

/** Keeps a key. Call in the transaction that writes its record. */
export async function storeLicenseKey(tx: StorageTx, licenseKeyId: string, key: string): Promise<void> {
  await tx.licenseKeys.insert(licenseKeyId, key);
}

/** The key of a license key record, for the reveal and for tests; never for a pull or a log. */
export function readLicenseKey(storage: BackendStorage, licenseKeyId: string): Promise<string | undefined> {
  return storage.read((tx) => tx.licenseKeys.get(licenseKeyId));
}

/** A reveal refused as a whole: answered as this HTTP status and code, nothing recorded. */
export class KeyRevealRefused extends Error {
  constructor(
    readonly status: 403 | 404,
    readonly code: 'forbidden_role' | 'license_key_not_found',
    message: string,
  ) {
    super(message);
    this.name = 'KeyRevealRefused';
  }
}

export class KeyRevealService {
  constructor(
    private readonly storage: BackendStorage,
    private readonly now: () => Date,
  ) {}

  /**
   * The key, for the agent whose token asked, with the audit event recorded in the same
   * transaction: a reveal that cannot be recorded is not made. Who may: the roles that may run T3.
   */
  async reveal(request: KeyRevealRequest, agent: LoginAgent): Promise<KeyRevealResponse> {
    const role = checkRole(agent.role, 'T3');
    if (!role.ok) throw new KeyRevealRefused(403, 'forbidden_role', `${role.message} Revealing a license key is part of T3.`);
    return this.storage.transaction(async (tx) => {
      // The console named in the audit event must be the agent's own (clients.ts): an agent
      // cannot have their reveals recorded as made from another agent's console.
      if (request.clientId !== undefined) await claimClient(tx, request.clientId, agent.id);
      const record = await tx.records.get('licenseKey', request.licenseKeyId);
      const key = record ? await tx.licenseKeys.get(record.id) : undefined;
      // The id is not repeated: it is whatever the request sent.
      if (!record || key === undefined) throw new KeyRevealRefused(404, 'license_key_not_found', 'No license key with that id exists.');
      if (!(await tx.records.get('customer', record.customerId))) {
        throw new KeyRevealRefused(
          404,
          'license_key_not_found',
          'That license key belongs to a customer who no longer exists, so it is not shown.',
        );
      }
      const at = this.now().toISOString();
      const event: AuditEvent = {
        id: `audit-${randomUUID()}`,
        at,
        agentId: agent.id,
        kind: 'key-reveal',
        customerId: record.customerId,
        procedure: 'T3',
        details: { licenseKeyId: record.id, product: record.product, purpose: request.purpose, clientId: request.clientId ?? null },
      };
      await tx.auditEvents.insert({
        id: event.id,
        at,
        agentId: agent.id,
        pushedBy: agent.id,
        customerId: record.customerId,
        kind: event.kind,
        event: JSON.stringify(event),
        receivedAt: at,
      });
      return { licenseKeyId: record.id, key, auditEventId: event.id };
    });
  }
}
