// A console process doing a first sync, for the crash test: killed at random points and
// started again on the same cache file. Prints "done" when the cache is complete.
import { parseArgs } from 'node:util';
import { openCache } from '../../../core/cache';
import { createHttpTransport, createSyncEngine, createWorkerPageWriter } from '../../../core/sync';

const { values } = parseArgs({ options: { url: { type: 'string' }, cache: { type: 'string' }, page: { type: 'string' } } });
const file = values.cache ?? '';
const db = openCache(file, { autoCheckpoint: false });
const transport = createHttpTransport(values.url ?? '');
const engine = createSyncEngine({
  db,
  transport,
  pageSize: Number(values.page ?? 25),
  pollIntervalMs: 3_600_000,
  pageWriter: createWorkerPageWriter({ file }),
});
const login = await transport.login('agent@demo.test', 'demo');
engine.setCredentials({ agentId: login.agent.id, token: login.token });
await engine.whenIdle();
const status = engine.status();
await engine.stop();
db.close();
process.stdout.write(status.state === 'online' ? 'done\n' : `failed: ${status.message}\n`);
process.exit(status.state === 'online' ? 0 : 1);
