import { useEffect, useRef, useState } from 'react';
import type { JsonValue } from '../../../../core/procedures/run';
import type { FieldView, StepView } from '../../../../core/procedures/view';
import { setPendingInput } from '../../lib/pending-input';
import { SelectField, TextAreaField, TextField } from '../common/Field';

type Values = Record<string, JsonValue>;

type Props = Readonly<{
  step: StepView;
  /** Sends what was typed; the console answers with each field's error in the view. */
  onInputs: (values: Readonly<Values>) => void;
}>;

const typingPauseMs = 120;

function initialValues(fields: readonly FieldView[]): Values {
  const values: Values = {};
  for (const field of fields) {
    if (field.widget === 'quantities') {
      const current =
        field.value && typeof field.value === 'object' && !Array.isArray(field.value) ? (field.value as Record<string, JsonValue>) : {};
      values[field.name] = Object.fromEntries((field.lines ?? []).map((line) => [line.id, String(current[line.id] ?? line.initial)]));
    } else if (!field.secret) {
      values[field.name] = field.value === undefined || field.value === null ? '' : String(field.value);
    } else values[field.name] = '';
  }
  return values;
}

const inputTypes = {
  text: 'text',
  email: 'email',
  tel: 'tel',
  number: 'text',
  date: 'date',
  'datetime-local': 'datetime-local',
  secret: 'password',
} as const;

/**
 * An input step's form, drawn from the view's field list. Values go to the console as the
 * agent types (after a short pause); the errors shown are the console's, from the same rules
 * the backend applies. Secret fields (card number, CVC) are never echoed back by the view.
 */
export function StepInput({ step, onInputs }: Props) {
  const fields = step.input?.fields ?? [];
  const [values, setValues] = useState<Values>(() => initialValues(fields));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<Values | null>(null);

  const flush = () => {
    clearTimeout(timer.current);
    if (pending.current) onInputs(pending.current);
    pending.current = null;
  };
  // Whatever is still waiting goes out before Next, or when the form goes away.
  useEffect(() => {
    setPendingInput(flush);
    return () => {
      flush();
      setPendingInput(null);
    };
  }, []);

  function change(name: string, value: JsonValue) {
    setValues((current) => {
      const next = { ...current, [name]: value };
      pending.current = { ...(pending.current ?? {}), [name]: value };
      return next;
    });
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, typingPauseMs);
  }

  const id = (field: FieldView) => `field-${step.id}-${field.name.replaceAll('.', '-')}`;
  return (
    <div className="step-form">
      {fields.map((field) => {
        const error = field.error?.message;
        const hint =
          field.secret && field.display ? `${field.help ? `${field.help} ` : ''}On file for this run: ${field.display}` : field.help;
        const common = { id: id(field), label: field.label, required: field.required, error, hint };
        if (field.widget === 'select') {
          return (
            <SelectField
              key={field.name}
              {...common}
              value={String(values[field.name] ?? '')}
              placeholder="Choose…"
              choices={(field.options ?? []).map((option) => ({
                value: option.value,
                label: option.disabled ? `${option.label} (${option.disabled.message})` : option.label,
                disabled: option.disabled !== undefined,
              }))}
              onChange={(value) => change(field.name, value)}
            />
          );
        }
        if (field.widget === 'textarea') {
          return (
            <TextAreaField
              key={field.name}
              {...common}
              value={String(values[field.name] ?? '')}
              onChange={(value) => change(field.name, value)}
            />
          );
        }
        if (field.widget === 'quantities') {
          const current = (values[field.name] ?? {}) as Record<string, JsonValue>;
          return (
            <fieldset key={field.name} className="quantities" aria-describedby={error ? `${id(field)}-error` : undefined}>
              <legend>{field.label}</legend>
              {(field.lines ?? []).map((line) => (
                <TextField
                  key={line.id}
                  id={`${id(field)}-${line.id}`}
                  label={line.label}
                  hint={line.detail}
                  inputMode="numeric"
                  value={String(current[line.id] ?? '')}
                  onChange={(value) => change(field.name, { ...current, [line.id]: value })}
                />
              ))}
              <p id={`${id(field)}-error`} className="field-error" aria-live="polite">
                {error ?? ''}
              </p>
            </fieldset>
          );
        }
        return (
          <TextField
            key={field.name}
            {...common}
            type={inputTypes[field.widget]}
            autoComplete={field.secret ? 'off' : undefined}
            inputMode={field.widget === 'number' ? 'numeric' : undefined}
            value={String(values[field.name] ?? '')}
            onChange={(value) => change(field.name, value)}
          />
        );
      })}
      {step.input?.error ? (
        <p className="notice notice-error" role="alert">
          {step.input.error.message}
        </p>
      ) : null}
    </div>
  );
}
