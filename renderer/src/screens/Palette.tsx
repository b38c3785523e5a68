import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CustomerMatch } from '../../../core/api';
import { matchKey, matchKindLabel, programLabel } from '../lib/account-match';
import { CommandPalette } from '../components/shell/CommandPalette';
import type { PaletteEntry } from '../components/shell/CommandPalette';
import { programNamedText, stillLoadingText, withNotes } from '../lib/search-status';
import { markInput, markRendered } from '../lib/timing';
import { useCallStore } from '../stores/call-store';
import { usePaletteSearchStore, useSearchStore } from '../stores/search-store';
import { useSyncStore } from '../stores/sync-store';
import { useUiStore } from '../stores/ui-store';
import { useWorkspaceStore } from '../stores/workspace-store';
import { useProceduresStore } from '../stores/procedures-store';
import { useTabsStore } from '../stores/tabs-store';
import { requestSignOut } from './sign-out';
import { chooseProcedure, entryPointWithoutCustomer, procedureEntries } from './palette-procedures';

type Command = Readonly<{ id: string; title: string; words: string; run: () => void }>;

const commands: readonly Command[] = [
  {
    id: 'settings',
    title: 'Open settings',
    words: 'settings preferences theme density backend',
    run: () => useUiStore.getState().navigate({ screen: 'settings' }),
  },
  {
    id: 'outbox',
    title: 'Open the outbox',
    words: 'outbox queue queued rejected pending changes',
    run: () => useUiStore.getState().navigate({ screen: 'outbox' }),
  },
  { id: 'sync', title: 'Sync now', words: 'sync now refresh pull push', run: () => void useSyncStore.getState().syncNow() },
  {
    id: 'close',
    title: 'Close the customer',
    words: 'close customer tab next caller',
    run: () => useTabsStore.getState().closeCurrentTab(),
  },
  { id: 'signout', title: 'Sign out', words: 'sign out logout log off', run: requestSignOut },
];

function customerEntry(match: CustomerMatch): PaletteEntry {
  if (match.kind !== 'customer') {
    // What it is comes first: "Staff member of Brightwater Clinic", "Reseller · Partner platform".
    const contact = [match.accountNumber, match.email, match.phone].filter(Boolean).join(' · ');
    return {
      key: matchKey(match),
      kind: match.kind,
      title: match.name,
      detail: `${matchKindLabel(match)} · ${contact}`,
      pending: match.hasPendingChanges,
    };
  }
  const who = match.companyName && match.companyName !== match.name ? `${match.companyName} · ` : '';
  return {
    key: matchKey(match),
    kind: 'customer',
    title: match.name,
    detail: `${who}${match.accountNumber} · ${match.email} · ${match.phone} · ${programLabel(match.program)}`,
    pending: match.hasPendingChanges,
  };
}

/** The palette wired to the stores: customers from the search, procedures, commands. */
export function Palette() {
  const open = useUiStore((state) => state.paletteOpen);
  const close = useUiStore((state) => state.closePalette);
  const { query, matches, searching, error, answered, stillLoading, programNamed, search, clear } = usePaletteSearchStore();
  const firstSync = useSyncStore((state) => state.status?.firstSync);
  const openProgram = useWorkspaceStore((state) => state.workspace?.customer.program ?? null);
  /** A procedure chosen with no customer open: the next choice is its customer. */
  const [forProcedure, setForProcedure] = useState<string | null>(null);
  // Every opening starts from an empty box: the next caller is a new search.
  useEffect(() => {
    if (open) clear();
    else setForProcedure(null);
  }, [open, clear]);
  const procedures = useMemo(() => (forProcedure ? [] : procedureEntries(query, openProgram)), [forProcedure, query, openProgram]);

  const entries = useMemo(() => {
    const words = query.trim().toLowerCase();
    const matchingCommands =
      words.length >= 2 && !forProcedure
        ? commands.filter((command) => command.words.includes(words) || command.title.toLowerCase().includes(words))
        : [];
    return [
      ...matches.map(customerEntry),
      ...procedures,
      ...matchingCommands.map((command): PaletteEntry => ({ key: `command:${command.id}`, kind: 'command', title: command.title })),
    ];
  }, [matches, procedures, query]);

  const onQueryChange = useCallback(
    (next: string) => {
      markInput('search');
      void search(next);
    },
    [search],
  );
  const onRendered = useCallback(() => {
    if (answered === query) markRendered('search');
  }, [answered, query]);

  function onChoose(entry: PaletteEntry) {
    const [kind, id] = [entry.kind, entry.key.slice(entry.key.indexOf(':') + 1)];
    if (kind === 'procedure') {
      if (chooseProcedure(id) === 'started') close();
      else {
        setForProcedure(id);
        clear();
      }
      return;
    }
    close();
    const match = matches.find((each) => matchKey(each) === entry.key);
    if (match?.kind === 'reseller') {
      // The reseller's customers, under "Find the caller": the caller names the one the call is about.
      // The customers open in tabs stay open.
      useTabsStore.getState().select(null);
      useUiStore.getState().navigate({ screen: 'console' });
      void useSearchStore.getState().showReseller(match.id);
    } else if (match) {
      const customerId = match.customerId ?? match.id;
      markInput('workspace');
      useUiStore.getState().navigate({ screen: 'console' });
      const label = match.kind === 'customer' ? { name: match.name, accountNumber: match.accountNumber } : undefined;
      // A call waiting in "Find the caller" goes with the customer, as from there. The cap reached:
      // the agent is told, and no procedure starts for a customer not on screen.
      if (!useCallStore.getState().openChosenCustomer(customerId, label)) return;
      if (forProcedure) void useProceduresStore.getState().start(customerId, forProcedure, entryPointWithoutCustomer(forProcedure));
    } else {
      commands.find((command) => command.id === id)?.run();
    }
  }

  const prompt = forProcedure
    ? `Choose the customer for ${forProcedure}: name, email, phone, account number or company.`
    : 'Type a name, email, phone, account number or company; or a procedure code.';
  const loading = stillLoadingText(stillLoading, firstSync);
  const results = `${entries.length} result${entries.length === 1 ? '' : 's'}`;
  const status =
    error ?? (searching ? 'Searching…' : query.trim() === '' ? prompt : withNotes(results, programNamedText(programNamed, query), loading));
  return (
    <CommandPalette
      open={open}
      query={query}
      entries={entries}
      status={status}
      onQueryChange={onQueryChange}
      onChoose={onChoose}
      onClose={close}
      onRendered={onRendered}
    />
  );
}
