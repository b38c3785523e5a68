// Finding 6 on the backend's side: a pushed mutation with a card number in a free-text
// field is rejected with `card_number_in_text`, stores nothing, and no answer, log line or
// byte of the database files repeats the number.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cardNumberInTextMessage } from '../../../core/domain';
import { testCardNumbers } from '../domain/rules/fields/card-forms';
import { callbackArgs, demoFixtures, lastSeq, startTestBackend, tempDataDir, type TestBackend } from './helpers';

function dbFiles(dir: string): string[] {
  return ['backend.sqlite', 'backend.sqlite-wal', 'backend.sqlite-shm'].map((f) => join(dir, f)).filter((f) => existsSync(f));
}

function filesHolding(files: readonly string[], needles: readonly string[]): string[] {
  return files.flatMap((file) =>
    needles.filter((needle) => readFileSync(file).includes(Buffer.from(needle, 'utf8'))).map((needle) => `${file}: ${needle}`),
  );
}

/** Test numbers absent from the demo data, in forms the old check let through. */
const cards = [
  { written: '６０１１ ０００９ ９０１３ ９４２４', digits: testCardNumbers.discover },
  { written: '3782.822463.10005', digits: testCardNumbers.amex },
  { written: '4222/2222/22222', digits: testCardNumbers.visa13 },
];
const needles = cards.flatMap(({ written, digits }) => [written, digits]);

const callback = callbackArgs;

describe('backend: a card number in free text', () => {
  let backend: TestBackend;
  let data: ReturnType<typeof tempDataDir>;
  afterEach(async () => {
    await backend.close();
    data.remove();
  });

  it('rejects callback.schedule, customer edits and audit records with card_number_in_text, stores nothing, repeats nothing', async () => {
    data = tempDataDir();
    backend = await startTestBackend({ dataDir: data.dir, customers: 10 });
    expect(filesHolding(dbFiles(data.dir), needles)).toEqual([]);
    const token = await backend.login();
    const seqBefore = await lastSeq(backend);

    const outcomes = [];
    for (const { written } of cards) {
      outcomes.push(await backend.run(token, 'callback.schedule', { ...callback, reason: `Refund to ${written}` }));
      outcomes.push(await backend.run(token, 'callback.schedule', { ...callback, name: `Olivia ${written}` }));
    }
    const partner = demoFixtures.partner;
    const customer = await backend.run(token, 'customer.updateDetails', {
      customerId: partner.refundWindow.customerId,
      baseVersion: 1,
      changes: { address: { line1: `Card ${cards[0]!.written}` } },
    });
    const audit = await backend.run(token, 'audit.record', {
      id: 'run-card:audit',
      at: '2025-03-12T15:00:00.000Z',
      agentId: 'agent-demo',
      kind: 'procedure-run',
      details: { reason: `gave ${cards[1]!.written}` },
    });

    for (const outcome of outcomes) {
      expect(outcome).toEqual({
        id: expect.any(Number),
        status: 'rejected',
        code: 'card_number_in_text',
        message: expect.stringContaining(cardNumberInTextMessage),
      });
    }
    expect(outcomes[0]!.message).toBe(`${cardNumberInTextMessage} Refused in callback.schedule: reason.`);
    expect(outcomes[1]!.message).toBe(`${cardNumberInTextMessage} Refused in callback.schedule: name.`);
    expect(customer).toMatchObject({
      status: 'rejected',
      code: 'card_number_in_text',
      message: `${cardNumberInTextMessage} Refused in customer.updateDetails: changes.address.line1.`,
    });
    expect(audit).toMatchObject({
      status: 'rejected',
      code: 'card_number_in_text',
      message: `${cardNumberInTextMessage} Refused in audit.record: details.reason.`,
    });
    expect(await lastSeq(backend)).toBe(seqBefore);

    // A duplicate answers what was recorded: still without the number.
    const again = await backend.push(
      token,
      [{ id: 1, name: 'callback.schedule', args: { ...callback, reason: `Refund to ${cards[0]!.written}` } }],
      'run-client',
    );
    expect(again.body.results[0]).toMatchObject({ status: 'duplicate', code: 'card_number_in_text' });

    const answers = JSON.stringify([outcomes, customer, audit, again.body]);
    for (const needle of needles) expect(answers).not.toContain(needle);
    const logs = backend.logs.join('\n');
    for (const needle of needles) expect(logs).not.toContain(needle);
    expect(filesHolding(dbFiles(data.dir), needles)).toEqual([]);
    await backend.close();
    expect(filesHolding(dbFiles(data.dir), needles)).toEqual([]);
  });

  it('still schedules a callback whose reason holds dates, phone and order numbers', async () => {
    data = tempDataDir();
    backend = await startTestBackend({ dataDir: data.dir, customers: 10 });
    const token = await backend.login();
    const reason = 'Order 123456789012 from 2026-12-06; call +1 833 2020 2695';
    expect(await backend.run(token, 'callback.schedule', { ...callback, reason })).toMatchObject({ status: 'applied' });
  });

  it('names an unknown field that looks like a card number without repeating it', async () => {
    data = tempDataDir();
    backend = await startTestBackend({ dataDir: data.dir, customers: 10 });
    const token = await backend.login();
    const outcome = await backend.run(token, 'callback.schedule', { ...callback, [cards[1]!.digits]: 'x' });
    expect(outcome).toEqual({
      id: 1,
      status: 'rejected',
      code: 'invalid_args',
      message: 'The change could not be read (callback.schedule): args: Unknown field: [card number].',
    });
  });
});
