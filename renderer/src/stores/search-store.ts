import { create } from 'zustand';
import type { CustomerMatch } from '../../../core/api';
import { consoleClient } from '../api/client';
import { markAnswered } from '../lib/timing';

type SearchState = Readonly<{
  query: string;
  matches: readonly CustomerMatch[];
  /** The query the current matches answer (results of an older query are never shown for a newer one). */
  answered: string;
  searching: boolean;
  error: string | null;
  search: (query: string) => Promise<void>;
  clear: () => void;
}>;

const resultLimit = 50;

/** One search as you type; the start screen and the command palette each keep their own. */
function createSearchStore() {
  let latestRequest = 0;
  return create<SearchState>()((set) => ({
    query: '',
    matches: [],
    answered: '',
    searching: false,
    error: null,
    async search(query) {
      const request = ++latestRequest;
      set({ query });
      if (query.trim() === '') return set({ matches: [], answered: query, searching: false, error: null });
      set({ searching: true });
      const result = await consoleClient.invoke('customers.search', { query: query.slice(0, 200), limit: resultLimit });
      // The agent kept typing: a newer request owns the list.
      if (request !== latestRequest) return;
      markAnswered('search');
      if (!result.ok) return set({ searching: false, error: result.error.message, matches: [], answered: query });
      set({ searching: false, error: null, matches: result.value.matches, answered: query });
    },
    clear: () => {
      latestRequest++;
      set({ query: '', matches: [], answered: '', searching: false, error: null });
    },
  }));
}

export const useSearchStore = createSearchStore();
export const usePaletteSearchStore = createSearchStore();
