import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoFixtures } from '../../../core/backend';
import { consolePerTest } from './runtime-harness';

const perTest = consolePerTest();

const agent = demoFixtures.agents.agent;

describe('auth.login, auth.session, auth.logout', () => {
  it('signs in online, syncs, and keeps only a salted hash for offline unlock', async () => {
    const { console: console_ } = await perTest.started();
    const { call, fail } = console_;
    expect(await call('auth.session')).toEqual({ session: null });
    expect(await fail('customers.search', { query: 'olivia' })).toMatchObject({ code: 'signed_out' });
    expect(await fail('auth.login', { email: agent.email, password: 'wrong' })).toMatchObject({ code: 'invalid_credentials' });

    const session = await call('auth.login', { email: agent.email, password: agent.password });
    expect(session).toMatchObject({ via: 'online', agent: { id: agent.id, name: agent.name, email: agent.email, role: 'agent' } });
    expect(await call('auth.session')).toEqual({ session });
    expect((await call('sync.now')).state).toBe('online');
    expect((await call('customers.search', { query: 'olivia bennett' })).matches[0]?.id).toBe(
      demoFixtures.techSolutions.withSasKey.customerId,
    );

    const stored = new Database(join(console_.dataDir, 'cache.db'), { readonly: true });
    const row = stored.prepare('SELECT * FROM known_agents').get() as Record<string, string>;
    stored.close();
    expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$[^$]+\$[^$]+$/);
    expect(JSON.stringify(row)).not.toContain(`"${agent.password}"`);

    expect(await call('auth.logout')).toEqual({ signedOut: true });
    expect(await call('auth.session')).toEqual({ session: null });
    expect((await call('sync.status')).state).toBe('signed_out');
  });

  it('unlocks offline for an agent who signed in here before, and only for them', async () => {
    const { call, fail } = (await perTest.started()).console;
    await call('auth.login', { email: agent.email, password: agent.password });
    await call('sync.now');
    await call('auth.logout');
    await perTest.stopBackend();

    expect(await fail('auth.login', { email: agent.email, password: 'wrong' })).toMatchObject({ code: 'invalid_credentials' });
    const supervisor = demoFixtures.agents.supervisor;
    const unknown = await fail('auth.login', { email: supervisor.email, password: supervisor.password });
    expect(unknown).toMatchObject({ code: 'offline_first_sign_in' });
    expect(unknown.message).toMatch(/not signed in on this machine before/);

    const session = await call('auth.login', { email: ` ${agent.email.toUpperCase()} `, password: agent.password });
    expect(session).toMatchObject({ via: 'offline', agent: { id: agent.id } });
    expect((await call('customers.search', { query: 'TS-100001' })).matches[0]?.exact).toBe(true);
    expect((await call('sync.status')).state).toBe('sign_in_required');
  });
});
