export function OutboxScreen({ onBack }: Readonly<{ onBack: () => void }>) {
  return (
    <div className="screen">
      <div className="screen-title">
        <h1 tabIndex={-1} data-screen-heading>
          Outbox
        </h1>
        <button type="button" className="secondary" onClick={onBack}>
          Back
        </button>
      </div>
    </div>
  );
}
