import { memo, useState } from 'react';
import type { ClientEvent } from '../../../../core/procedures/run';
import type { AvailableEvent, RunView, StepView } from '../../../../core/procedures/view';
import type { JsonValue } from '../../../../core/procedures/run';
import { formatInstant } from '../../lib/format';
import { Dialog } from '../common/Dialog';
import { ApprovalAsk, asksForApproval } from './ApprovalAsk';
import { StepChoose } from './StepChoose';
import { StepInput } from './StepInput';
import { StepResult } from './StepResult';
import type { KeyState } from './StepResult';
import { StepReview } from './StepReview';
import { TalkTrack } from './TalkTrack';

export type StepActions = Readonly<{
  send: (event: ClientEvent) => void;
  /** Flushes typed values, then asks for the next step. */
  next: (stepId: string) => void;
  inputs: (stepId: string, values: Readonly<Record<string, JsonValue>>) => void;
  reveal: (licenseKeyId: string) => void;
  copy: (licenseKeyId: string) => void;
  startOffer: (code: string) => void;
  /** Issue 21: ask a supervisor to approve the change this run is stopped at; the error to show, or null. */
  requestApproval: (reason: string) => Promise<string | null>;
}>;

type Props = Readonly<{
  run: RunView;
  step: StepView;
  index: number;
  busy: boolean;
  keys: KeyState;
  actions: StepActions;
}>;

const doneByLabels = { agent: 'by you', sync: 'seen on sync', console: 'by the console' } as const;

function can(available: readonly AvailableEvent[], type: AvailableEvent['type'], stepId?: string): boolean {
  return available.some((event) => event.type === type && (event.stepId === undefined || event.stepId === stepId));
}

/** Steps the agent cannot skip: all but talk-only steps and optional choices. */
function isRequired(step: StepView): boolean {
  return step.kind !== 'say' && !(step.kind === 'choose' && step.choose?.optional);
}

/** A sub-step ticks at once on screen; the console records it (a tick cannot be undone). */
function SubStep({ id, text, done, onTick }: Readonly<{ id: string; text: string; done: boolean; onTick: () => void }>) {
  const [ticked, setTicked] = useState(done);
  return (
    <div className="field-check">
      <input
        id={id}
        type="checkbox"
        checked={done || ticked}
        disabled={done}
        onChange={() => {
          if (done || ticked) return;
          setTicked(true);
          onTick();
        }}
      />
      <label htmlFor={id}>{text}</label>
    </div>
  );
}

/**
 * A button that pops a confirmation window: the window reads the step's talk track and its
 * own button sends the event; Cancel or Escape sends nothing. Confirm steps and acts that
 * carry the article's window (T2's Switch to Plan, then OK) both open one.
 */
function ConfirmationWindow({
  opener,
  disabled,
  title,
  description,
  talk,
  button,
  onConfirm,
}: Readonly<{
  opener: string;
  disabled: boolean;
  title: string;
  description: string;
  talk: readonly string[];
  button: string;
  onConfirm: () => void;
}>) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" disabled={disabled} onClick={() => setOpen(true)}>
        {opener}
      </button>
      <Dialog open={open} title={title} role="alertdialog" description={description} onClose={() => setOpen(false)}>
        <TalkTrack lines={talk} />
        <div className="button-row">
          <button
            type="button"
            data-autofocus
            onClick={() => {
              setOpen(false);
              onConfirm();
            }}
          >
            {button}
          </button>
          <button type="button" className="secondary" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </>
  );
}

function ConfirmControl({ run, step, busy, actions }: Readonly<{ run: RunView; step: StepView; busy: boolean; actions: StepActions }>) {
  return (
    <ConfirmationWindow
      opener="Show the confirmation window"
      disabled={busy || !can(run.available, 'confirm', step.id)}
      title={step.title}
      description={step.text}
      talk={step.talk}
      button={step.confirm?.button ?? 'OK'}
      onConfirm={() => actions.send({ type: 'confirm', stepId: step.id })}
    />
  );
}

/** An act whose button pops the article's confirmation window (T2): the window's button sends the change. */
function ConfirmedActControl({
  run,
  step,
  busy,
  actions,
}: Readonly<{ run: RunView; step: StepView; busy: boolean; actions: StepActions }>) {
  const act = step.act!;
  const confirmation = act.confirmation!;
  return (
    <ConfirmationWindow
      opener={act.state === 'sending' ? 'Sending…' : act.button}
      disabled={busy || !can(run.available, 'act', step.id)}
      title={confirmation.title}
      description={step.text}
      talk={step.talk}
      button={confirmation.button}
      onConfirm={() => actions.send({ type: 'act', stepId: step.id, confirmed: confirmation.button })}
    />
  );
}

