import type { Migration } from './types';

/**
 * From this version on, the bulk record types are kept compact in `records.data` (an array of
 * their values after a key mask, `core/cache/record-data.ts`): 45% of the table was key names
 * repeated in every row. No table changes and no row is rewritten: rows written before stay
 * JSON objects, which every reader still reads, and each row is written compact the next time
 * it changes. What the version number does is keep a console older than this one from opening
 * a cache (or installing a snapshot) it could not read.
 */
export const migration0018CompactRecords: Migration = {
  version: 18,
  name: 'compact-records',
  up() {
    // Nothing to change in the schema: see above.
  },
};
