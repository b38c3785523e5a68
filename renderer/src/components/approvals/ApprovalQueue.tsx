import { useEffect, useState } from 'react';
import type { ApprovalItem } from '../../../../core/api';
import type { ApprovalDecision } from '../../../../core/domain';
import { formatInstant } from '../../lib/format';
import { Dialog } from '../common/Dialog';

type Props = Readonly<{
  requests: readonly ApprovalItem[];
  canDecide: boolean;
  focusedId: string | null;
  now: number;
  onFocus: (approvalId: string | null) => void;
  onDecide: (approvalId: string, decision: ApprovalDecision) => void;
}>;

function minutesLeft(expiresAt: string, now: number): string {
  const minutes = Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 60_000));
  return minutes === 1 ? '1 minute left' : `${minutes} minutes left`;
}

/** One request, read in full before a decision: who, which customer, the exact change, why. */
function RequestCard({
  item,
  canDecide,
  focused,
  now,
  onFocus,
  onDecide,
}: Readonly<{
  item: ApprovalItem;
  canDecide: boolean;
  focused: boolean;
  now: number;
  onFocus: Props['onFocus'];
  onDecide: Props['onDecide'];
}>) {
  const decidable = canDecide && !item.mine;
  const headingId = `approval-${item.id}-title`;
  return (
    <li
      className={`card approval-request${focused ? ' approval-focused' : ''}`}
      tabIndex={0}
      aria-labelledby={headingId}
      aria-keyshortcuts={decidable ? 'A D' : undefined}
      onFocus={(event) => {
        if (event.target === event.currentTarget || event.currentTarget.contains(event.target)) onFocus(item.id);
      }}
    >
      <h2 id={headingId} className="approval-title">
        {item.procedure} {item.procedureTitle} for {item.customerName}
      </h2>
      <dl className="facts">
        <dt>Asked by</dt>
        <dd>
          {item.requestedByName} at {formatInstant(item.requestedAt)} ({minutesLeft(item.expiresAt, now)})
        </dd>
        <dt>Change</dt>
        <dd>
          <ul className="plain-list">
            {item.change.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </dd>
        <dt>Reason</dt>
        <dd>{item.reason}</dd>
      </dl>
      {decidable ? (
        <div className="button-row">
          <button type="button" onClick={() => onDecide(item.id, 'approve')} aria-keyshortcuts="A">
            Approve <kbd>A</kbd>
          </button>
          <button type="button" className="secondary" onClick={() => onDecide(item.id, 'decline')} aria-keyshortcuts="D">
            Decline <kbd>D</kbd>
          </button>
        </div>
      ) : (
        <p className="hint">{item.mine ? 'Your request: another supervisor decides it.' : 'Waiting for a supervisor.'}</p>
      )}
    </li>
  );
}

/** The requests waiting for a decision, oldest first. Tab to one, then A or D. */
export function ApprovalQueueList({ requests, canDecide, focusedId, now, onFocus, onDecide }: Props) {
  if (requests.length === 0) return <p className="hint">No request is waiting.</p>;
  return (
    <ul className="card-list" aria-label="Requests waiting">
      {requests.map((item) => (
        <RequestCard
          key={item.id}
          item={item}
          canDecide={canDecide}
          focused={item.id === focusedId}
          now={now}
          onFocus={onFocus}
          onDecide={onDecide}
        />
      ))}
    </ul>
  );
}

const defaultReasons: Readonly<Record<ApprovalDecision, string>> = { approve: 'Approved as requested', decline: '' };

/** The confirmation of a decision: its reason (the agent reads it), typed or kept, then one button. */
export function DecisionDialog({
  request,
  decision,
  busy,
  error,
  onConfirm,
  onCancel,
}: Readonly<{
  request: ApprovalItem | undefined;
  decision: ApprovalDecision | null;
  busy: boolean;
  error: string | null;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}>) {
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (decision) setReason(defaultReasons[decision]);
  }, [decision, request?.id]);
  const open = decision !== null && request !== undefined;
  const verb = decision === 'approve' ? 'Approve' : 'Decline';
  return (
    <Dialog
      open={open}
      role="alertdialog"
      title={`${verb} this request?`}
      description={request ? `${request.procedure} for ${request.customerName}: ${request.change.join('; ')}` : undefined}
      onClose={onCancel}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim() !== '' && !busy) onConfirm(reason);
        }}
      >
        <div className="field">
          <label htmlFor="decision-reason">Reason (the agent reads it)</label>
          <textarea
            id="decision-reason"
            data-autofocus
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-describedby={error ? 'decision-error' : undefined}
          />
        </div>
        {error ? (
          <p id="decision-error" role="alert" className="notice notice-error">
            {error}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" disabled={busy || reason.trim() === ''}>
            {busy ? 'Sending…' : verb}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
