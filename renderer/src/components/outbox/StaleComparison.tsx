import type { RecordVersion } from '../../../../core/api';
import { display, flatten, humanizePath } from '../../lib/flatten';

/** Fields that never help the agent decide. */
const bookkeeping = new Set(['updatedAt', 'id', 'version']);

/**
 * A `stale` rejection: the record the change was based on beside the record as it is now. When
 * this machine no longer holds the version the change was based on (`basedOn`: a newer one was
 * pulled before the change was sent), it says so and shows the current version's fields.
 */
export function StaleComparison({
  yours,
  theirs,
  basedOn,
}: Readonly<{ yours: RecordVersion | null; theirs: RecordVersion | null; basedOn: unknown }>) {
  const mine = flatten(yours?.data ?? {});
  const now = flatten(theirs?.data ?? {});
  const fields = [...new Set([...Object.keys(mine), ...Object.keys(now)])].filter((field) => !bookkeeping.has(field));
  const changed = fields.filter((field) => mine[field] !== now[field]);
  const baseVersion = yours ? ` (v${yours.version})` : typeof basedOn === 'number' ? ` (v${basedOn})` : '';
  return (
    <table className="compare">
      <caption>Both versions: what changed on the record since your change was made</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Your change was based on{baseVersion}</th>
          <th scope="col">Current version{theirs ? ` (v${theirs.version})` : ''}</th>
        </tr>
      </thead>
      <tbody>
        {yours === null && theirs !== null ? (
          <tr>
            <td colSpan={3}>
              That version is no longer on this machine: a newer one came in before the change was sent. The current version is shown.
            </td>
          </tr>
        ) : null}
        {changed.length === 0 ? (
          <tr>
            <td colSpan={3}>Only bookkeeping fields differ.</td>
          </tr>
        ) : (
          changed.map((field) => (
            <tr key={field}>
              <th scope="row">{humanizePath(field)}</th>
              <td>{display(mine[field])}</td>
              <td>
                <strong>{display(now[field])}</strong>
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
