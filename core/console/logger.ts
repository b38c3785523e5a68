import { redact } from '../security/redact';
import type { ConsoleLogger } from './runtime';

/**
 * A logger for browser mode and the CLIs: one line per message, every line passed through
 * `redact`, so a card number, CVC, password, token or license key that reaches a message
 * (an error echoing a request, say) never reaches the terminal or a log file.
 */
export function createRedactingLogger(writeLine: (line: string) => void): ConsoleLogger {
  const write = (level: string, message: string, error?: unknown) => {
    const detail = error instanceof Error ? `: ${error.stack ?? error.message}` : error === undefined ? '' : `: ${String(error)}`;
    writeLine(redact(`${new Date().toISOString()} ${level} ${message}${detail}`));
  };
  return {
    info: (message) => write('info', message),
    warn: (message) => write('warn', message),
    error: (message, error) => write('error', message, error),
  };
}
