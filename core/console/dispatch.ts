import type { z } from 'zod';
import type { ApiError, ApiResult, CallName } from '../api';
import { ConsoleError, consoleCalls, consoleInputBounds, isCallName } from '../api';
import { describeIssuesWithoutInput } from '../domain';
import { jsonBoundsProblem } from '../protocol/bounded-json';
import type { CallContext, ConsoleHandlers } from './handlers';

const maxEchoedNameLength = 80;

/** Never the refused input: unknown key names and record keys in paths are input too (a card number, say). */
export function describeIssues(error: z.ZodError): NonNullable<ApiError['issues']> {
  return describeIssuesWithoutInput(error.issues);
}

function invalidInputMessage(call: string, issues: NonNullable<ApiError['issues']>): string {
  const first = issues[0];
  if (!first) return `The input for ${call} is not valid.`;
  const where = first.path === '' ? '' : ` (${first.path})`;
  const more = issues.length > 1 ? ` and ${issues.length - 1} more problem(s)` : '';
  return `The input for ${call} is not valid: ${first.message}${where}${more}.`;
}

export type UnexpectedErrorReporter = (call: string, error: unknown) => void;

/**
 * The single path every console call takes, from IPC and from HTTP alike: the name is
 * checked against the contract, the input against its bounds and then its schema, and only
 * then does the handler run. A rejected input never reaches a handler, so it can change nothing.
 *
 * Never rejects: every bridge awaits it in a request handler, where a rejection would go
 * unhandled and end the process (issue 18: one deeply nested body stopped browser mode).
 */
export async function dispatchCall(
  handlers: ConsoleHandlers,
  name: string,
  rawInput: unknown,
  context: CallContext,
  reportUnexpected: UnexpectedErrorReporter,
): Promise<ApiResult<unknown>> {
  if (!isCallName(name)) {
    const shown = name.length > maxEchoedNameLength ? `${name.slice(0, maxEchoedNameLength)}…` : name;
    return failure('unknown_call', `There is no console call named "${shown}".`);
  }
  const input = rawInput === undefined ? {} : rawInput;
  let parsed: ReturnType<z.ZodType['safeParse']>;
  try {
    // Bounds first: a schema parses recursively, and too deep an input would overflow the stack.
    const tooLarge = jsonBoundsProblem(input, consoleInputBounds);
    if (tooLarge !== undefined) {
      const issues = [{ path: '', message: `The input ${tooLarge}` }];
      return { ok: false, error: { code: 'invalid_input', message: `The input for ${name} is not valid: it ${tooLarge}.`, issues } };
    }
    parsed = consoleCalls[name].input.safeParse(input);
  } catch (error) {
    report(reportUnexpected, name, error);
    return failure('invalid_input', `The input for ${name} could not be checked, so it was refused; nothing was changed.`);
  }
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    return { ok: false, error: { code: 'invalid_input', message: invalidInputMessage(name, issues), issues } };
  }
  try {
    const handler = handlers[name] as (input: unknown, context: CallContext) => unknown;
    return { ok: true, value: await handler(parsed.data, context) };
  } catch (error) {
    if (error instanceof ConsoleError) {
      return { ok: false, error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } };
    }
    report(reportUnexpected, name, error);
    return failure('internal', `${name} failed unexpectedly; nothing was changed by this call. The details are in the console's log.`);
  }
}

/** A reporter that throws (a log that cannot be written) must not turn an answer into a rejection. */
function report(reportUnexpected: UnexpectedErrorReporter, call: string, error: unknown): void {
  try {
    reportUnexpected(call, error);
  } catch {
    // Nothing left to tell: the answer still goes out.
  }
}

function failure(code: string, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

export type { CallName };
