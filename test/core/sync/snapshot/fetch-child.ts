// A console process fetching a snapshot, for the kill test: SIGKILLed at random points of the
// download and the verification, and started again on the same staging folder. Prints each
// progress step and the outcome on stdout, one line each.
import { parseArgs } from 'node:util';
import { fetchSnapshot } from '../../../../core/sync/snapshot/fetch';

const { values } = parseArgs({ options: { url: { type: 'string' }, staging: { type: 'string' }, token: { type: 'string' } } });
const say = (line: string) => process.stdout.write(`${line}\n`);
let verifyStarted = 0;
try {
  const outcome = await fetchSnapshot({
    root: values.url ?? '',
    timeoutMs: 10_000,
    token: values.token ?? '',
    clientId: 'client-1',
    stagingDir: values.staging ?? '',
    onProgress: (step) => {
      if (step.phase === 'verify' && verifyStarted === 0) verifyStarted = Date.now();
      say(`progress ${step.phase} ${step.bytes}`);
    },
    logger: { info: (line) => say(`log ${line}`), warn: (line) => say(`log ${line}`) },
  });
  if (verifyStarted > 0) say(`verify-ms ${Date.now() - verifyStarted}`);
  say(outcome.kind === 'ready' ? `ready ${outcome.snapshot.file}` : `unavailable ${outcome.reason}`);
  process.exit(0);
} catch (error) {
  say(`failed ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
