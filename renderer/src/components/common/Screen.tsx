import type { ReactNode } from 'react';

type Props = Readonly<{
  title: string;
  onBack: () => void;
  /** Buttons beside Back (before it), e.g. the outbox's Sync now. */
  actions?: ReactNode;
  children: ReactNode;
}>;

/**
 * A narrow screen reached from the header (settings, outbox, approvals): its heading, which
 * takes the focus on arrival (`data-screen-heading`), and a Back button to where the agent was.
 */
export function NarrowScreen({ title, onBack, actions, children }: Props) {
  const back = (
    <button type="button" className="secondary" onClick={onBack}>
      Back
    </button>
  );
  return (
    <div className="screen screen-narrow">
      <div className="screen-title">
        <h1 tabIndex={-1} data-screen-heading>
          {title}
        </h1>
        {actions ? (
          <div className="button-row">
            {actions}
            {back}
          </div>
        ) : (
          back
        )}
      </div>
      {children}
    </div>
  );
}
