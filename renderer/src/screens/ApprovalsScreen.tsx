import { useEffect } from 'react';
import { ApprovalQueueList, DecisionDialog } from '../components/approvals/ApprovalQueue';
import { NarrowScreen } from '../components/common/Screen';
import { plural } from '../lib/format';
import { useNow } from '../lib/use-now';
import { liveRequests, useApprovalsStore } from '../stores/approvals-store';
import { useSyncStore } from '../stores/sync-store';

/** Supervisor approvals: the requests waiting, read in full, decided with A or D and a reason. */
export function ApprovalsScreen({ onBack }: Readonly<{ onBack: () => void }>) {
  const store = useApprovalsStore();
  const online = useSyncStore((state) => state.status?.online ?? true);
  const now = useNow(30_000);

  useEffect(() => {
    void useApprovalsStore.getState().load();
  }, []);

  const requests = liveRequests(store.queue, now);
  const deciding = store.deciding;
  return (
    <NarrowScreen title="Approvals" onBack={onBack}>
      <p role="status">
        {!store.loaded
          ? 'Loading requests…'
          : store.queue.canDecide
            ? `${plural(requests.length, 'request')} waiting for a supervisor. Tab to one, read it, then press A to approve or D to decline.`
            : `${plural(requests.length, 'request')} of yours waiting for a supervisor. Your run continues by itself once one approves.`}
      </p>
      {!online ? (
        <p role="alert" className="notice notice-warn">
          Offline: approvals need the account system online. Requests cannot be asked for or decided until it is back.
        </p>
      ) : null}
      {store.error && !deciding ? (
        <p role="alert" className="notice notice-error">
          {store.error}
        </p>
      ) : null}
      <ApprovalQueueList
        requests={requests}
        canDecide={store.queue.canDecide}
        focusedId={store.focusedId}
        now={now}
        onFocus={store.focus}
        onDecide={(approvalId, decision) => {
          store.focus(approvalId);
          useApprovalsStore.getState().askDecision(decision);
        }}
      />
      <DecisionDialog
        request={deciding ? store.queue.pending.find((item) => item.id === deciding.approvalId) : undefined}
        decision={deciding?.decision ?? null}
        busy={store.busy}
        error={store.error}
        onConfirm={(reason) => void store.confirmDecision(reason)}
        onCancel={store.cancelDecision}
      />
    </NarrowScreen>
  );
}
