import type { z } from 'zod';
import type { JsonBounds } from '../protocol/bounded-json';

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

/**
 * What every call's input must stay within before its schema reads it, whatever bridge it
 * came over: the largest real input (a choice of 500 ids, a form of inputs) is a few levels
 * deep and a few thousand values. The text bound is browser mode's body limit, so input over
 * IPC, which has none, is held to the same size.
 */
export const consoleInputBounds: JsonBounds = { maxDepth: 32, maxNodes: 50_000, maxStringChars: 1024 * 1024 };

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
