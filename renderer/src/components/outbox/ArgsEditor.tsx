import { useState } from 'react';
import type { FormEvent } from 'react';
import { flatten, humanizePath, setPath } from '../../lib/flatten';
import type { Scalar } from '../../lib/flatten';
import { TextField } from '../common/Field';

type Props = Readonly<{
  entryId: number;
  args: Readonly<Record<string, unknown>>;
  busy: boolean;
  onSubmit: (args: Readonly<Record<string, unknown>>) => void;
  onCancel: () => void;
}>;

/** Ids and versions say which record a change is about: editing them would make it another change. */
function editable(path: string): boolean {
  const last = path.split('.').at(-1) ?? path;
  return !/Id$|^id$|^baseVersion$|^requesterId$|^number$|^cvc$/.test(last);
}

function parseLike(original: Scalar, typed: string): unknown {
  if (typeof original === 'number') {
    const n = Number(typed);
    return typed.trim() === '' || Number.isNaN(n) ? typed : n;
  }
  if (typeof original === 'boolean') return typed === 'true';
  return typed;
}

/**
 * Edit a rejected change before retrying it: every value the agent typed, as a field. The
 * backend checks the edited change with the same rules; a new refusal shows here again.
 */
export function ArgsEditor({ entryId, args, busy, onSubmit, onCancel }: Props) {
  const original = flatten(args);
  const paths = Object.keys(original).filter(editable);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(paths.map((path) => [path, original[path] === null ? '' : String(original[path])])),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    let next: Record<string, unknown> = { ...args };
    for (const path of paths) {
      const typed = values[path] ?? '';
      const before = original[path] ?? null;
      if (typed !== (before === null ? '' : String(before))) next = setPath(next, path, parseLike(before, typed));
    }
    onSubmit(next);
  }

  return (
    <form onSubmit={submit} noValidate className="args-editor" aria-label="Edit the change">
      {paths.length === 0 ? <p>This change has nothing to edit; retry it as it is or discard it.</p> : null}
      {paths.map((path) => (
        <TextField
          key={path}
          id={`outbox-${entryId}-${path.replaceAll('.', '-')}`}
          label={humanizePath(path)}
          value={values[path] ?? ''}
          onChange={(value) => setValues((current) => ({ ...current, [path]: value }))}
        />
      ))}
      <div className="button-row">
        <button type="submit" disabled={busy}>
          Retry with these values
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel edit
        </button>
      </div>
    </form>
  );
}
