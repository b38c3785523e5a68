import type { ReadableDB, WritableDB } from './db';

export type OverlayRow = Readonly<{ type: string; id: string; customerId: string | null; data: Record<string, unknown> | null }>;

/** Customers the overlay currently changes anything of (their workspace or search entry). */
export function overlayCustomerIds(db: ReadableDB): Set<string> {
  const rows = db.prepare<[], { customer_id: string }>('SELECT DISTINCT customer_id FROM overlay WHERE customer_id IS NOT NULL').all();
  return new Set(rows.map((row) => row.customer_id));
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
