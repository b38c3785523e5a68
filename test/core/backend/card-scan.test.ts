// SPEC §7 "No card data at rest", on the backend's side: after T1 the database file, its
// write-ahead log and the logs hold brand and last four, never the number or the CVC.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoFixtures, startTestBackend, tempDataDir, type TestBackend } from './helpers';

const number = '3782 822463 10005'; // American Express test number: 4-digit CVC
const digits = number.replace(/\s/g, '');

function dbFiles(dir: string): string[] {
  return ['backend.sqlite', 'backend.sqlite-wal', 'backend.sqlite-shm'].map((f) => join(dir, f)).filter((f) => existsSync(f));
}

function contains(files: string[], needle: string): string[] {
  return files.filter((f) => readFileSync(f).includes(Buffer.from(needle, 'utf8')));
}

describe('backend: no card number or CVC at rest or in logs', () => {
  let backend: TestBackend;
  let data: ReturnType<typeof tempDataDir>;
  afterEach(async () => {
    await backend.close();
    data.remove();
  });

  it('keeps brand and last four only, in the database, its WAL, the mutation log and the request log', async () => {
    data = tempDataDir();
    backend = await startTestBackend({ dataDir: data.dir, customers: 10 });
    // A CVC that appears nowhere in the data before the change, so finding it later means it was written.
    const cvc = ['7395', '6284', '5173', '4062'].find((c) => contains(dbFiles(data.dir), c).length === 0);
    if (!cvc) throw new Error('no unused CVC candidate');
    const token = await backend.login();
    const card = { number, expMonth: 11, expYear: 2028, cvc, holderName: 'Olivia Bennett', postalCode: '94102' };

    const applied = await backend.run(token, 'billing.updateCard', { customerId: demoFixtures.techSolutions.withSasKey.customerId, card });
    expect(applied).toMatchObject({ status: 'applied', result: { brand: 'amex', last4: '0005' } });
    const expired = await backend.run(token, 'billing.updateCard', {
      customerId: demoFixtures.techSolutions.withSasKey.customerId,
      card: { ...card, expYear: 2024 },
    });
    expect(expired).toMatchObject({ status: 'rejected', code: 'card_expired' });
    const garbled = await backend.push(
      token,
      [{ id: 3, name: 'billing.updateCard', args: { customerId: 'x', card: { ...card, number: 12 } } }],
      'run-client',
    );
    expect(garbled.body.results[0]).toMatchObject({ status: 'rejected', code: 'invalid_args' });

    const files = dbFiles(data.dir);
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
    for (const needle of [digits, number, cvc]) expect(contains(files, needle), needle).toEqual([]);
    const logs = backend.logs.join('\n');
    expect(logs).toMatch(/POST \/sync\/push 200/);
    for (const needle of [digits, number, cvc]) expect(logs).not.toContain(needle);
    for (const outcome of [applied, expired, garbled.body.results[0]]) {
      expect(JSON.stringify(outcome)).not.toContain(digits);
      expect(JSON.stringify(outcome)).not.toContain(cvc);
    }

    await backend.close();
    for (const needle of [digits, number, cvc]) expect(contains(dbFiles(data.dir), needle), needle).toEqual([]);
  });
});
