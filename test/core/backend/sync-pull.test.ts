import { afterEach, describe, expect, it } from 'vitest';
import { parseRecord, type RecordType } from '../../../core/domain';
import { pullResponseSchema, type Change, type PullPage } from '../../../core/protocol';
import { demoFixtures, startTestBackend, type TestBackend } from './helpers';

const dayMs = 86_400_000;

function page(response: PullPage | { reset: string }): PullPage {
  if ('reset' in response) throw new Error(`unexpected reset: ${response.reset}`);
  return response;
}

async function pullAll(
  backend: TestBackend,
  token: string,
  cursor: string | null,
  limit: number,
  onPage?: (n: number) => Promise<void> | void,
) {
  const changes: Change[] = [];
  let pages = 0;
  for (;;) {
    const p = page(pullResponseSchema.parse(await backend.pull(token, cursor, limit)) as PullPage);
    changes.push(...p.changes);
    cursor = p.cursor;
    pages++;
    await onPage?.(pages);
    if (!p.hasMore) return { changes, cursor, pages };
  }
}

describe('backend: pull', () => {
  let backend: TestBackend;
  afterEach(() => backend.close());

  it('pages from a null cursor through every record exactly once, in seq order, each a valid record', async () => {
    backend = await startTestBackend({ customers: 60 });
    const token = await backend.login();
    const total = (await backend.scalar('SELECT count(*) FROM records')) as number;
    const { changes, pages } = await pullAll(backend, token, null, 37);
    expect(changes).toHaveLength(total);
    expect(pages).toBe(Math.ceil(total / 37));
    expect(new Set(changes.map((c) => `${c.type}/${c.id}`)).size).toBe(total);
    const seqs = changes.map((c) => c.seq ?? 0);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const change of changes) {
      expect(change.op).toBe('put');
      const parsed = parseRecord(change.type as RecordType, change.data);
      expect(parsed.success, `${change.type} ${change.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it('caps a page at the backend limit and says there is more', async () => {
    backend = await startTestBackend({ customers: 1200 });
    const token = await backend.login();
    const first = page(await backend.pull(token, null, 1_000_000));
    expect(first.changes).toHaveLength(5000);
    expect(first.hasMore).toBe(true);
  });

  it('sends a record changed while a first sync is paging again later in the sequence', async () => {
    backend = await startTestBackend({ customers: 30 });
    const token = await backend.login();
    const id = demoFixtures.techSolutions.withSasKey.customerId;
    let changedAtPage = 0;
    const { changes } = await pullAll(backend, token, null, 20, async (n) => {
      if (n === 3) {
        const customer = await backend.records.get('customer', id);
        if (!customer) throw new Error('fixture missing');
        await backend.records.put('customer', { ...customer, contactName: 'Olivia B. Bennett' });
        changedAtPage = n;
      }
    });
    expect(changedAtPage).toBe(3);
    const seen = changes.filter((c) => c.type === 'customer' && c.id === id);
    expect(seen.map((c) => c.version)).toEqual([1, 2]);
    expect((seen[1]?.data as { contactName: string }).contactName).toBe('Olivia B. Bennett');
    const total = (await backend.scalar('SELECT count(*) FROM records')) as number;
    expect(changes).toHaveLength(total + 1);
  });

  it('sends only what changed after the cursor, and a deletion as a del tombstone', async () => {
    backend = await startTestBackend({ customers: 10 });
    const token = await backend.login();
    const { cursor } = await pullAll(backend, token, null, 5000);
    const empty = page(await backend.pull(token, cursor));
    expect(empty).toMatchObject({ changes: [], hasMore: false, cursor });

    const keyId = demoFixtures.techSolutions.withSasKey.licenseKeyId;
    await backend.records.remove('licenseKey', keyId);
    const delta = page(await backend.pull(token, cursor));
    expect(delta.changes).toEqual([{ type: 'licenseKey', id: keyId, op: 'del', version: 2, seq: expect.any(Number) }]);
    expect(await backend.records.get('licenseKey', keyId)).toBeUndefined();
  });

  it('answers cursor_expired for a cursor older than the tombstones kept, and not for a newer one', async () => {
    backend = await startTestBackend({ customers: 10, tombstoneRetentionMs: 7 * dayMs, tokenTtlMs: 30 * dayMs });
    const token = await backend.login();
    const { cursor: old } = await pullAll(backend, token, null, 5000);
    await backend.records.remove('licenseKey', demoFixtures.techSolutions.withSasKey.licenseKeyId);
    const { cursor: fresh } = await pullAll(backend, token, old, 5000);

    backend.clock.advance(6 * dayMs);
    expect('reset' in (await backend.pull(token, old))).toBe(false);
    backend.clock.advance(2 * dayMs);
    expect(await backend.pull(token, old)).toEqual({ reset: 'cursor_expired' });
    // The client that already saw the tombstone carries on.
    expect(page(await backend.pull(token, fresh)).changes).toEqual([]);
    // And a first sync always works.
    expect(page(await backend.pull(token, null, 10)).changes).toHaveLength(10);
    expect(await backend.scalar('SELECT count(*) FROM records WHERE deleted = 1')).toBe(0);
  });

  it('answers cursor_expired for a cursor from another backend, and 400 for a cursor it never issued', async () => {
    backend = await startTestBackend({ customers: 0 });
    const token = await backend.login();
    expect(await backend.pull(token, 'abcdef012345:3')).toEqual({ reset: 'cursor_expired' });
    const bad = await backend.post('/sync/pull', { protocol: 1, clientId: 'c', cursor: 'not a cursor', limit: 10 }, token);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'invalid_request', message: expect.stringMatching(/cursor/) } });
  });

  it("reports the client's last processed mutation id", async () => {
    backend = await startTestBackend({ customers: 0 });
    const token = await backend.login();
    expect(page(await backend.pull(token, null, 1, 'fresh-client')).lastMutationId).toBe(0);
    await backend.push(token, [{ id: 1, name: 'portalUser.sendActivation', args: { portalUserId: 'nope' } }], 'fresh-client');
    expect(page(await backend.pull(token, null, 1, 'fresh-client')).lastMutationId).toBe(1);
  });

  it('sends pages as ASCII, every other character escaped, with the values and ids unchanged', async () => {
    backend = await startTestBackend({ customers: 5 });
    const token = await backend.login();
    const id = demoFixtures.techSolutions.withSasKey.customerId;
    const customer = await backend.records.get('customer', id);
    if (!customer) throw new Error('fixture customer missing');
    const { version: _version, updatedAt: _updatedAt, ...rest } = customer;
    await backend.records.put('customer', { ...rest, contactName: 'José Álvarez 😀 "Zoë" \\ ok' });
    // Ids are the backend's or a console's: any text, escaped like the records'.
    const otherId = `${id}-Zoë-😀`;
    await backend.records.put('customer', { ...rest, id: otherId, accountNumber: `${rest.accountNumber}9` });

    const res = await fetch(`${backend.url}/sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ protocol: 1, clientId: 'c', cursor: null, limit: 1000 }),
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.every((byte) => byte < 0x80)).toBe(true);
    const pulled = page(pullResponseSchema.parse(JSON.parse(new TextDecoder().decode(bytes))) as PullPage);
    const change = pulled.changes.filter((c) => c.type === 'customer' && c.id === id).at(-1);
    expect((change?.data as { contactName?: string } | undefined)?.contactName).toBe('José Álvarez 😀 "Zoë" \\ ok');
    const other = pulled.changes.find((c) => c.id === otherId);
    expect((other?.data as { id?: string } | undefined)?.id).toBe(otherId);
  });
});
