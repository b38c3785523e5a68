import { useCallback } from 'react';
import { Dialog } from '../common/Dialog';
import { SearchBox } from '../common/SearchBox';

export type PaletteEntry = Readonly<{
  key: string;
  kind: 'customer' | 'reseller' | 'staff' | 'procedure' | 'command';
  title: string;
  /** Second line: account number, email, program; or the procedure's code and program. */
  detail?: string;
  /** Why it cannot be chosen from here, when it cannot. Still listed, so the agent learns why. */
  unavailable?: string;
  pending?: boolean;
}>;

type Props = Readonly<{
  open: boolean;
  query: string;
  entries: readonly PaletteEntry[];
  status: string;
  onQueryChange: (query: string) => void;
  onChoose: (entry: PaletteEntry) => void;
  onClose: () => void;
  onRendered?: () => void;
}>;

const kindLabels = {
  customer: 'Customer',
  reseller: 'Reseller',
  staff: 'Staff member',
  procedure: 'Procedure',
  command: 'Command',
} as const;

/** Ctrl+K / Cmd+K: customers, resellers and staff members as you type, procedures by name or code, and console commands. */
export function CommandPalette({ open, query, entries, status, onQueryChange, onChoose, onClose, onRendered }: Props) {
  const renderItem = useCallback(
    (entry: PaletteEntry) => (
      <>
        <span className={`kind kind-${entry.kind}`}>{kindLabels[entry.kind]}</span>
        <span className="search-title">
          {entry.title}
          {entry.pending ? <span className="pending-tag">pending</span> : null}
        </span>
        {entry.detail ? <span className="search-detail">{entry.detail}</span> : null}
        {entry.unavailable ? <span className="search-detail">{entry.unavailable}</span> : null}
      </>
    ),
    [],
  );
  return (
    <Dialog open={open} title="Search" onClose={onClose} className="palette">
      <SearchBox
        label="Search customers and procedures"
        placeholder="Name, email, phone, account, company, or a procedure (T4, refund)"
        query={query}
        items={entries}
        status={status}
        getKey={(entry) => entry.key}
        isChoosable={(entry) => !entry.unavailable}
        renderItem={renderItem}
        onQueryChange={onQueryChange}
        onChoose={onChoose}
        {...(onRendered ? { onRendered } : {})}
      />
    </Dialog>
  );
}
