import type { ReactNode } from 'react';

type Described = Readonly<{
  id: string;
  label: string;
  /** Shown beside the field in words, announced politely while the agent types. */
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
}>;

function describedBy(id: string, error: string | undefined, hint: ReactNode): string | undefined {
  const ids = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Frame({ id, label, error, hint, required, children }: Described & Readonly<{ children: ReactNode }>) {
  return (
    <div className="field">
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {/* Outside the label so the field's name stays its words; the input itself says required. */}
        {required ? (
          <span className="required" aria-hidden="true">
            *
          </span>
        ) : null}
      </div>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {/* Always present so screen readers announce the message when it appears. */}
      <p id={`${id}-error`} className="field-error" aria-live="polite">
        {error ?? ''}
      </p>
    </div>
  );
}

type TextFieldProps = Described &
  Readonly<{
    value: string;
    onChange: (value: string) => void;
    type?: 'text' | 'email' | 'tel' | 'url' | 'password' | 'number' | 'date' | 'datetime-local' | 'search';
    autoComplete?: string;
    placeholder?: string;
    inputMode?: 'numeric' | 'text' | 'tel' | 'email' | 'decimal';
    autoFocus?: boolean;
    min?: number | string;
    max?: number | string;
    disabled?: boolean;
  }>;

export function TextField({ id, label, error, hint, required, value, onChange, type = 'text', ...rest }: TextFieldProps) {
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={required ?? false}>
      <input
        id={id}
        type={type}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(event) => onChange(event.target.value)}
        {...rest}
      />
    </Frame>
  );
}

type TextAreaProps = Described & Readonly<{ value: string; onChange: (value: string) => void; rows?: number }>;

export function TextAreaField({ id, label, error, hint, required, value, onChange, rows = 3 }: TextAreaProps) {
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={required ?? false}>
      <textarea
        id={id}
        rows={rows}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(event) => onChange(event.target.value)}
      />
    </Frame>
  );
}

export type Choice = Readonly<{ value: string; label: string; disabled?: boolean }>;

type SelectProps = Described &
  Readonly<{ value: string; onChange: (value: string) => void; choices: readonly Choice[]; placeholder?: string; disabled?: boolean }>;

export function SelectField({ id, label, error, hint, required, value, onChange, choices, placeholder, disabled }: SelectProps) {
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={required ?? false}>
      <select
        id={id}
        value={value}
        required={required}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(event) => onChange(event.target.value)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value} disabled={choice.disabled}>
            {choice.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** Beside a disabled submit button: what still stops the form, in words. */
export function PendingFields({ labels }: Readonly<{ labels: readonly string[] }>) {
  if (labels.length === 0) return null;
  return <p className="hint">Still to complete: {labels.join(', ')}.</p>;
}
