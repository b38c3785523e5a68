import type { z } from 'zod';

/**
 * One call of the console API: the schema its input must pass at every boundary,
 * and (as a phantom type only) what it returns. Results are not validated at run
 * time: they come from our own main process, inputs come from anywhere.
 */
export type CallDefinition<Input extends z.ZodType = z.ZodType, Output = unknown> = Readonly<{
  input: Input;
  /** Never read at run time; carries the result type. */
  output?: Output;
  /** What the call does, for the API reference and error messages. */
  summary: string;
}>;

export function defineCall<Output>() {
  return <Input extends z.ZodType>(input: Input, summary: string): CallDefinition<Input, Output> => ({
    input,
    summary,
  });
}

export type ApiError = Readonly<{
  /** Stable, machine-readable: `invalid_input`, `unknown_call`, `internal`, or a domain rule code. */
  code: string;
  /** A sentence a person can read. */
  message: string;
  /** For `invalid_input`: which field failed and why. */
  issues?: ReadonlyArray<Readonly<{ path: string; message: string }>>;
}>;

export type ApiResult<T> = Readonly<{ ok: true; value: T }> | Readonly<{ ok: false; error: ApiError }>;

/** A failure a handler raises on purpose: its code and message reach the agent as they are. */
export class ConsoleError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues?: ApiError['issues'],
  ) {
    super(message);
    this.name = 'ConsoleError';
  }
}
