import type { CustomerWorkspace } from '../../../../core/api';
import { formatInstant } from '../../lib/format';

type Props = Readonly<{
  workspace: CustomerWorkspace;
  revealed: Readonly<Record<string, string>>;
  message: string | null;
  /** The backend could not show a key now (offline): offer the customer a callback instead. */
  offline: boolean;
  onOfferCallback: () => void;
  onReveal: (licenseKeyId: string) => void;
  onHide: (licenseKeyId: string) => void;
  onCopy: (licenseKeyId: string) => void;
}>;

/** Keys come masked; revealing or copying one asks the backend, which audits it. Offline, a callback is offered instead. */
export function KeysTab({ workspace, revealed, message, offline, onOfferCallback, onReveal, onHide, onCopy }: Props) {
  return (
    <div className="tab-body">
      {workspace.licenseKeys.length === 0 ? <p>No software keys yet. SUPERAntiSpyware keys are generated with procedure T3.</p> : null}
      <ul className="card-list" aria-label="Software keys">
        {workspace.licenseKeys.map((key) => {
          const shown = revealed[key.id];
          return (
            <li key={key.id} className="card">
              <h3>
                {key.product}
                {key.pending ? <span className="pending-tag">pending</span> : null}
              </h3>
              <p>
                <span className="mono" data-testid="license-key" aria-label={shown ? `${key.product} key` : `${key.product} key, masked`}>
                  {shown ?? key.maskedKey}
                </span>
              </p>
              <p className="hint">Generated {formatInstant(key.generatedAt)}</p>
              <div className="button-row">
                {shown ? (
                  <button type="button" className="secondary" onClick={() => onHide(key.id)}>
                    Hide key
                  </button>
                ) : (
                  <button type="button" className="secondary" onClick={() => onReveal(key.id)}>
                    Reveal key
                  </button>
                )}
                <button type="button" className="secondary" onClick={() => onCopy(key.id)}>
                  Copy key
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <p role="status" className={offline ? 'notice notice-warn' : 'hint'}>
        {message ?? ''}
      </p>
      {offline ? (
        <button type="button" className="secondary" onClick={onOfferCallback}>
          T5 Schedule a callback instead
        </button>
      ) : null}
    </div>
  );
}
