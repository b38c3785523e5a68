// A pulled page goes to be written in slices, so that writing starts while the rest of it is
// still being validated: on the page threads (page-worker.ts) the writer applies one slice while
// the preparer checks the next. A 1,000-change delta was parsed, then validated whole (8 ms),
// then copied to the writer (3–4 ms) before the writer did anything. The writer brings the search
// index in step with each slice as it writes it (startRecordChanges), so little is left when the
// last slice comes. The page is still written in one transaction with its cursor: all of it or
// none of it (beginPulledPage).
import type { WritableDB } from '../cache';
import type { PreparedChange } from '../cache';
import { beginPulledPage, prepareChanges } from './pull';
import type { AppliedPage, PageStart, PageWrite } from './pull';
import type { ChangeSource } from './page-split';

/** Changes per slice after the first: a quarter of a delta page. */
export const preparedSliceChanges = 250;

/**
 * Changes in a page's first slice: few, so the writer starts as soon as the page is parsed. The
 * writer, not the preparer, is a delta's longer path (it writes and indexes a slice of 250 in
 * 5–6 ms, the preparer checks one in about 3): it works from its first slice to the commit without
 * waiting, so each millisecond it starts sooner is one off the delta. A first slice of 250 reached
 * it 4 ms after the page was parsed.
 */
export const firstSliceChanges = 50;

export type PreparedSlice = Readonly<{
  /** The first slice of a page carries where the page stands; the others null. */
  start: PageStart | null;
  changes: readonly PreparedChange[];
  last: boolean;
}>;

/**
 * Reads and validates a page's changes a slice at a time (page-split.ts reads each slice's part
 * of the body only then) and hands each slice on as soon as it is valid (every page has at least
 * one slice, an empty page one empty slice). Throws at the first slice that is not
 * (`InvalidPageError`, or the TransportError of a change that does not follow the protocol): the
 * slices before it were handed on, and the writer must abandon the page (`SliceWriter.abandon`).
 */
export function prepareSlices(source: ChangeSource, start: PageStart, emit: (slice: PreparedSlice) => void): void {
  for (let from = 0; ;) {
    const to = Math.min(source.count, from + (from === 0 ? firstSliceChanges : preparedSliceChanges));
    const last = to >= source.count;
    emit({ start: from === 0 ? start : null, changes: prepareChanges(source.changes(from, to)), last });
    if (last) return;
    from = to;
  }
}

export type SliceWriter = Readonly<{
  /**
   * Writes one slice of page `id`: its first begins the page's transaction, its last commits it
   * and returns what was applied (null before). Throws when it cannot be written, after rolling
   * the page back; the rest of that page's slices are then dropped (undefined), as are slices of
   * a page abandoned before.
   */
  write: (id: number, slice: PreparedSlice) => AppliedPage | null | undefined;
  /**
   * Rolls back page `id` if it is the one being written (its validation failed half way);
   * without `id`, whichever page is being written (its preparer stopped, the cache closes).
   */
  abandon: (id?: number) => void;
  /** Whether a page is being written (its transaction open, its last slice still to come). */
  writing: () => boolean;
}>;

/** Pages are written one at a time, in the order their first slices come; `db` is read at each page's start (a reopen may replace it). */
export function createSliceWriter(db: () => WritableDB): SliceWriter {
  let open: { id: number; write: PageWrite } | null = null;
  const close = () => {
    const page = open;
    open = null;
    return page;
  };
  return {
    write(id, slice) {
      if (slice.start) {
        // A page whose last slice never came (its preparer stopped): never half of it.
        close()?.write.abandon();
        open = { id, write: beginPulledPage(db(), slice.start) };
      }
      if (open?.id !== id) return undefined;
      try {
        open.write.add(slice.changes);
        return slice.last ? open.write.commit() : null;
      } catch (error) {
        close();
        throw error;
      } finally {
        if (slice.last) close();
      }
    },
    abandon(id) {
      if (id === undefined || open?.id === id) close()?.write.abandon();
    },
    writing: () => open !== null,
  };
}
