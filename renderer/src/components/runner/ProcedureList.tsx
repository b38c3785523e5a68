import { useId } from 'react';
import type { ProcedureListItem } from '../../../../core/api/procedures';
import type { ProcedureMode } from '../../../../core/domain';
import { formatInstant } from '../../lib/format';

export type ResumableRun = Readonly<{
  runId: string;
  code: string;
  title: string;
  mode: ProcedureMode;
  currentStepTitle: string | null;
  updatedAt: string;
}>;

type Props = Readonly<{
  procedures: readonly ProcedureListItem[];
  resumable: readonly ResumableRun[];
  mode: ProcedureMode;
  busy: boolean;
  error: string | null;
  onModeChange: (mode: ProcedureMode) => void;
  onStart: (code: string, entryPoint: string) => void;
  onResume: (runId: string) => void;
  /** Offline: start what the program offers instead (T5 callback, M5 live session). */
  onOffer: (code: string) => void;
}>;

const roleLabels = { agent: 'agents', supervisor: 'supervisors' } as const;

/** Why the procedure cannot start in this mode, or undefined when it can. */
function refusal(procedure: ProcedureListItem, mode: ProcedureMode): string | undefined {
  const availability = procedure.modes.find((m) => m.mode === mode);
  if (!availability) {
    const other = procedure.modes[0];
    return `Not offered in this mode${other ? ` (only ${other.mode === 'guide' ? 'Guide' : 'Do it for them'})` : ''}.`;
  }
  return availability.canStart ? undefined : (availability.reason?.message ?? 'Cannot start now.');
}

const modeChoices: readonly Readonly<{ id: ProcedureMode; label: string; hint: string }>[] = [
  { id: 'guide', label: 'Guide', hint: 'The customer does it in their own portal while you read the steps.' },
  { id: 'do-it-for-them', label: 'Do it for them', hint: 'With their consent, you make the change from the console.' },
];

/** The procedures of this customer's program: the ones that can start, and why the others cannot. */
export function ProcedureList({ procedures, resumable, mode, busy, error, onModeChange, onStart, onResume, onOffer }: Props) {
  const modeName = useId();
  const available = procedures.filter((procedure) => !refusal(procedure, mode));
  const unavailable = procedures.filter((procedure) => refusal(procedure, mode));
  return (
    <section className="panel procedure-list" aria-labelledby="procedures-heading">
      <h2 id="procedures-heading" tabIndex={-1}>
        Procedures
      </h2>
      {resumable.length > 0 ? (
        <div className="notice notice-info" role="region" aria-label="Interrupted runs">
          <h3>Interrupted runs</h3>
          <ul className="plain-list">
            {resumable.map((run) => (
              <li key={run.runId}>
                <strong>{run.code}</strong> {run.title} · {run.mode === 'guide' ? 'Guide' : 'Do it for them'}
                {run.currentStepTitle ? ` · at “${run.currentStepTitle}”` : ''} · last step {formatInstant(run.updatedAt)}{' '}
                <button type="button" className="small" disabled={busy} onClick={() => onResume(run.runId)}>
                  Resume {run.code}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <fieldset className="mode-choice">
        <legend>Mode for the next run</legend>
        {modeChoices.map((choice) => (
          <div key={choice.id} className="field-check">
            <input
              id={`${modeName}-${choice.id}`}
              type="radio"
              name={modeName}
              checked={mode === choice.id}
              onChange={() => onModeChange(choice.id)}
              aria-describedby={`${modeName}-${choice.id}-hint`}
            />
            <label htmlFor={`${modeName}-${choice.id}`}>{choice.label}</label>
            <p id={`${modeName}-${choice.id}-hint`} className="hint">
              {choice.hint}
            </p>
          </div>
        ))}
      </fieldset>
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <ul className="card-list" aria-label="Available procedures">
        {available.map((procedure) => {
          const online = procedure.modes.find((m) => m.mode === mode)?.needsOnline;
          return (
            <li key={procedure.code} className="card procedure">
              <h3>
                <span className="code">{procedure.code}</span> {procedure.title}
              </h3>
              <p className="hint">{procedure.summary}</p>
              {online === 'always' ? <p className="hint">Needs the account system online.</p> : null}
              {procedure.roles.length === 1 && procedure.roles[0] ? (
                <p className="hint">For {roleLabels[procedure.roles[0]]} only.</p>
              ) : null}
              <div className="button-row">
                {procedure.entryPoints.map((entry) => (
                  <button
                    key={entry.id}
                    type="button"
                    className="small"
                    disabled={busy}
                    aria-label={procedure.entryPoints.length > 1 ? undefined : `Start ${procedure.code} ${procedure.title}`}
                    onClick={() => onStart(procedure.code, entry.id)}
                  >
                    {procedure.entryPoints.length > 1 ? `Start ${procedure.code}: ${entry.label}` : 'Start'}
                  </button>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
      {unavailable.length > 0 ? (
        <>
          <h3>Not available now</h3>
          <ul className="plain-list" aria-label="Unavailable procedures">
            {unavailable.map((procedure) => {
              const offer = procedure.modes.find((m) => m.mode === mode)?.offer;
              return (
                <li key={procedure.code} className="unavailable-procedure">
                  <strong>
                    {procedure.code} {procedure.title}
                  </strong>
                  : {refusal(procedure, mode)}
                  {offer ? (
                    <>
                      {' '}
                      <button type="button" className="small secondary" disabled={busy} onClick={() => onOffer(offer.code)}>
                        {offer.code} {offer.title} instead
                      </button>
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}
