import type { ConsoleLogger } from '../../core/console';

export const silentLogger: ConsoleLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
