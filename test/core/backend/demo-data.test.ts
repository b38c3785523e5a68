import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  memberCompanyWarnings,
  normalizePhone,
  parseRecord,
  programs,
  validatePostalCode,
  type Customer,
  type PortalUser,
  type RecordType,
} from '../../../core/domain';
import { demoFixtures, startTestBackend, tempDataDir, testEpoch, type TestBackend } from './helpers';

const dayMs = 86_400_000;

describe('backend: demo data', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend({ customers: 300, seed: 7 });
  });
  afterAll(() => backend.close());

  const rows = async () =>
    (await backend.rows('SELECT type, id, data FROM records ORDER BY seq')) as { type: RecordType; id: string; data: string }[];

  it('generates the number of customers asked for, of all four programs, every record valid', async () => {
    expect(backend.demo?.customers).toBe(300);
    const all = await rows();
    const customers = all.filter((r) => r.type === 'customer').map((r) => JSON.parse(r.data) as Customer);
    expect(customers).toHaveLength(300);
    for (const program of programs) expect(customers.filter((c) => c.program === program).length).toBeGreaterThan(20);
    for (const row of all) {
      const parsed = parseRecord(row.type, JSON.parse(row.data));
      expect(parsed.success, `${row.type} ${row.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it('uses realistic contact data of several countries that passes the field rules', async () => {
    const customers = (await rows()).filter((r) => r.type === 'customer').map((r) => JSON.parse(r.data) as Customer);
    expect(new Set(customers.map((c) => c.address.country)).size).toBeGreaterThanOrEqual(5);
    for (const c of customers) {
      expect(normalizePhone(c.contactPhone, c.address.country), `${c.accountNumber} ${c.contactPhone}`).toMatchObject({
        ok: true,
        e164: c.contactPhone,
      });
      expect(validatePostalCode(c.address.postalCode, c.address.country), `${c.accountNumber} ${c.address.postalCode}`).toMatchObject({
        ok: true,
      });
      expect(c.contactEmail).toMatch(/^[a-z0-9.]+@[a-z0-9.-]+\.[a-z]+$/i);
    }
    expect(new Set(customers.map((c) => c.accountNumber)).size).toBe(customers.length);
  });

  it('is deterministic for a seed, and differs for another', async () => {
    const again = await startTestBackend({ customers: 300, seed: 7 });
    const other = await startTestBackend({ customers: 300, seed: 8 });
    try {
      const dump = async (b: TestBackend) =>
        ((await b.column("SELECT data FROM records WHERE type = 'customer' ORDER BY seq")) as string[]).join('\n');
      expect(await dump(again)).toBe(await dump(backend));
      expect(await dump(other)).not.toBe(await dump(backend));
    } finally {
      await again.close();
      await other.close();
    }
  });

  it('contains every deliberate case with its documented ids', async () => {
    const get = <T extends RecordType>(type: T, id: string) => backend.records.get(type, id);
    const f = demoFixtures;
    expect((await get('customer', f.techSolutions.notSignedIn.customerId))?.portalSession.signedIn).toBe(false);
    expect(await get('customer', f.techSolutions.withSasKey.customerId)).toMatchObject({
      accountNumber: 'TS-100001',
      portalSession: { signedIn: true },
    });
    expect(await backend.records.byOwner(f.techSolutions.withSasKey.customerId, 'licenseKey')).toHaveLength(1);
    expect(await backend.records.byOwner(f.techSolutions.withoutSasKey.customerId, 'licenseKey')).toHaveLength(0);
    expect(await get('subscription', f.techSolutions.autoRenewOff.subscriptionId)).toMatchObject({ autoRenew: false, status: 'active' });

    const age = async (id: string) => (testEpoch.getTime() - Date.parse((await get('transaction', id))?.createdAt ?? '')) / dayMs;
    expect(await age(f.partner.refundWindow.transaction29DaysId)).toBe(29);
    expect(await age(f.partner.refundWindow.transaction31DaysId)).toBe(31);
    expect((await get('subscription', f.partner.suspendedSubscription.subscriptionId))?.status).toBe('suspended');
    expect((await get('reseller', f.partner.disabledReseller.resellerId))?.status).toBe('disabled');

    const missing = await get('reseller', f.hosting.resellerWithMissingPrices.resellerId);
    expect(missing?.backupPlanPrices.some((p) => p.planId === f.hosting.resellerWithMissingPrices.planWithoutPrices)).toBe(false);
    expect((await get('customer', f.hosting.customerOfResellerWithMissingPrices.customerId))?.resellerId).toBe(missing?.id);

    const users = async (customerId: string) => (await backend.records.byOwner(customerId, 'portalUser')) as PortalUser[];
    expect(memberCompanyWarnings(await users(f.member.singlePrimary.customerId)).map((w) => w.code)).toEqual(['single_primary']);
    expect(memberCompanyWarnings(await users(f.member.notificationsOptedOut.customerId)).map((w) => w.code)).toContain(
      'notifications_uncovered',
    );
    expect(await get('portalUser', f.member.singlePrimary.invitedId)).toMatchObject({ status: 'invited', activated: false });
  });

  it('creates the two demo agents', async () => {
    const roles = await backend.rows('SELECT email, role FROM agents ORDER BY email');
    expect(roles).toEqual([
      { email: 'agent@demo.test', role: 'agent' },
      { email: 'supervisor@demo.test', role: 'supervisor' },
    ]);
  });
});

describe('backend CLI', () => {
  function runCli(args: string[]): Promise<{ line: string; stop: () => Promise<void> }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'core/backend/cli.ts', ...args], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const stop = () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n')[0];
        if (out.includes('\n') && line !== undefined) resolve({ line, stop });
      });
      child.once('exit', (code) => reject(new Error(`CLI exited with ${code}: ${stderr}`)));
    });
  }

  it('prints where it listens, fills a fresh data folder with demo data and reuses it next time', async () => {
    const data = tempDataDir();
    try {
      const first = await runCli(['--port', '0', '--data', data.dir, '--customers', '25']);
      expect(first.line).toMatch(/^Account backend at http:\/\/127\.0\.0\.1:\d+$/);
      const url = first.line.replace('Account backend at ', '');
      const login = await fetch(`${url}/auth/login`, {
        method: 'POST',
        body: JSON.stringify({ email: 'agent@demo.test', password: 'demo' }),
      });
      expect(login.status).toBe(200);
      const { token } = (await login.json()) as { token: string };
      await fetch(`${url}/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify({
          protocol: 1,
          clientId: 'cli-test',
          mutations: [
            {
              id: 1,
              name: 'subscription.setAutoRenew',
              args: { subscriptionId: demoFixtures.techSolutions.withSasKey.subscriptionId, baseVersion: 1, autoRenew: false },
            },
          ],
        }),
      });
      await first.stop();

      const second = await runCli(['--port', '0', '--data', data.dir, '--customers', '999']);
      const url2 = second.line.replace('Account backend at ', '');
      const login2 = await fetch(`${url2}/auth/login`, {
        method: 'POST',
        body: JSON.stringify({ email: 'agent@demo.test', password: 'demo' }),
      });
      const { token: token2 } = (await login2.json()) as { token: string };
      const pull = await fetch(`${url2}/sync/pull`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token2}` },
        body: JSON.stringify({ protocol: 1, clientId: 'cli-test', cursor: null, limit: 5000 }),
      });
      const page = (await pull.json()) as { lastMutationId: number; changes: { type: string; id: string; version: number }[] };
      await second.stop();
      expect(page.lastMutationId).toBe(1);
      expect(page.changes.filter((c) => c.type === 'customer')).toHaveLength(25);
      expect(page.changes.find((c) => c.id === demoFixtures.techSolutions.withSasKey.subscriptionId)?.version).toBe(2);
    } finally {
      data.remove();
    }
  });
});
