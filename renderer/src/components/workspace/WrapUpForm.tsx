import { useState } from 'react';
import type { FormEvent } from 'react';
import { interactionNotesMaxLength } from '../../../../core/domain';
import { SelectField, TextAreaField } from '../common/Field';

type Props = Readonly<{
  /** `wrap-up`: the call in progress; `reopen`: a call wrapped up minutes ago. */
  mode: 'wrap-up' | 'reopen';
  dispositions: readonly string[];
  initial?: Readonly<{ disposition: string; notes: string }>;
  saving: boolean;
  error: string | null;
  onSave: (disposition: string, notes: string) => void;
  onCancel?: () => void;
}>;

/** Notes and disposition of a call: at wrap-up, or when reopening it within its window. */
export function WrapUpForm({ mode, dispositions, initial, saving, error, onSave, onCancel }: Props) {
  const [disposition, setDisposition] = useState(initial?.disposition ?? '');
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const [tried, setTried] = useState(false);
  const missing = disposition === '' ? 'Choose how the call ended.' : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (missing) return;
    onSave(disposition, notes);
  }

  return (
    <form className="wrap-up" aria-label={mode === 'wrap-up' ? 'Wrap-up' : 'Reopened wrap-up'} onSubmit={submit} noValidate>
      <SelectField
        id={`${mode}-disposition`}
        label="Disposition"
        required
        value={disposition}
        onChange={setDisposition}
        placeholder="Choose…"
        choices={dispositions.map((value) => ({ value, label: value }))}
        error={tried ? missing : undefined}
      />
      <TextAreaField
        id={`${mode}-notes`}
        label="Notes"
        rows={4}
        value={notes}
        onChange={setNotes}
        hint={`What was asked and agreed, for whoever takes the next call (at most ${interactionNotesMaxLength} characters; never a card number).`}
        error={error ?? undefined}
      />
      <div className="button-row">
        <button type="submit" disabled={saving}>
          {mode === 'wrap-up' ? 'Wrap up call' : 'Save wrap-up'}
        </button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
