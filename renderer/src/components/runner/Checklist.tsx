import { useLayoutEffect, useRef, useState } from 'react';
import type { RunView } from '../../../../core/procedures/view';
import { programLabels } from '../../../../core/domain';
import { formatInstant } from '../../lib/format';
import { ConfirmDialog } from '../common/Dialog';
import { focusInCustomerTabs } from '../shell/CustomerTabs';
import { StepCard } from './StepCard';
import type { StepActions } from './StepCard';
import type { KeyState } from './StepResult';

type Props = Readonly<{
  run: RunView;
  busy: boolean;
  error: string | null;
  keys: KeyState;
  actions: StepActions;
  onBack: () => void;
  onAbandon: () => void;
  onClose: () => void;
  /** After each new view is on screen (timing marks). */
  onRendered?: () => void;
}>;

const modeLabels = {
  guide: 'Guide: the customer does it in their portal',
  'do-it-for-them': 'Do it for them: you make the change',
} as const;
const outcomeLabels = {
  completed: 'Completed',
  abandoned: 'Abandoned',
  failed: 'Failed',
  queued: 'Queued: the change waits for the backend',
} as const;

/**
 * A procedure run as a checklist, drawn from the run view alone: any procedure, no screen
 * of its own. Focus follows the current step so the keyboard never has to hunt for it.
 */
export function Checklist({ run, busy, error, keys, actions, onBack, onAbandon, onClose, onRendered }: Props) {
  const listRef = useRef<HTMLOListElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const [abandoning, setAbandoning] = useState(false);

  const closeRef = useRef<HTMLButtonElement>(null);
  const active = run.status === 'active';

  useLayoutEffect(() => {
    if (active) {
      // Not while the agent moves along the customer tabs: a tab shown keeps the focus on its tab.
      if (!focusInCustomerTabs()) listRef.current?.querySelector<HTMLElement>('[data-current-step]')?.focus();
      return;
    }
    // Finished (or abandoned): the button that pressed it is gone. Focus goes to "Close checklist",
    // the one move left here, beside the outcome the status line reads out; unless the agent is
    // already elsewhere (a run may end while they work in the customer's tabs).
    const focused = document.activeElement;
    if (focused === null || focused === document.body || sectionRef.current?.contains(focused)) closeRef.current?.focus();
  }, [run.runId, run.currentStepId, active]);
  useLayoutEffect(() => onRendered?.(), [run, onRendered]);

  const canBack = run.available.some((event) => event.type === 'back');
  return (
    <section className="panel checklist" aria-labelledby="run-title" ref={sectionRef}>
      <header className="run-header">
        <h2 id="run-title">
          <span className="code">{run.code}</span> {run.title}
        </h2>
        <p className="hint">
          {programLabels[run.program]} · {modeLabels[run.mode]}
          {run.entryPoint.id !== 'customer' ? ` · ${run.entryPoint.label}` : ''} · for {run.customerName}
        </p>
        <p className="hint">
          Article: {run.source.heading} ({run.source.seed})
        </p>
        <p className="progress-line">
          <progress max={run.progress.total} value={run.progress.done} aria-label="Steps done" />{' '}
          <span>
            {run.progress.done} of {run.progress.total} steps
          </span>
          {!run.online ? <span className="tag tag-warn">offline</span> : null}
        </p>
      </header>
      {run.warnings.map((warning) => (
        <p key={warning.code} className="notice notice-warn">
          {warning.message}
        </p>
      ))}
      {run.notice ? (
        <p className="notice notice-error" role="alert" data-testid="run-notice">
          {run.notice.message}
        </p>
      ) : null}
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      {!active ? (
        <p className={`notice ${run.outcome === 'completed' ? 'notice-ok' : 'notice-warn'}`} role="status" data-testid="run-outcome">
          {run.outcome ? outcomeLabels[run.outcome] : 'Ended'}
          {run.endedAt ? ` · ${formatInstant(run.endedAt)}` : ''}
        </p>
      ) : null}
      <ol className="steps" ref={listRef} aria-label="Steps">
        {run.steps.map((step, index) => (
          <StepCard key={step.id} run={run} step={step} index={index} busy={busy} keys={keys} actions={actions} />
        ))}
      </ol>
      <div className="button-row run-controls">
        {active ? (
          <>
            <button type="button" className="secondary" disabled={busy || !canBack} onClick={onBack}>
              Back a step
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setAbandoning(true)}>
              Abandon run
            </button>
          </>
        ) : (
          <button type="button" className="secondary" onClick={onClose} ref={closeRef}>
            Close checklist
          </button>
        )}
      </div>
      <ConfirmDialog
        open={abandoning}
        title="Abandon this run?"
        description="Nothing more is changed for the customer. What was done so far stays done, and the run is recorded as abandoned."
        confirmLabel="Abandon run"
        cancelLabel="Keep going"
        onConfirm={() => {
          setAbandoning(false);
          onAbandon();
        }}
        onCancel={() => setAbandoning(false)}
      />
    </section>
  );
}