/**
 * "Confirmed" on a check whose "if not" steps are on screen: with some still open it first
 * says which are skipped, and the console records them as skipped.
 */
function ConfirmCheck({ step, busy, actions }: Readonly<{ step: StepView; busy: boolean; actions: StepActions }>) {
  const [asking, setAsking] = useState(false);
  const ifNot = step.check?.ifNot;
  const open = ifNot?.shown ? ifNot.steps.filter((sub) => sub.doneAt === undefined) : [];
  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={() => (open.length > 0 ? setAsking(true) : actions.send({ type: 'tick', stepId: step.id }))}
      >
        {ifNot ? 'Confirmed' : 'Done'}
      </button>
      <Dialog
        open={asking}
        title="Confirm with steps not done?"
        role="alertdialog"
        description="These steps are not ticked. Confirm only if the customer is past them:"
        onClose={() => setAsking(false)}
      >
        <ul className="plain-list" data-testid="skipped-sub-steps">
          {open.map((sub) => (
            <li key={sub.id}>{sub.text}</li>
          ))}
        </ul>
        <div className="button-row">
          <button
            type="button"
            onClick={() => {
              setAsking(false);
              actions.send({ type: 'tick', stepId: step.id, skipping: open.map((sub) => sub.id) });
            }}
          >
            Confirm, skipping {open.length === 1 ? 'this step' : `these ${open.length} steps`}
          </button>
          <button type="button" className="secondary" data-autofocus onClick={() => setAsking(false)}>
            Go back to the steps
          </button>
        </div>
      </Dialog>
    </>
  );
}

function CurrentControls({ run, step, busy, keys, actions }: Omit<Props, 'index'>) {
  const hasNext =
    ['say', 'input', 'choose', 'review', 'result'].includes(step.kind) || (step.kind === 'branch' && step.branch?.by === 'data');
  const nextLabel = step.kind === 'result' ? 'Finish' : 'Next';
  // A form, so Enter in a field means Next; the runner refuses an invalid step and says why.
  return (
    <form
      noValidate
      aria-label={`${step.title}: controls`}
      onSubmit={(event) => {
        event.preventDefault();
        if (hasNext && !busy) actions.next(step.id);
      }}
    >
      {step.kind === 'check' ? (
        <>
          {step.check?.status ? <p className="check-status">{step.check.status}</p> : null}
          {step.check?.verifiable ? <p className="hint">Ticks itself when the next sync shows it happened.</p> : null}
          {step.check?.ifNot?.shown ? (
            <p className="notice notice-warn" data-testid="step-blocked">
              <strong>Blocked:</strong> the run cannot go on until you confirm this step.
            </p>
          ) : null}
          {step.check?.ifNot?.shown ? (
            <fieldset className="if-not">
              <legend>{step.check.ifNot.text}</legend>
              {step.check.ifNot.steps.map((sub) => (
                <SubStep
                  key={sub.id}
                  id={`sub-${step.id}-${sub.id}`}
                  text={sub.text}
                  done={sub.doneAt !== undefined}
                  onTick={() => actions.send({ type: 'tickSub', stepId: step.id, subStepId: sub.id })}
                />
              ))}
            </fieldset>
          ) : null}
          <div className="button-row">
            <ConfirmCheck step={step} busy={busy} actions={actions} />
            {step.check?.ifNot && !step.check.ifNot.shown ? (
              <button type="button" className="secondary" disabled={busy} onClick={() => actions.send({ type: 'notYet', stepId: step.id })}>
                Not yet
              </button>
            ) : null}
          </div>
        </>
      ) : null}
      {step.kind === 'branch' && step.branch?.by === 'answer' ? (
        <div className="button-row" role="group" aria-label={step.title}>
          {step.branch.arms.map((arm) => (
            <button
              key={arm.id}
              type="button"
              disabled={busy}
              onClick={() => actions.send({ type: 'answer', stepId: step.id, arm: arm.id })}
            >
              {arm.label}
            </button>
          ))}
        </div>
      ) : null}
      {step.kind === 'branch' && step.branch?.by === 'data' && step.branch.chosen ? (
        <p>
          The records say: <strong>{step.branch.arms.find((arm) => arm.id === step.branch?.chosen)?.label}</strong>
        </p>
      ) : null}
      {step.kind === 'input' ? <StepInput key={step.id} step={step} onInputs={(values) => actions.inputs(step.id, values)} /> : null}
      {step.kind === 'choose' ? (
        <StepChoose step={step} onChoose={(ids) => actions.send({ type: 'choose', stepId: step.id, ids: [...ids] })} />
      ) : null}
      {step.kind === 'review' ? <StepReview step={step} /> : null}
      {step.kind === 'confirm' ? <ConfirmControl run={run} step={step} busy={busy} actions={actions} /> : null}
      {step.kind === 'act' && step.act ? (
        <>
          {step.act.needsOnline ? (
            <p className="hint">This change needs the account system online: it moves money or creates a secret.</p>
          ) : null}
          {step.act.confirmation ? (
            <ConfirmedActControl run={run} step={step} busy={busy} actions={actions} />
          ) : (
            <button
              type="button"
              disabled={busy || !can(run.available, 'act', step.id)}
              onClick={() => actions.send({ type: 'act', stepId: step.id })}
            >
              {step.act.state === 'sending' ? 'Sending…' : step.act.button}
            </button>
          )}
          {step.act.outcomes
            .filter((outcome) => outcome.status === 'rejected')
            .map((outcome) => (
              <p key={outcome.key} className="notice notice-error" role="alert">
                Refused{outcome.code ? ` (${outcome.code})` : ''}: {outcome.message}
              </p>
            ))}
          {asksForApproval(step.blocked?.code) ? <ApprovalAsk stepId={step.id} onRequest={actions.requestApproval} /> : null}
          {run.offer ? (
            <button type="button" className="secondary" onClick={() => actions.startOffer(run.offer?.code ?? '')}>
              {run.offer.code} {run.offer.title} instead
            </button>
          ) : null}
        </>
      ) : null}
      {step.kind === 'result' ? (
        <StepResult step={step} keys={keys} onReveal={actions.reveal} onCopy={actions.copy} onOffer={actions.startOffer} />
      ) : null}
      {hasNext ? (
        <div className="button-row">
          {/* Enabled even when the step is not valid yet: Next then shows every field's error and sends nothing. */}
          <button type="submit" disabled={busy}>
            {nextLabel}
          </button>
        </div>
      ) : null}
    </form>
  );
}

