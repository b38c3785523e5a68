import { create } from 'zustand';
import type { CustomerMatch, ResellerCustomers, SearchStillLoading } from '../../../core/api';
import { consoleClient } from '../api/client';
import { markAnswered } from '../lib/timing';

type SearchState = Readonly<{
  query: string;
  matches: readonly CustomerMatch[];
  /** The query the current matches answer (results of an older query are never shown for a newer one). */
  answered: string;
  searching: boolean;
  error: string | null;
  /** A first sync is still filling the cache: the matches are of the accounts loaded so far. */
  stillLoading: SearchStillLoading | null;
  /** The query is a program's name alone: its label (the agent is told to add who they look for). */
  programNamed: string | null;
  /** A reseller match was opened: the list shows the customers it manages until the agent types again. */
  reseller: ResellerCustomers | null;
  search: (query: string) => Promise<void>;
  showReseller: (resellerId: string) => Promise<void>;
  /** Runs the query on screen again, quietly: the cache changed under it. */
  refresh: () => Promise<void>;
  clear: () => void;
}>;

const resultLimit = 50;

/** Before any search, and after `clear`. */
const empty = {
  query: '',
  matches: [],
  answered: '',
  searching: false,
  error: null,
  stillLoading: null,
  programNamed: null,
  reseller: null,
} satisfies Partial<SearchState>;

/**
 * The fewest milliseconds between two re-runs a change of the cache causes. A first sync sends
 * an event per page: a re-run each would keep a search of a million customers always running.
 */
export const refreshSpacingMs = 500;

/** One search as you type; the start screen and the command palette each keep their own. */
function createSearchStore() {
  let latestRequest = 0;
  const store = create<SearchState>()((set, get) => {
    async function listReseller(resellerId: string, request: number) {
      const result = await consoleClient.invoke('customers.ofReseller', { resellerId });
      if (request !== latestRequest) return;
      if (!result.ok) return set({ searching: false, error: result.error.message });
      set({ searching: false, error: null, reseller: result.value, matches: result.value.customers });
    }
    async function run(query: string, request: number, quiet: boolean) {
      const result = await consoleClient.invoke('customers.search', { query: query.slice(0, 200), limit: resultLimit });
      // The agent kept typing: a newer request owns the list.
      if (request !== latestRequest) return;
      if (!quiet) markAnswered('search');
      if (!result.ok)
        return set({ searching: false, error: result.error.message, matches: [], answered: query, stillLoading: null, programNamed: null });
      const { matches, stillLoading, programNamed } = result.value;
      set({ searching: false, error: null, matches, answered: query, stillLoading, programNamed });
    }
    return {
      ...empty,
      async search(query) {
        const request = ++latestRequest;
        set({ query, reseller: null });
        if (query.trim() === '')
          return set({ matches: [], answered: query, searching: false, error: null, stillLoading: null, programNamed: null });
        set({ searching: true });
        await run(query, request, false);
      },
      async showReseller(resellerId) {
        const request = ++latestRequest;
        set({ searching: true });
        await listReseller(resellerId, request);
      },
      async refresh() {
        const { query, reseller } = get();
        if (reseller) return listReseller(reseller.reseller.id, ++latestRequest);
        if (query.trim() === '') return;
        // No "Searching…": the list stays as it is until the new answer replaces it.
        await run(query, ++latestRequest, true);
      },
      clear: () => {
        latestRequest++;
        set(empty);
      },
    };
  });
  return { store, refreshWhenCacheChanges: coalescedRefresh(() => store.getState().refresh()) };
}

/**
 * Calls `refresh` on demand, but never two at once and at most once per `refreshSpacingMs`:
 * demands while one runs or waits fold into a single run after it, so the last change is
 * always followed by a search that saw it.
 */
function coalescedRefresh(refresh: () => Promise<void>, spacingMs = refreshSpacingMs): () => void {
  let running = false;
  let wanted = false;
  let lastStart = -Infinity;
  const start = () => {
    const wait = lastStart + spacingMs - Date.now();
    if (wait > 0) {
      running = true;
      setTimeout(() => {
        running = false;
        start();
      }, wait);
      return;
    }
    running = true;
    wanted = false;
    lastStart = Date.now();
    void refresh().finally(() => {
      running = false;
      if (wanted) start();
    });
  };
  return () => {
    wanted = true;
    if (!running) start();
  };
}

const start = createSearchStore();
const palette = createSearchStore();
export const useSearchStore = start.store;
export const usePaletteSearchStore = palette.store;

// Results follow the cache: a query on screen is asked again when its data may have changed
// (a pull, a queued change, a first sync's progress), or it would go on saying "0 found".
for (const event of ['customers.changed', 'sync.changed'] as const) {
  consoleClient.on(event, () => {
    start.refreshWhenCacheChanges();
    palette.refreshWhenCacheChanges();
  });
}
