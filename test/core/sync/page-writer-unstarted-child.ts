// A process whose cache writer thread cannot start (its folder is missing), and which never
// closes the page writer: it must still exit by itself, with the reason printed.
import { join } from 'node:path';
import { createWorkerPageWriter } from '../../../core/sync';

const writer = createWorkerPageWriter({ file: join(process.argv[2] ?? '.', 'missing-folder', 'cache.db') });
writer.start().catch((error: unknown) => process.stdout.write(`refused: ${error instanceof Error ? error.message : String(error)}\n`));
