import type { RecordVersion } from '../../../../core/api';
import { display, flatten, humanizePath } from '../../lib/flatten';

/** Fields that never help the agent decide. */
const bookkeeping = new Set(['updatedAt', 'id', 'version']);

/** A `stale` rejection: the record the change was based on beside the record as it is now. */
export function StaleComparison({ yours, theirs }: Readonly<{ yours: RecordVersion | null; theirs: RecordVersion | null }>) {
  const mine = flatten(yours?.data ?? {});
  const now = flatten(theirs?.data ?? {});
  const fields = [...new Set([...Object.keys(mine), ...Object.keys(now)])].filter((field) => !bookkeeping.has(field));
  const changed = fields.filter((field) => mine[field] !== now[field]);
  return (
    <table className="compare">
      <caption>Both versions: what changed on the record since your change was made</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Your change was based on{yours ? ` (v${yours.version})` : ''}</th>
          <th scope="col">Current version{theirs ? ` (v${theirs.version})` : ''}</th>
        </tr>
      </thead>
      <tbody>
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
