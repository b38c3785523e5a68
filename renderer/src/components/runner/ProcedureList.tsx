import { useId } from 'react';
import type { ProcedureMode } from '../../../../core/domain';
import { formatInstant } from '../../lib/format';

export type ProcedureChoice = Readonly<{
  code: string;
  title: string;
  summary: string;
  modes: readonly ProcedureMode[];
  entryPoints: readonly Readonly<{ id: string; label: string }>[];
  /** Why it cannot start for this customer now (role, program, offline, a precondition); absent when it can. */
  unavailable?: string;
  /** When offline blocks it: what to offer instead. */
  offer?: Readonly<{ code: string; title: string }>;
}>;

export type ResumableRun = Readonly<{
  runId: string;
  code: string;
  title: string;
  updatedAt: string;
  done: number;
  total: number;
}>;

type Props = Readonly<{
  procedures: readonly ProcedureChoice[];
  resumable: readonly ResumableRun[];
  mode: ProcedureMode;
  busy: boolean;
  error: string | null;
  onModeChange: (mode: ProcedureMode) => void;
  onStart: (code: string, entryPoint: string) => void;
  onResume: (runId: string) => void;
}>;

const modeChoices: readonly Readonly<{ id: ProcedureMode; label: string; hint: string }>[] = [
  { id: 'guide', label: 'Guide', hint: 'The customer does it in their own portal while you read the steps.' },
  { id: 'do-it-for-them', label: 'Do it for them', hint: 'With their consent, you make the change from the console.' },
];

/** The procedures of this customer's program: the ones that can start, and why the others cannot. */
export function ProcedureList({ procedures, resumable, mode, busy, error, onModeChange, onStart, onResume }: Props) {
  const modeName = useId();
  const available = procedures.filter((procedure) => !procedure.unavailable);
  const unavailable = procedures.filter((procedure) => procedure.unavailable);
  return (
    <section className="panel procedure-list" aria-labelledby="procedures-heading">
      <h2 id="procedures-heading">Procedures</h2>
      {resumable.length > 0 ? (
        <div className="notice notice-info" role="region" aria-label="Interrupted runs">
          <h3>Interrupted runs</h3>
          <ul className="plain-list">
            {resumable.map((run) => (
              <li key={run.runId}>
                <strong>{run.code}</strong> {run.title} · {run.done} of {run.total} steps · last step {formatInstant(run.updatedAt)}{' '}
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
          const offersMode = procedure.modes.includes(mode);
          return (
            <li key={procedure.code} className="card procedure">
              <h3>
                <span className="code">{procedure.code}</span> {procedure.title}
              </h3>
              <p className="hint">{procedure.summary}</p>
              {offersMode ? (
                <div className="button-row">
                  {procedure.entryPoints.map((entry) => (
                    <button
                      key={entry.id}
                      type="button"
                      className="small"
                      disabled={busy}
                      aria-label={procedure.entryPoints.length > 1 ? `Start ${procedure.code}: ${entry.label}` : `Start ${procedure.code} ${procedure.title}`}
                      onClick={() => onStart(procedure.code, entry.id)}
                    >
                      {procedure.entryPoints.length > 1 ? `Start: ${entry.label}` : 'Start'}
                    </button>
                  ))}
                </div>
              ) : (
                <p className="hint">Not offered in this mode.</p>
              )}
            </li>
          );
        })}
      </ul>
      {unavailable.length > 0 ? (
        <>
          <h3>Not available now</h3>
          <ul className="plain-list" aria-label="Unavailable procedures">
            {unavailable.map((procedure) => (
              <li key={procedure.code} className="unavailable-procedure">
                <strong>
                  {procedure.code} {procedure.title}
                </strong>
                : {procedure.unavailable}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
