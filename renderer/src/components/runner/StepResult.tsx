import type { StepView } from '../../../../core/procedures/view';
import { AgentNotes, TalkTrack } from './TalkTrack';

/** What the agent did with keys on this screen: those revealed, and what the last reveal or copy said. */
export type KeyState = Readonly<{
  revealed: Readonly<Record<string, string>>;
  message: string | null;
  /** The backend could not show the key (offline): a callback is offered instead. */
  offline: boolean;
}>;

type Props = Readonly<{
  step: StepView;
  keys: KeyState;
  onReveal: (licenseKeyId: string) => void;
  onCopy: (licenseKeyId: string) => void;
  onOffer: (code: string) => void;
}>;

/** The result to read out; a key it refers to can be revealed or copied, which asks the backend (both audited). */
export function StepResult({ step, keys, onReveal, onCopy, onOffer }: Props) {
  const result = step.result;
  if (!result) return null;
  const keyId = result.refs?.['licenseKeyId'];
  const revealed = keyId ? keys.revealed[keyId] : undefined;
  return (
    <div className={`result${result.queued ? ' queued' : ''}`} data-testid="run-result">
      {result.queued ? <p className="pending-tag">pending: queued until the backend is back</p> : null}
      <TalkTrack lines={result.lines} label="Read out" />
      <AgentNotes notes={result.notes} />
      {keyId ? (
        <>
          <div className="button-row">
            {revealed ? (
              <span className="mono" data-testid="revealed-key">
                {revealed}
              </span>
            ) : (
              <button type="button" className="secondary" onClick={() => onReveal(keyId)}>
                Reveal key
              </button>
            )}
            <button type="button" className="secondary" onClick={() => onCopy(keyId)}>
              Copy key
            </button>
          </div>
          <p role="status" className={keys.offline ? 'notice notice-warn' : 'hint'} data-testid="key-message">
            {keys.message ?? ''}
          </p>
          {keys.offline ? (
            // License keys are TechSolutions' (T3); its way back to the customer is T5.
            <button type="button" className="secondary" onClick={() => onOffer('T5')}>
              T5 Schedule a callback instead
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
