import { useState } from 'react';
import { approvalBlockerCodes } from '../../../../core/procedures/approvals';

/** Blocker codes of an act step that waits on a supervisor: all but pending let the agent ask (again). */
const askCodes: ReadonlySet<string> = new Set(approvalBlockerCodes.filter((code) => code !== 'approval_pending'));

export function asksForApproval(blockedCode: string | undefined): boolean {
  return blockedCode !== undefined && askCodes.has(blockedCode);
}

/**
 * An agent at a supervisor-only change (P5's refund, P7's disable) asks a supervisor to
 * approve exactly it, with a reason; the run continues by itself once they approve.
 */
export function ApprovalAsk({ stepId, onRequest }: Readonly<{ stepId: string; onRequest: (reason: string) => Promise<string | null> }>) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fieldId = `approval-reason-${stepId}`;
  return (
    <div className="approval-ask">
      <div className="field">
        <label htmlFor={fieldId}>Reason for the supervisor</label>
        <textarea
          id={fieldId}
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-describedby={error ? `${fieldId}-error` : undefined}
        />
      </div>
      {error ? (
        <p id={`${fieldId}-error`} role="alert" className="notice notice-error">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        disabled={busy || reason.trim() === ''}
        onClick={async () => {
          setBusy(true);
          setError(await onRequest(reason));
          setBusy(false);
        }}
      >
        {busy ? 'Asking…' : 'Ask a supervisor to approve'}
      </button>
    </div>
  );
}
