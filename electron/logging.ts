import { inspect } from 'node:util';
import type { LogMessage, NodeLogger, TransformFn } from 'electron-log';
import type { ConsoleLogger } from '../core/console/runtime';
import { privateFileMode } from '../core/security/private-files';
import { redact, redactValue } from '../core/security/redact';

/**
 * The main process logs with electron-log's Node logger, to a file, and every line goes
 * through `redact` first. (Not `electron-log/main`: it registers IPC channels at import that
 * would take messages from any frame without our sender check.)
 */

export const logFileMaxBytes = 5 * 1024 * 1024;

/** Every value of a message as redacted text, before any transport sees it. */
function redactMessage(message: LogMessage): LogMessage {
  return {
    ...message,
    data: message.data.map((item: unknown) =>
      typeof item === 'string' ? redact(item) : redact(inspect(redactValue(item), { depth: 6, breakLength: Infinity })),
    ),
  };
}

/** The last transform of the file and console transports: the finished line, redacted again (values joined into a line can form a card number). */
const redactLine: TransformFn = ({ data }) => (typeof data === 'string' ? redact(data) : data);

export type LoggingOptions = Readonly<{
  /** The log file (in Electron's logs folder). */
  file: string;
  appName: string;
  consoleLevel?: 'info' | 'warn' | false;
}>;

export function configureLogging(logger: NodeLogger, options: LoggingOptions): ConsoleLogger {
  logger.hooks.push(redactMessage);

  const { file, console: toConsole } = logger.transports;
  file.setAppName(options.appName);
  file.resolvePathFn = () => options.file;
  file.level = 'info';
  file.maxSize = logFileMaxBytes;
  // Owner-only, whatever the umask (electron-log's default is 0666 less the umask).
  file.writeOptions = { flag: 'a', mode: privateFileMode, encoding: 'utf8' };
  file.transforms.push(redactLine);
  toConsole.level = options.consoleLevel ?? 'warn';
  toConsole.transforms.push(redactLine);
  // Only the file and the terminal: nothing is sent to a renderer or over the network.
  for (const name of ['ipc', 'remote'] as const) {
    const transport = logger.transports[name];
    if (transport) transport.level = false;
  }

  return {
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message, error) => (error === undefined ? logger.error(message) : logger.error(message, error)),
  };
}
