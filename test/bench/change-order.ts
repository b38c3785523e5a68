// `npm run bench -- --change-order`: the backend's records renumbered in an order unrelated to
// their ids, as in a backend whose every record changed since it was loaded. The pull stream
// serves records in the order they last changed, so a first sync of such a backend inserts
// customers in no order of id, where the generated data comes in id order.
//
//   tsx test/bench/change-order.ts <backend.sqlite>
//
// Run by the bench in a child process: the memory it takes would count as the console's.
import Database from 'better-sqlite3';

/** Rewrites `records` of the backend file at `file` in a fixed pseudo-random order of `seq` (the same every run). */
function renumberInChangeOrder(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('cache_size = -262144');
    const schema = db
      .prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = 'records' AND sql IS NOT NULL ORDER BY type = 'index'")
      .pluck()
      .all() as string[];
    const columns = (db.prepare("SELECT name FROM pragma_table_info('records') WHERE name <> 'seq'").pluck().all() as string[]).join(', ');
    db.transaction(() => {
      db.exec('ALTER TABLE records RENAME TO records_generated');
      for (const index of db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'records_generated' AND sql IS NOT NULL")
        .pluck()
        .all() as string[]) {
        db.exec(`DROP INDEX ${index}`);
      }
      for (const sql of schema) db.exec(sql);
      // Knuth's multiplicative hash: a fixed permutation of the 32-bit sequence numbers.
      db.exec(`INSERT INTO records (${columns}) SELECT ${columns} FROM records_generated ORDER BY (seq * 2654435761) % 4294967296`);
      db.exec('DROP TABLE records_generated');
    })();
  } finally {
    db.close();
  }
}

const file = process.argv[2];
if (!file) throw new Error('Usage: tsx test/bench/change-order.ts <backend.sqlite>');
renumberInChangeOrder(file);
