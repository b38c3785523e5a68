import type { SearchStillLoading, SyncStatus } from '../../../core/api';

const count = new Intl.NumberFormat('en-US');

/**
 * What the agent is told while a first sync fills the cache: how many accounts search can
 * find so far, and of how many when the sync says how far it is. Without it an empty list
 * reads as "this caller has no account".
 */
export function stillLoadingText(stillLoading: SearchStillLoading | null, firstSync: SyncStatus['firstSync'] | undefined): string | null {
  if (!stillLoading) return null;
  const loaded = stillLoading.accountsLoaded;
  // The sync's fraction is of rows of every kind; accounts arrive in step with them, so the total is an estimate.
  // A snapshot's fraction is of bytes downloaded, while no account is searchable yet: no estimate then.
  const fraction = firstSync?.phase === 'pages' ? firstSync.fraction : null;
  const total = fraction !== null && fraction > 0 && fraction < 1 ? Math.max(loaded, Math.round(loaded / fraction)) : null;
  const ofTotal = total === null ? 'so far' : `of about ${count.format(total)}`;
  return `Still loading accounts: ${count.format(loaded)} ${ofTotal}. The list updates as they arrive.`;
}

/** A program's name alone finds only accounts named so: say how to search within it. */
export function programNamedText(programNamed: string | null, query: string): string | null {
  if (!programNamed) return null;
  return `“${programNamed}” is a program: add the caller's name, email, phone or account number to search within it (“${query.trim()} smith”).`;
}

/** "3 customers found", then what else the agent should know, each a sentence of its own. */
export function withNotes(count: string, ...notes: ReadonlyArray<string | null>): string {
  const present = notes.filter((note): note is string => note !== null);
  return present.length === 0 ? count : `${count}. ${present.join(' ')}`;
}
