import { useCallback, useState } from 'react';
import type { OutboxEntry } from '../../../../core/api';
import { sameWallClock, shortLocalTime } from '../../../../core/procedures/registry/spoken';
import { display, flatten, humanizePath } from '../../lib/flatten';
import { plural } from '../../lib/format';
import { ConfirmDialog } from '../common/Dialog';
import { VirtualList } from '../common/VirtualList';
import { ArgsEditor } from './ArgsEditor';
import { StaleComparison } from './StaleComparison';

type Props = Readonly<{
  entries: readonly OutboxEntry[];
  busyIds: ReadonlySet<number>;
  /** For times in the agent's own zone: "Wed 3:02 PM". */
  now: number;
  onRetry: (id: number, args?: Readonly<Record<string, unknown>>) => void;
  onDiscard: (id: number) => void;
  onOpenCustomer: (customerId: string) => void;
}>;

/** When a queued thing happened, in the agent's zone (the browser's): "Wed 3:02 PM". */
function agentTime(iso: string, now: number): string {
  return shortLocalTime(iso, undefined, new Date(now).toISOString());
}

/** What the agent asked for, in words: the values of the change, not the ids it points at. */
function YourChange({ args }: Readonly<{ args: Readonly<Record<string, unknown>> }>) {
  // Card number and CVC never reach the outbox; should one ever, it is still not drawn. An
  // appointment's instant and zone are in the summary already, in words.
  const values = Object.entries(flatten(args)).filter(
    ([path]) => !/(^|\.)(\w*Id|id|baseVersion|number|cvc|scheduledFor|timeZone)$/.test(path),
  );
  if (values.length === 0) return null;
  return (
    <p className="your-change">
      <span className="hint">Your change: </span>
      {values.map(([path, value]) => `${humanizePath(path)} → ${display(value)}`).join('; ')}
    </p>
  );
}

/** "(Mon 2:00 PM your time)" after a customer's appointment, when the agent's clock reads otherwise. */
function AgentsTimeOf({ entry, now }: Readonly<{ entry: OutboxEntry; now: number }>) {
  const { appointment } = entry;
  if (!appointment || sameWallClock(appointment.at, appointment.timeZone, undefined)) return null;
  return <> · {agentTime(appointment.at, now)} your time</>;
}

function EntryCard({
  entry,
  busy,
  now,
  onRetry,
  onAskDiscard,
  onOpenCustomer,
}: Readonly<{
  entry: OutboxEntry;
  busy: boolean;
  now: number;
  onRetry: Props['onRetry'];
  onAskDiscard: (entry: OutboxEntry) => void;
  onOpenCustomer: Props['onOpenCustomer'];
}>) {
  const [editing, setEditing] = useState(false);
  const rejected = entry.state === 'rejected';
  return (
    <article
      className={`card outbox-entry${rejected ? ' rejected' : ''}`}
      aria-label={`${rejected ? 'Rejected' : 'Queued'}: ${entry.summary}`}
    >
      <h3>
        {entry.summary}
        {rejected ? <span className="tag tag-error">rejected</span> : <span className="pending-tag">pending</span>}
      </h3>
      <p className="hint">
        {entry.customerId ? (
          <>
            For{' '}
            <button type="button" className="link" onClick={() => onOpenCustomer(entry.customerId ?? '')}>
              {entry.customerName ?? 'this customer'}
            </button>
            {' · '}
          </>
        ) : null}
        queued {agentTime(entry.createdAt, now)} · {plural(entry.attempts, 'attempt')}
        <AgentsTimeOf entry={entry} now={now} />
        {entry.lastError && !rejected ? ` · last try: ${entry.lastError}` : ''}
      </p>
      <YourChange args={entry.args} />
      {rejected ? (
        <>
          <p className="notice notice-error">
            <strong>Refused{entry.code ? ` (${entry.code})` : ''}:</strong> {entry.message ?? 'The backend gave no reason.'}
            {entry.rejectedAt ? <span className="hint"> {agentTime(entry.rejectedAt, now)}</span> : null}
          </p>
          {entry.code === 'stale' ? <StaleComparison yours={entry.yours} theirs={entry.theirs} basedOn={entry.args.baseVersion} /> : null}
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

/** Audit records waiting: a trail of what was done, not changes; collapsed, one line each (a refused one is listed with the changes, to be acted on). */
export function AuditRecords({ entries, now }: Readonly<{ entries: readonly OutboxEntry[]; now: number }>) {
  if (entries.length === 0) return null;
  return (
    <details className="outbox-audit">
      <summary>{plural(entries.length, 'audit record')} waiting to be sent (not changes)</summary>
      <ul className="plain-list" aria-label="Audit records">
        {entries.map((entry) => (
          <li key={entry.id}>
            {entry.summary}
            <span className="hint"> · {agentTime(entry.createdAt, now)}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Everything not yet confirmed by the backend: refused changes first, each with what can be done. */
export function OutboxList({ entries, busyIds, now, onRetry, onDiscard, onOpenCustomer }: Props) {
  const [discarding, setDiscarding] = useState<OutboxEntry | null>(null);
  const sorted = [...entries].sort((a, b) => (a.state === b.state ? a.id - b.id : a.state === 'rejected' ? -1 : 1));
  const renderItem = useCallback(
    (entry: OutboxEntry) => (
      <EntryCard
        entry={entry}
        busy={busyIds.has(entry.id)}
        now={now}
        onRetry={onRetry}
        onAskDiscard={setDiscarding}
        onOpenCustomer={onOpenCustomer}
      />
    ),
    [busyIds, now, onRetry, onOpenCustomer],
  );
  return (
    <>
      {sorted.length === 0 ? (
        <p className="notice notice-ok">Nothing is waiting: every change reached the backend.</p>
      ) : (
        <VirtualList
          label="Outbox"
          items={sorted}
          estimateSize={140}
          maxHeight={640}
          rowsFocusable
          getKey={(entry) => String(entry.id)}
          renderItem={renderItem}
        />
      )}
      <ConfirmDialog
        open={discarding !== null}
        title="Discard this change?"
        description={discarding ? `“${discarding.summary}” will not be sent to the backend. This cannot be undone.` : ''}
        confirmLabel="Discard change"
        cancelLabel="Keep it"
        onConfirm={() => {
          if (discarding) onDiscard(discarding.id);
          setDiscarding(null);
        }}
        onCancel={() => setDiscarding(null)}
      />
    </>
  );
}
