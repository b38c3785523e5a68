import { useState } from 'react';
import type { CustomerHistory, HistoryEntry, HistoryKind } from '../../../../core/api';
import { historyKinds } from '../../../../core/domain';
import { customerAndAgentTime } from '../../../../core/procedures/registry/spoken';
import { formatInstant, plural } from '../../lib/format';
import { VirtualList } from '../common/VirtualList';
import { WrapUpForm } from './WrapUpForm';

export type HistoryTabProps = Readonly<{
  history: CustomerHistory | null;
  kinds: readonly HistoryKind[];
  search: string;
  saving: boolean;
  message: string | null;
  error: string | null;
  onKinds: (kinds: readonly HistoryKind[]) => void;
  onSearch: (search: string) => void;
  onStartCall: () => void;
  onWrapUp: (disposition: string, notes: string) => Promise<boolean>;
  onReopen: (interactionId: string, disposition: string, notes: string) => Promise<boolean>;
}>;

const kindLabels: Readonly<Record<HistoryKind, string>> = {
  interaction: 'Calls',
  run: 'Procedure runs',
  change: 'Changes',
  callback: 'Callbacks',
  message: 'Emails',
};

function who(entry: HistoryEntry): string {
  return entry.agentName ?? 'you (not sent yet)';
}

function Entry({ entry }: Readonly<{ entry: HistoryEntry & Readonly<{ procedureTitle?: string }> }>) {
  const time = <time dateTime={entry.at}>{formatInstant(entry.at)}</time>;
  const pending = entry.pending ? <span className="pending-tag">pending</span> : null;
  switch (entry.kind) {
    case 'interaction':
      return (
        <article className="history-entry" aria-label={`Call, ${formatInstant(entry.at)}`}>
          <p className="history-head">
            {time} · <strong>Call</strong> with {who(entry)} · <span className="tag">{entry.disposition}</span>
            {entry.editedAt ? <span className="tag">edited {formatInstant(entry.editedAt)}</span> : null}
            {pending}
          </p>
          {entry.notes ? <p className="history-notes">{entry.notes}</p> : <p className="hint">No notes.</p>}
        </article>
      );
    case 'run':
      return (
        <p className="history-head">
          {time} · <strong>Procedure run</strong> {entry.procedure} {entry.procedureTitle ?? ''} · by {who(entry)}
          {pending}
        </p>
      );
    case 'change':
      return (
        <p className="history-head">
          {time} · <strong>Change</strong> {entry.summary} · by {who(entry)}
          {pending}
        </p>
      );
    case 'callback':
      return (
        <p className="history-head">
          {time} · <strong>Callback booked</strong>
          {entry.scheduledFor && entry.timeZone ? ` for ${customerAndAgentTime(entry.scheduledFor, entry.timeZone, entry.at)}` : ''} ·{' '}
          {entry.summary}
          {entry.interactionId ? ` · during the call with ${who(entry)}` : ''}
          {pending}
        </p>
      );
    case 'message':
      return (
        <p className="history-head">
          {time} · <strong>Email sent</strong> {entry.summary}
          {entry.to ? ` · to ${entry.to}` : ''}
        </p>
      );
  }
}

/** The customer's timeline, newest first, with the wrap-up of the call in progress above it. */
export function HistoryTab({
  history,
  kinds,
  search,
  saving,
  message,
  error,
  onKinds,
  onSearch,
  onStartCall,
  onWrapUp,
  onReopen,
}: HistoryTabProps) {
  const [reopening, setReopening] = useState(false);
  if (!history) return <p role="status">Loading the history…</p>;
  const { openCall, reopenable } = history;
  const toggle = (kind: HistoryKind, on: boolean) => onKinds(on ? [...kinds, kind] : kinds.filter((each) => each !== kind));
  return (
    <div className="tab-body">
      <section aria-labelledby="call-heading">
        <h2 id="call-heading">This call</h2>
        {message ? (
          <p role="status" className="notice notice-ok">
            {message}
          </p>
        ) : null}
        {openCall ? (
          <>
            <p>
              In progress since {formatInstant(openCall.startedAt)}
              {openCall.callId ? ` (call ${openCall.callId})` : ''}: {plural(openCall.runs, 'procedure run')},{' '}
              {plural(openCall.changes, 'change')}, {plural(openCall.callbacks, 'callback')} so far, attached at wrap-up.
            </p>
            <WrapUpForm
              key={openCall.interactionId}
              mode="wrap-up"
              dispositions={history.dispositions}
              saving={saving}
              error={error}
              onSave={(d, n) => void onWrapUp(d, n)}
            />
          </>
        ) : reopening && reopenable ? (
          <WrapUpForm
            key={`reopen-${reopenable.interactionId}`}
            mode="reopen"
            dispositions={history.dispositions}
            initial={reopenable}
            saving={saving}
            error={error}
            onCancel={() => setReopening(false)}
            onSave={(d, n) => void onReopen(reopenable.interactionId, d, n).then((saved) => saved && setReopening(false))}
          />
        ) : (
          <div className="button-row">
            <span>No call in progress.</span>
            <button type="button" onClick={onStartCall}>
              Start a new call
            </button>
            {reopenable ? (
              <button type="button" className="secondary" onClick={() => setReopening(true)}>
                Reopen last wrap-up (until {formatInstant(reopenable.reopenUntil)})
              </button>
            ) : null}
          </div>
        )}
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <div className="history-filters">
          <fieldset>
            <legend>Show</legend>
            {historyKinds.map((kind) => (
              <label key={kind} className="inline-check">
                <input type="checkbox" checked={kinds.includes(kind)} onChange={(event) => toggle(kind, event.target.checked)} />{' '}
                {kindLabels[kind]}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="history-search">Search notes</label>
            <input id="history-search" type="search" value={search} onChange={(event) => onSearch(event.target.value)} />
          </div>
        </div>
        <p role="status" className="hint">
          {plural(history.entries.length, 'entry', 'entries')}
          {kinds.length > 0 || search.trim() !== '' ? ' match' : ''}; times are yours.
        </p>
        <VirtualList
          items={history.entries}
          label="Contact history"
          getKey={(entry) => entry.key}
          renderItem={(entry) => <Entry entry={entry} />}
          estimateSize={56}
          className="history-list"
        />
      </section>
    </div>
  );
}
