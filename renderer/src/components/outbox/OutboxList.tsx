import { useCallback, useState } from 'react';
import type { OutboxEntry } from '../../../../core/api';
import { display, flatten, humanizePath } from '../../lib/flatten';
import { formatInstant, plural } from '../../lib/format';
import { Dialog } from '../common/Dialog';
import { VirtualList } from '../common/VirtualList';
import { ArgsEditor } from './ArgsEditor';
import { StaleComparison } from './StaleComparison';

type Props = Readonly<{
  entries: readonly OutboxEntry[];
  busyIds: ReadonlySet<number>;
  customerNames: Readonly<Record<string, string>>;
  onRetry: (id: number, args?: Readonly<Record<string, unknown>>) => void;
  onDiscard: (id: number) => void;
  onOpenCustomer: (customerId: string) => void;
}>;

/** What the agent asked for, in words: the values of the change, not the ids it points at. */
function YourChange({ args }: Readonly<{ args: Readonly<Record<string, unknown>> }>) {
  // Card number and CVC never reach the outbox; should one ever, it is still not drawn.
  const values = Object.entries(flatten(args)).filter(([path]) => !/(^|\.)(\w*Id|id|baseVersion|number|cvc)$/.test(path));
  if (values.length === 0) return null;
  return (
    <p className="your-change">
      <span className="hint">Your change: </span>
      {values.map(([path, value]) => `${humanizePath(path)} → ${display(value)}`).join('; ')}
    </p>
  );
}

function EntryCard({
  entry, busy, customerName, onRetry, onAskDiscard, onOpenCustomer,
}: Readonly<{
  entry: OutboxEntry;
  busy: boolean;
  customerName: string | undefined;
  onRetry: Props['onRetry'];
  onAskDiscard: (entry: OutboxEntry) => void;
  onOpenCustomer: Props['onOpenCustomer'];
}>) {
  const [editing, setEditing] = useState(false);
  const rejected = entry.state === 'rejected';
  return (
    <article className={`card outbox-entry${rejected ? ' rejected' : ''}`} aria-label={`${rejected ? 'Rejected' : 'Queued'}: ${entry.summary}`}>
      <h3>
        {entry.summary}
        {rejected ? <span className="tag tag-error">rejected</span> : <span className="pending-tag">pending</span>}
      </h3>
      <p className="hint">
        {entry.customerId ? (
          <>
            For{' '}
            <button type="button" className="link" onClick={() => onOpenCustomer(entry.customerId ?? '')}>
              {customerName ?? entry.customerId}
            </button>
            {' · '}
          </>
        ) : null}
        queued {formatInstant(entry.createdAt)} · {plural(entry.attempts, 'attempt')}
        {entry.lastError && !rejected ? ` · last try: ${entry.lastError}` : ''}
      </p>
      <YourChange args={entry.args} />
      {rejected ? (
        <>
          <p className="notice notice-error">
            <strong>Refused{entry.code ? ` (${entry.code})` : ''}:</strong> {entry.message ?? 'The backend gave no reason.'}
            {entry.rejectedAt ? <span className="hint"> {formatInstant(entry.rejectedAt)}</span> : null}
          </p>
          {entry.code === 'stale' ? <StaleComparison yours={entry.yours} theirs={entry.theirs} /> : null}
          {editing ? (
            <ArgsEditor
              entryId={entry.id}
              args={entry.args}
              busy={busy}
              onCancel={() => setEditing(false)}
              onSubmit={(args) => {
                setEditing(false);
                onRetry(entry.id, args);
              }}
            />
          ) : (
            <div className="button-row">
              <button type="button" disabled={busy} onClick={() => onRetry(entry.id)}>
                {entry.code === 'stale' ? 'Retry on the current version' : 'Retry'}
              </button>
              <button type="button" className="secondary" disabled={busy} onClick={() => setEditing(true)}>
                Edit and retry
              </button>
              <button type="button" className="secondary" disabled={busy} onClick={() => onAskDiscard(entry)}>
                Discard
              </button>
            </div>
          )}
        </>
      ) : null}
    </article>
  );
}

/** Everything not yet confirmed by the backend: refused changes first, each with what can be done. */
export function OutboxList({ entries, busyIds, customerNames, onRetry, onDiscard, onOpenCustomer }: Props) {
  const [discarding, setDiscarding] = useState<OutboxEntry | null>(null);
  const sorted = [...entries].sort((a, b) => (a.state === b.state ? a.id - b.id : a.state === 'rejected' ? -1 : 1));
  const renderItem = useCallback(
    (entry: OutboxEntry) => (
      <EntryCard
        entry={entry}
        busy={busyIds.has(entry.id)}
        customerName={entry.customerId ? customerNames[entry.customerId] : undefined}
        onRetry={onRetry}
        onAskDiscard={setDiscarding}
        onOpenCustomer={onOpenCustomer}
      />
    ),
    [busyIds, customerNames, onRetry, onOpenCustomer],
  );
  return (
    <>
      {sorted.length === 0 ? (
        <p className="notice notice-ok">Nothing is waiting: every change reached the backend.</p>
      ) : (
        <VirtualList label="Outbox" items={sorted} estimateSize={140} maxHeight={640} rowsFocusable getKey={(entry) => String(entry.id)} renderItem={renderItem} />
      )}
      <Dialog
        open={discarding !== null}
        title="Discard this change?"
        role="alertdialog"
        description={discarding ? `“${discarding.summary}” will not be sent to the backend. This cannot be undone.` : undefined}
        onClose={() => setDiscarding(null)}
      >
        <div className="button-row">
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (discarding) onDiscard(discarding.id);
              setDiscarding(null);
            }}
          >
            Discard change
          </button>
          <button type="button" className="secondary" data-autofocus onClick={() => setDiscarding(null)}>
            Keep it
          </button>
        </div>
      </Dialog>
    </>
  );
}
