import type { CustomerWorkspace } from '../../../../core/api';
import { capabilities, permissionLevelLabels, permissionLevels } from '../../../../core/domain';
import type { CapabilityAnswer } from '../../../../core/domain';
import { formatInstant } from '../../lib/format';

const answerText: Readonly<Record<CapabilityAnswer, string>> = {
  yes: 'Yes',
  no: 'No',
  limited: 'Limited',
  'upon-request': 'Upon request',
};

const statusLabels = { invited: 'Invited (not activated)', active: 'Active', deactivated: 'Deactivated' } as const;

/** Member companies: staff portal accounts, the standing warnings, and what each level may do. */
export function StaffTab({ workspace }: Readonly<{ workspace: CustomerWorkspace }>) {
  return (
    <div className="tab-body">
      {workspace.warnings.map((warning) => (
        <p key={warning.code} className="notice notice-warn">
          {warning.message}
        </p>
      ))}
      <h2>Staff portal accounts</h2>
      <table>
        <caption className="visually-hidden">Staff portal accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Level</th>
            <th scope="col">Status</th>
            <th scope="col">Update notices</th>
          </tr>
        </thead>
        <tbody>
          {workspace.portalUsers.map((user) => (
            <tr key={user.id}>
              <th scope="row">
                {user.fullName}
                {user.pending ? <span className="pending-tag">pending</span> : null}
              </th>
              <td>{user.email}</td>
              <td>{permissionLevelLabels[user.level]}</td>
              <td>
                {statusLabels[user.status]}
                {user.activatedAt ? <span className="hint"> since {formatInstant(user.activatedAt)}</span> : null}
              </td>
              <td>{user.notificationsOptOut ? 'Opted out' : 'Receives them'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>What each level may do</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Capability matrix">
        <table className="matrix">
          <caption className="visually-hidden">Capability matrix by permission level</caption>
          <thead>
            <tr>
              <th scope="col">Capability</th>
              {permissionLevels.map((level) => (
                <th key={level} scope="col">
                  {permissionLevelLabels[level]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {capabilities.map((capability) => (
              <tr key={capability.id}>
                <th scope="row">
                  {capability.label}
                  {'notes' in capability && capability.notes ? <p className="hint">{capability.notes}</p> : null}
                  {'ambiguity' in capability ? <p className="hint">{capability.ambiguity.note}</p> : null}
                </th>
                {permissionLevels.map((level) => {
                  const answer = capability.answers[level];
                  const levelNote =
                    'levelNotes' in capability ? (capability.levelNotes as Partial<Record<string, string>>)[level] : undefined;
                  // A cell the article leaves ambiguous is shown as our reading, never as certain.
                  const ambiguous = 'ambiguity' in capability && (capability.ambiguity.levels as readonly string[]).includes(level);
                  const note = [levelNote, ambiguous ? 'our reading' : undefined].filter(Boolean).join('; ') || undefined;
                  return (
                    <td key={level} className={`answer answer-${answer}`} title={note}>
                      {answerText[answer]}
                      {note ? <span className="hint"> ({note})</span> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
