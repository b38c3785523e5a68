// Finding 6 on the console's side: a card number typed into a free-text field is refused
// where it is typed, nothing is queued, and the cache file never holds it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoFixtures } from '../../../core/backend';
import { cardNumberInTextMessage } from '../../../core/domain';
import type { RunView } from '../../../core/procedures';
import { testCardNumbers } from '../domain/rules/fields/card-forms';
import { consolePerTest, type TestConsole } from './runtime-harness';

/** Test numbers absent from the demo data, typed as an agent might: full-width, with dots. */
const typed = [
  { written: '６０１１ ０００９ ９０１３ ９４２４', digits: testCardNumbers.discover },
  { written: '3782.822463.10005', digits: testCardNumbers.amex },
];

function cacheFiles(dataDir: string): string[] {
  return ['cache.db', 'cache.db-wal', 'cache.db-journal'].map((file) => join(dataDir, file)).filter((file) => existsSync(file));
}

function filesHolding(files: readonly string[], needles: readonly string[]): string[] {
  return files.flatMap((file) =>
    needles.filter((needle) => readFileSync(file).includes(Buffer.from(needle, 'utf8'))).map((needle) => `${file}: ${needle}`),
  );
}

const needles = typed.flatMap(({ written, digits }) => [written, digits]);

/** Starts T5 (do it for them) and ticks the checks before the callback details. */
async function callbackStep(console_: TestConsole): Promise<RunView> {
  let view = await console_.call('procedures.start', {
    customerId: demoFixtures.techSolutions.withSasKey.customerId,
    code: 'T5',
    mode: 'do-it-for-them',
  });
  while (view.currentStepId !== 'callback') {
    const step = view.steps.find((s) => s.id === view.currentStepId)!;
    expect(step.kind, `reached ${step.id}`).toBe('check');
    view = await console_.call('procedures.apply', { runId: view.runId, event: { type: 'tick', stepId: step.id } });
  }
  return view;
}

describe('console: a card number in free text', () => {
  const per = consolePerTest();

  it('is refused at the callback reason, queues nothing, and never reaches the cache file (offline, where a callback would queue)', async () => {
    const console_ = await per.signedIn();
    expect(filesHolding(cacheFiles(console_.dataDir), needles)).toEqual([]);
    await per.stopBackend();
    await console_.call('sync.now');
    const start = await callbackStep(console_);
    expect(start.online).toBe(false);

    for (const { written, digits } of typed) {
      const inputs = {
        name: 'Olivia Bennett',
        phone: '(415) 555-0134',
        scheduledFor: '2031-03-11T10:00',
        timeZone: 'America/Los_Angeles',
        reason: `Refund to ${written} please`,
      };
      const filled = await console_.call('procedures.apply', {
        runId: start.runId,
        event: { type: 'setInputs', stepId: 'callback', values: inputs },
      });
      const reason = filled.steps.find((s) => s.id === 'callback')?.input?.fields.find((f) => f.name === 'reason');
      expect(reason?.error).toEqual({ code: 'card_number_in_text', message: cardNumberInTextMessage });
      const next = await console_.call('procedures.apply', { runId: start.runId, event: { type: 'next', stepId: 'callback' } });
      expect(next.notice).toMatchObject({ code: 'card_number_in_text' });
      expect(next.currentStepId).toBe('callback');
      expect(JSON.stringify([filled, next])).not.toContain(digits);
    }

    expect((await console_.call('outbox.list')).entries).toEqual([]);
    const abandon = await console_.fail('procedures.apply', {
      runId: start.runId,
      event: { type: 'abandon', reason: `gave ${typed[0]!.written}` },
    });
    expect(abandon).toMatchObject({ code: 'invalid_input', issues: [{ path: 'event.reason', message: cardNumberInTextMessage }] });
    expect(JSON.stringify(abandon)).not.toContain(typed[0]!.written);
    const ended = await console_.call('procedures.apply', { runId: start.runId, event: { type: 'abandon', reason: 'customer hung up' } });
    expect(ended.status).toBe('abandoned');

    const direct = await console_.runtime.sync.submitMutation('callback.schedule', {
      customerId: demoFixtures.techSolutions.withSasKey.customerId,
      name: 'Olivia Bennett',
      phone: '+14155550134',
      scheduledFor: '2031-03-11T17:00:00.000Z',
      timeZone: 'America/Los_Angeles',
      reason: `card ${typed[1]!.written}`,
    });
    expect(direct).toMatchObject({ status: 'rejected', code: 'card_number_in_text' });
    expect(direct.message).not.toContain(typed[1]!.digits);
    // The abandoned run's audit record is the only change queued.
    expect((await console_.call('outbox.list')).entries.map((e) => e.name)).toEqual(['audit.record']);

    await console_.runtime.close();
    expect(filesHolding(cacheFiles(console_.dataDir), needles)).toEqual([]);
  });

  it('is refused in an edited change sent back to the queue, without repeating it', async () => {
    const console_ = await per.signedIn();
    const submitted = await console_.runtime.sync.submitMutation('callback.schedule', {
      customerId: demoFixtures.techSolutions.withSasKey.customerId,
      name: 'Olivia Bennett',
      phone: '+14155550134',
      scheduledFor: '2020-03-11T17:00:00.000Z',
      timeZone: 'America/Los_Angeles',
      reason: 'Printer',
    });
    expect(submitted).toMatchObject({ status: 'rejected', code: 'scheduled_time_in_past' });
    const [entry] = (await console_.call('outbox.list')).entries;
    expect(entry?.state).toBe('rejected');
    const refused = await console_.fail('outbox.retry', { id: entry!.id, args: { ...entry!.args, reason: `use ${typed[0]!.written}` } });
    expect(refused).toMatchObject({ code: 'invalid_input', message: `The edited change is not valid: ${cardNumberInTextMessage}.` });
    expect(JSON.stringify(refused)).not.toContain(typed[0]!.written);
    expect((await console_.call('outbox.list')).entries).toMatchObject([{ id: entry!.id, state: 'rejected', args: { reason: 'Printer' } }]);
    await console_.runtime.close();
    expect(filesHolding(cacheFiles(console_.dataDir), needles)).toEqual([]);
  });
});
