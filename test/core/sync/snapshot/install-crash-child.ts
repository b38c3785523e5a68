// A console process installing a snapshot, for the crash test: killed (SIGKILL) after a given
// step of the install, or from outside at a random moment once it prints "ready".
import { parseArgs } from 'node:util';
import { openCache, swappableConnection } from '../../../../core/cache';
import type { SnapshotManifest } from '../../../../core/protocol';
import { installSnapshot } from '../../../../core/sync';
import type { InstallStep } from '../../../../core/sync';

const { values } = parseArgs({
  options: { cache: { type: 'string' }, snapshot: { type: 'string' }, manifest: { type: 'string' }, 'kill-after': { type: 'string' } },
});
const file = values.cache ?? '';
const open = () => openCache(file, { autoCheckpoint: false });
const connection = swappableConnection(open());
// Commits not yet checkpointed, as the writer thread leaves them: the old cache has a -wal to lose.
connection.db.exec('UPDATE records SET data = data WHERE rowid IN (SELECT rowid FROM records LIMIT 50)');
const killAfter = values['kill-after'] as InstallStep | undefined;
process.stdout.write('ready\n');
const started = performance.now();
installSnapshot(
  {
    connection,
    file,
    open,
    afterStep: (step) => {
      if (step === killAfter) process.kill(process.pid, 'SIGKILL');
    },
  },
  { manifest: JSON.parse(values.manifest ?? '{}') as SnapshotManifest, file: values.snapshot ?? '' },
);
const tookMs = performance.now() - started;
connection.db.close();
process.stdout.write(`installed in ${Math.ceil(tookMs)} ms\n`);
