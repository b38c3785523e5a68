import type { StepView } from '../../../../core/procedures/view';

/** The review the agent reads back: prices, dates, totals, and what to mention. */
export function StepReview({ step }: Readonly<{ step: StepView }>) {
  const review = step.review;
  if (!review) return null;
  if (review.error) {
    return (
      <p className="notice notice-error" role="alert">
        {review.error.message}
      </p>
    );
  }
  const summary = review.summary;
  if (!summary) return null;
  return (
    <div className="review">
      <dl className="facts">
        {summary.lines.map((line, index) => (
          <div key={`${line.label}-${index}`} className={line.emphasis ? 'emphasis' : undefined}>
            <dt>{line.label}</dt>
            <dd>{line.value}</dd>
          </div>
        ))}
        {summary.total ? (
          <div className="total">
            <dt>{summary.total.label}</dt>
            <dd>{summary.total.value}</dd>
          </div>
        ) : null}
      </dl>
      {summary.notes && summary.notes.length > 0 ? (
        <ul className="plain-list review-notes">
          {summary.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
