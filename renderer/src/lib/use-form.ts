import { useMemo, useState } from 'react';
import type { z } from 'zod';
import { fieldErrorsOf } from './validation';
import type { FieldErrors } from './validation';

export type FormState<V extends Record<string, unknown>> = Readonly<{
  values: V;
  set: <K extends keyof V>(name: K, value: V[K]) => void;
  /** Every current error, shown or not. */
  errors: FieldErrors;
  /** The error to show beside a field: only once the agent has typed in it or tried to submit. */
  errorFor: (name: keyof V & string) => string | undefined;
  valid: boolean;
  /** Marks every field as touched so all errors show; true when the form may be submitted. */
  attempt: () => boolean;
  reset: (values: V) => void;
}>;

/**
 * Form values checked against a schema on every change. `toInput` maps what the agent
 * typed (strings) to what the schema checks (numbers, nulls for empty optionals, ...).
 */
export function useForm<V extends Record<string, unknown>>(
  schema: z.ZodType,
  initial: V,
  toInput: (values: V) => unknown = (values) => values,
): FormState<V> {
  const [values, setValues] = useState<V>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const errors = useMemo(() => fieldErrorsOf(schema, toInput(values)), [schema, values, toInput]);
  const valid = Object.keys(errors).length === 0;
  return {
    values,
    errors,
    valid,
    set(name, value) {
      setValues((current) => ({ ...current, [name]: value }));
      setTouched((current) => (current.has(name as string) ? current : new Set([...current, name as string])));
    },
    errorFor: (name) => (attempted || touched.has(name) ? errors[name] : undefined),
    attempt() {
      setAttempted(true);
      return valid;
    },
    reset(next) {
      setValues(next);
      setTouched(new Set());
      setAttempted(false);
    },
  };
}
