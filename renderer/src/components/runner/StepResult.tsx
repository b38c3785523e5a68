import type { StepView } from '../../../../core/procedures/view';
import { TalkTrack } from './TalkTrack';

type Props = Readonly<{
  step: StepView;
  revealed: Readonly<Record<string, string>>;
  onReveal: (licenseKeyId: string) => void;
  onCopy: (licenseKeyId: string) => void;
}>;

/** The result to read out; a key it refers to can be revealed or copied (both audited). */
export function StepResult({ step, revealed, onReveal, onCopy }: Props) {
  const result = step.result;
  if (!result) return null;
  const keyId = result.refs?.['licenseKeyId'];
  return (
    <div className={`result${result.queued ? ' queued' : ''}`} data-testid="run-result">
      {result.queued ? <p className="pending-tag">pending: queued until the backend is back</p> : null}
      <TalkTrack lines={result.lines} label="Read out" />
      {keyId ? (
        <div className="button-row">
          {revealed[keyId] ? (
            <span className="mono" data-testid="revealed-key">
              {revealed[keyId]}
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
      ) : null}
    </div>
  );
}
