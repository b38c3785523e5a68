import { useEffect } from 'react';
import { AuditRecords, OutboxList } from '../components/outbox/OutboxList';
import { NarrowScreen } from '../components/common/Screen';
import { formatAge, plural } from '../lib/format';
import { useNow } from '../lib/use-now';
import { useSyncStore } from '../stores/sync-store';
import { useUiStore } from '../stores/ui-store';
import { useTabsStore } from '../stores/tabs-store';

export function OutboxScreen({ onBack }: Readonly<{ onBack: () => void }>) {
  const sync = useSyncStore();
  const now = useNow(30_000);

  useEffect(() => {
    void useSyncStore.getState().loadOutbox();
  }, []);

  // Audit records are pushed like changes but are not changes: counted and shown apart.
  // A refused one stays with the changes, where it can be retried or discarded.
  const audits = sync.entries.filter((entry) => entry.kind === 'audit' && entry.state === 'queued');
  const listed = sync.entries.filter((entry) => !audits.includes(entry));
  const queued = listed.filter((entry) => entry.state === 'queued').length;
  const rejected = listed.length - queued;
  return (
    <NarrowScreen
      title="Outbox"
      onBack={onBack}
      actions={
        <button type="button" onClick={() => void sync.syncNow()}>
          Sync now
        </button>
      }
    >
      <p role="status">
        {sync.outboxLoaded ? `${plural(queued, 'change')} waiting, ${rejected} rejected.` : 'Loading the outbox…'}{' '}
        {sync.status ? `${sync.status.message} Last sync ${formatAge(sync.status.lastSyncAt)}.` : ''}
        {sync.status && sync.status.queuedByOtherAgents > 0
          ? ` ${plural(sync.status.queuedByOtherAgents, 'change')} by other agents of this machine wait for them to sign in.`
          : ''}
      </p>
      {sync.actionError ? (
        <p role="alert" className="notice notice-error">
          {sync.actionError}
        </p>
      ) : null}
      <OutboxList
        entries={listed}
        busyIds={sync.busyIds}
        now={now}
        onRetry={(id, args) => void sync.retry(id, args)}
        onDiscard={(id) => void sync.discard(id)}
        onOpenCustomer={(customerId) => {
          useUiStore.getState().navigate({ screen: 'console' });
          useTabsStore.getState().openCustomer(customerId);
        }}
      />
      <AuditRecords entries={audits} now={now} />
    </NarrowScreen>
  );
}
