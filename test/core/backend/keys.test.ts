// SPEC §5 "Secrets are not synced", on the backend's side: no pull carries a license key, and
// POST /keys/reveal is the one way a key leaves, for a signed-in agent, audited in the same step.
import { afterEach, describe, expect, it } from 'vitest';
import { readLicenseKey } from '../../../core/backend';
import { maskLicenseKey, parseRecord } from '../../../core/domain';
import { keyRevealResponseSchema } from '../../../core/protocol';
import { demoFixtures, startTestBackend, type TestBackend } from './helpers';

const ts = demoFixtures.techSolutions;

/** Every key the backend holds. */
const allKeys = async (backend: TestBackend) => (await backend.column('SELECT key FROM license_keys')) as string[];

/** Every pull page from `cursor` on, as the raw text of each answer. */
async function rawPull(backend: TestBackend, token: string, cursor: string | null): Promise<{ text: string; cursor: string }> {
  let text = '';
  for (;;) {
    const res = await fetch(`${backend.url}/sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ protocol: 1, clientId: 'scan-client', cursor, limit: 97 }),
    });
    expect(res.status).toBe(200);
    const body = await res.text();
    text += body + (res.headers.get('sync-page-head') ?? '');
    const page = JSON.parse(body) as { cursor: string; hasMore: boolean };
    cursor = page.cursor;
    if (!page.hasMore) return { text, cursor };
  }
}

const reveal = (backend: TestBackend, body: unknown, token?: string) => backend.post('/keys/reveal', body, token);
const auditRows = async (backend: TestBackend) =>
  (await backend.rows("SELECT agent_id, pushed_by, customer_id, event FROM audit_events WHERE kind = 'key-reveal' ORDER BY at")) as {
    agent_id: string;
    pushed_by: string;
    customer_id: string;
    event: string;
  }[];

describe('backend: license keys are not synced', () => {
  let backend: TestBackend;
  afterEach(() => backend.close());

  it('no pull page carries a key, first sync or delta, and a generated key is in neither its push answer nor the delta', async () => {
    backend = await startTestBackend({ customers: 80 });
    const token = await backend.login();
    const keys = await allKeys(backend);
    expect(keys.length).toBeGreaterThan(5);
    expect(keys).toContain('SAS7-K2QM-XR4P-9TWD');
    const first = await rawPull(backend, token, null);
    for (const key of keys) expect(first.text.includes(key), key).toBe(false);
    expect(first.text).toContain(JSON.stringify(maskLicenseKey('SAS7-K2QM-XR4P-9TWD')).replace(/•/g, '\\u2022'));

    const push = await backend.push(token, [
      { id: 1, name: 'license.generate', args: { customerId: ts.withoutSasKey.customerId, product: 'SUPERAntiSpyware' } },
    ]);
    const result = push.body.results[0]?.result as { licenseKeyId: string; maskedKey: string };
    const key = await readLicenseKey(backend.storage, result.licenseKeyId);
    expect(key).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    expect(result.maskedKey).toBe(maskLicenseKey(key ?? ''));
    expect(JSON.stringify(push.body)).not.toContain(key);
    const delta = await rawPull(backend, token, first.cursor);
    expect(delta.text).toContain(result.licenseKeyId);
    expect(delta.text).not.toContain(key);
    // Nor in the records table a pull reads, nor the mutation log a duplicate is answered from.
    const stored = (await backend.column(
      "SELECT coalesce(data, '') FROM records UNION ALL SELECT coalesce(result, '') FROM mutation_log",
    )) as string[];
    for (const k of [...keys, key ?? ''])
      expect(
        stored.some((text) => text.includes(k)),
        k,
      ).toBe(false);
    const record = await backend.records.get('licenseKey', result.licenseKeyId);
    expect(parseRecord('licenseKey', record).success).toBe(true);
    expect(record).not.toHaveProperty('key');
  });
});

describe('backend: POST /keys/reveal', () => {
  let backend: TestBackend;
  afterEach(() => backend.close());

  it('answers the key to a signed-in agent and records who, when, which key and why, in the same step', async () => {
    backend = await startTestBackend({ customers: 10 });
    const token = await backend.login('agent');
    const res = await reveal(
      backend,
      { protocol: 1, clientId: 'console-7f3a', licenseKeyId: ts.withSasKey.licenseKeyId, purpose: 'copy' },
      token,
    );
    expect(res.status).toBe(200);
    const answer = keyRevealResponseSchema.parse(res.body);
    expect(answer).toMatchObject({ licenseKeyId: ts.withSasKey.licenseKeyId, key: 'SAS7-K2QM-XR4P-9TWD' });

    const [row, ...others] = await auditRows(backend);
    expect(others).toEqual([]);
    expect(row).toMatchObject({
      agent_id: demoFixtures.agents.agent.id,
      pushed_by: demoFixtures.agents.agent.id,
      customer_id: ts.withSasKey.customerId,
    });
    expect(JSON.parse(row?.event ?? '{}')).toEqual({
      id: answer.auditEventId,
      at: backend.clock.now.toISOString(),
      agentId: demoFixtures.agents.agent.id,
      kind: 'key-reveal',
      customerId: ts.withSasKey.customerId,
      procedure: 'T3',
      details: { licenseKeyId: ts.withSasKey.licenseKeyId, product: 'SUPERAntiSpyware', purpose: 'copy', clientId: 'console-7f3a' },
    });
    expect(row?.event).not.toContain(answer.key);
    expect(backend.logs.join('\n')).toMatch(/POST \/keys\/reveal 200/);
    expect(backend.logs.join('\n')).not.toContain(answer.key);

    // A supervisor may too; each reveal is its own event.
    const supervisor = await backend.login('supervisor');
    const again = await reveal(backend, { protocol: 1, licenseKeyId: ts.withSasKey.licenseKeyId, purpose: 'reveal' }, supervisor);
    expect(again).toMatchObject({ status: 200, body: { key: 'SAS7-K2QM-XR4P-9TWD' } });
    expect(
      (await auditRows(backend)).map(
        (r) => JSON.parse(r.event) as { agentId: string; details: { purpose: string; clientId: string | null } },
      ),
    ).toEqual([
      expect.objectContaining({ agentId: demoFixtures.agents.agent.id, details: expect.objectContaining({ purpose: 'copy' }) }),
      expect.objectContaining({
        agentId: demoFixtures.agents.supervisor.id,
        details: expect.objectContaining({ purpose: 'reveal', clientId: null }),
      }),
    ]);
  });

  it("refuses a reveal that names another agent's console (403 client_not_yours), and records nothing", async () => {
    backend = await startTestBackend({ customers: 10 });
    const supervisor = await backend.login('supervisor');
    const pulled = await backend.post('/sync/pull', { protocol: 1, clientId: 'supervisor-console', cursor: null, limit: 1 }, supervisor);
    expect(pulled.status).toBe(200);
    const agent = await backend.login('agent');
    const res = await reveal(
      backend,
      { protocol: 1, clientId: 'supervisor-console', licenseKeyId: ts.withSasKey.licenseKeyId, purpose: 'reveal' },
      agent,
    );
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'client_not_yours' } } });
    expect(JSON.stringify(res.body)).not.toContain('SAS7');
    expect(await auditRows(backend)).toEqual([]);
  });

  it('refuses without a token (401), and answers nothing, records nothing', async () => {
    backend = await startTestBackend({ customers: 10 });
    const body = { protocol: 1, licenseKeyId: ts.withSasKey.licenseKeyId, purpose: 'reveal' };
    expect(await reveal(backend, body)).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect(await reveal(backend, body, 'not-a-token')).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    const token = await backend.login();
    backend.clock.advance(13 * 3_600_000);
    expect(await reveal(backend, body, token)).toMatchObject({ status: 401, body: { error: { code: 'token_expired' } } });
    expect(await auditRows(backend)).toEqual([]);
  });

  it('answers 404 license_key_not_found for a key that does not exist or whose customer is gone, without echoing the id', async () => {
    backend = await startTestBackend({ customers: 10 });
    const token = await backend.login();
    const missing = await reveal(backend, { protocol: 1, licenseKeyId: 'lk-nothing-here', purpose: 'reveal' }, token);
    expect(missing).toMatchObject({
      status: 404,
      body: { error: { code: 'license_key_not_found', message: 'No license key with that id exists.' } },
    });
    expect(JSON.stringify(missing.body)).not.toContain('lk-nothing-here');

    await backend.records.remove('customer', ts.withSasKey.customerId);
    const orphan = await reveal(backend, { protocol: 1, licenseKeyId: ts.withSasKey.licenseKeyId, purpose: 'reveal' }, token);
    expect(orphan).toMatchObject({
      status: 404,
      body: { error: { code: 'license_key_not_found', message: expect.stringMatching(/no longer exists/) } },
    });
    expect(JSON.stringify(orphan.body)).not.toContain('SAS7');
    expect(await auditRows(backend)).toEqual([]);
  });

  it('refuses a body of the wrong shape or protocol with 400, before anything is read', async () => {
    backend = await startTestBackend({ customers: 10 });
    const token = await backend.login();
    const id = ts.withSasKey.licenseKeyId;
    expect(await reveal(backend, { protocol: 2, licenseKeyId: id, purpose: 'reveal' }, token)).toMatchObject({
      status: 400,
      body: { error: { code: 'protocol_unsupported' } },
    });
    for (const body of [
      { protocol: 1, licenseKeyId: id, purpose: 'print' },
      { protocol: 1, licenseKeyId: id },
      { protocol: 1, licenseKeyId: '', purpose: 'reveal' },
      { protocol: 1, licenseKeyId: id, purpose: 'reveal', key: 'x' },
      { protocol: 1, clientId: 'no spaces allowed', licenseKeyId: id, purpose: 'reveal' },
    ]) {
      expect(await reveal(backend, body, token), JSON.stringify(body)).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid_request' } },
      });
    }
    expect(await reveal(backend, '{"protocol":1,', token)).toMatchObject({ status: 400, body: { error: { code: 'malformed_json' } } });
    const get = await fetch(`${backend.url}/keys/reveal`, { headers: { authorization: `Bearer ${token}` } });
    expect(get.status).toBe(405);
    expect(await auditRows(backend)).toEqual([]);
  });
});