/**
 * Every answer of the console is a whole new run view, but a step only changes when it
 * becomes current or stops being so: a step that is not current is drawn from its own view
 * and number alone, so it is drawn again only when those changed.
 */
function sameStepCard(previous: Props, next: Props): boolean {
  if (previous.step.state === 'current' || next.step.state === 'current') return false;
  return previous.index === next.index && JSON.stringify(previous.step) === JSON.stringify(next.step);
}

/** One checklist item: done ones collapse to their title and time; the current one is open. */
export const StepCard = memo(function StepCard({ run, step, index, busy, keys, actions }: Props) {
  const current = step.state === 'current';
  const headingId = `step-${step.id}-title`;
  const resultLines = new Set(step.result?.lines ?? []);
  const talk = step.talk.filter((line) => !resultLines.has(line));
  return (
    <li
      className={`step step-${step.state} step-kind-${step.kind}`}
      aria-current={current ? 'step' : undefined}
      aria-labelledby={headingId}
    >
      <h3 id={headingId} tabIndex={current ? -1 : undefined} data-current-step={current || undefined}>
        <span className="step-number" aria-hidden="true">
          {step.state === 'done' ? '✓' : index + 1}
        </span>
        <span className="visually-hidden">Step {index + 1}: </span>
        {step.title}
        {isRequired(step) ? <span className="tag">required</span> : null}
        {step.state === 'done' ? <span className="visually-hidden"> (done)</span> : null}
      </h3>
      {step.state === 'done' && step.doneAt ? (
        <p className="hint">
          Done {formatInstant(step.doneAt)}
          {step.doneBy ? `, ${doneByLabels[step.doneBy]}` : ''}
        </p>
      ) : null}
      {current ? (
        <div className="step-body">
          <p className="step-action">
            <span className="do-label">Do: </span>
            {step.text}
          </p>
          <TalkTrack lines={talk} />
          {step.blocked ? (
            <p className="notice notice-warn" role="status" data-testid="step-blocked">
              <strong>Blocked:</strong> {step.blocked.message}
            </p>
          ) : null}
          <CurrentControls run={run} step={step} busy={busy} keys={keys} actions={actions} />
        </div>
      ) : null}
    </li>
  );
}, sameStepCard);
