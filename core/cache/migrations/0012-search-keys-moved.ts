import type { Migration } from './types';

/**
 * The end of a first sync moves the waiting exact keys into `search_keys` one kind per step
 * (search-backlog.ts). It used to delete each kind from `search_keys_backlog` as it went:
 * a third of the rows, spread over every page of the table and its index, much of the end of
 * a large first sync. `search_keys_moved` records the kinds moved so far
 * (their prefixes, in order), so the backlog is emptied once at the end, all at once, which
 * SQLite does by freeing its pages. Empty when nothing is being moved.
 */
export const migration0012SearchKeysMoved: Migration = {
  version: 12,
  name: 'search-keys-moved',
  up(db) {
    db.exec("ALTER TABLE sync_state ADD COLUMN search_keys_moved TEXT NOT NULL DEFAULT ''");
  },
};
