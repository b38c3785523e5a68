import type { ReadableDB, WritableDB } from './db';

export type OverlayRow = Readonly<{ type: string; id: string; customerId: string | null; data: Record<string, unknown> | null }>;

/** Customers the overlay currently changes anything of (their workspace or search entry). */
export function overlayCustomerIds(db: ReadableDB): Set<string> {
  const rows = db.prepare<[], { customer_id: string }>('SELECT DISTINCT customer_id FROM overlay WHERE customer_id IS NOT NULL').all();
  return new Set(rows.map((row) => row.customer_id));
}

/** Customers whose own record the overlay changes (their search entry follows the overlay). */
export function listOverlayCustomerRecordIds(db: ReadableDB): string[] {
  return db
    .prepare<[], { id: string }>("SELECT id FROM overlay WHERE type = 'customer'")
    .all()
    .map((row) => row.id);
}

/** Overlay rows of records no customer owns (a reseller, a catalogue entry): whose workspaces show them is looked up. */
export function listOwnerlessOverlay(db: ReadableDB): OverlayRow[] {
  return db
    .prepare<[], { type: string; id: string; data: string | null }>('SELECT type, id, data FROM overlay WHERE customer_id IS NULL')
    .all()
    .map((row) => ({
      type: row.type,
      id: row.id,
      customerId: null,
      data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
    }));
}

/** Resellers and portal staff the overlay changes (their entries in account search follow it). */
export function listOverlayAccounts(db: ReadableDB): Array<{ type: string; id: string }> {
  return db.prepare<[], { type: string; id: string }>("SELECT type, id FROM overlay WHERE type IN ('reseller', 'portalUser')").all();
}

export function overlayIsEmpty(db: ReadableDB): boolean {
  return db.prepare('SELECT 1 FROM overlay LIMIT 1').get() === undefined;
}

export function clearOverlay(db: WritableDB): void {
  db.exec('DELETE FROM overlay');
}

export function writeOverlay(db: WritableDB, rows: readonly OverlayRow[]): void {
  const upsert = db.prepare(
    `INSERT INTO overlay (type, id, customer_id, data) VALUES (?, ?, ?, ?)
     ON CONFLICT (type, id) DO UPDATE SET customer_id = excluded.customer_id, data = excluded.data`,
  );
  for (const row of rows) upsert.run(row.type, row.id, row.customerId, row.data === null ? null : JSON.stringify(row.data));
}
