// The customers open as tabs are kept in the settings for the next start (issue 20, item 3):
// ids only, at most 8, and a saved value this console cannot read only means no tabs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { maxOpenCustomers } from '../../../core/api';
import { createJsonSettingsStore, dispatchCall } from '../../../core/console';
import { runtimeOn } from './runtime-harness';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'sc-open-customers-'));
  folders.push(dataDir);
  return dataDir;
}

const tab = (customerId: string, runId: string | null = null) => ({ customerId, runId, detailsTab: 'overview' });

describe('openCustomers setting', () => {
  it('is kept across a restart of the console', async () => {
    const dataDir = folder();
    const runtime = await runtimeOn(dataDir, { version: '9.9.9' });
    const openCustomers = {
      agentId: 'agent-demo',
      tabs: [tab('cust-TS-100001', 'run-1'), tab('cust-PP-200001')],
      selectedCustomerId: 'cust-TS-100001',
    };
    const result = await dispatchCall(runtime.handlers, 'settings.set', { openCustomers }, { via: 'ipc' }, vi.fn());
    expect(result).toMatchObject({ ok: true, value: { openCustomers, theme: 'system' } });
    await runtime.close();
    const again = await runtimeOn(dataDir, { version: '9.9.9' });
    expect(await dispatchCall(again.handlers, 'settings.get', {}, { via: 'ipc' }, vi.fn())).toMatchObject({
      ok: true,
      value: { openCustomers },
    });
    await again.close();
  });

  it(`refuses more than ${maxOpenCustomers} tabs and anything but ids, and writes nothing`, async () => {
    const dataDir = folder();
    const runtime = await runtimeOn(dataDir, { version: '9.9.9' });
    const tooMany = { agentId: 'a', tabs: Array.from({ length: maxOpenCustomers + 1 }, (_, i) => tab(`c${i}`)), selectedCustomerId: null };
    const withName = { agentId: 'a', tabs: [{ ...tab('c1'), name: 'Olivia Bennett' }], selectedCustomerId: null };
    for (const openCustomers of [tooMany, withName]) {
      const result = await dispatchCall(runtime.handlers, 'settings.set', { openCustomers }, { via: 'ipc' }, vi.fn());
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(() => readFileSync(join(dataDir, 'settings.json'))).toThrow();
    await runtime.close();
  });

  it('a saved value it cannot read loads as no tabs, the other settings kept, and says so in the log', () => {
    const dataDir = folder();
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ theme: 'dark', openCustomers: { agentId: 'a', tabs: 'not a list' } }));
    const log: string[] = [];
    const settings = createJsonSettingsStore(dataDir, (line) => log.push(line)).read();
    expect(settings).toMatchObject({ theme: 'dark', openCustomers: null });
    expect(log).toEqual(['The saved customer tabs could not be read: none reopen.']);
  });

  it('keeps a tab’s call id across a restart (issue 21)', async () => {
    const dataDir = folder();
    const runtime = await runtimeOn(dataDir);
    const openCustomers = {
      agentId: 'agent-demo',
      tabs: [{ ...tab('cust-TS-100001'), callId: 'CA-1001' }, tab('cust-PP-200001')],
      selectedCustomerId: 'cust-TS-100001',
    };
    expect(await dispatchCall(runtime.handlers, 'settings.set', { openCustomers }, { via: 'ipc' }, vi.fn())).toMatchObject({ ok: true });
    await runtime.close();
    const again = await runtimeOn(dataDir);
    const read = await dispatchCall(again.handlers, 'settings.get', {}, { via: 'ipc' }, vi.fn());
    expect(read).toMatchObject({ ok: true, value: { openCustomers } });
    await again.close();
  });

  it('a saved call id that is not one is dropped with a line in the log (never echoed); the tab and the others stay', () => {
    const dataDir = folder();
    const bad = ['4242 4242 4242 4242', 'CA\n1', '', 'x'.repeat(129), 'CA\u200b1'];
    const tabs = [...bad.map((callId, i) => ({ ...tab(`c${i}`), callId })), { ...tab('c9'), callId: 'CA-9' }];
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({ theme: 'dark', openCustomers: { agentId: 'a', tabs, selectedCustomerId: 'c9' } }),
    );
    const log: string[] = [];
    const settings = createJsonSettingsStore(dataDir, (line) => log.push(line)).read();
    expect(settings.theme).toBe('dark');
    expect(settings.openCustomers?.tabs.map((each) => each.callId ?? null)).toEqual([null, null, null, null, null, 'CA-9']);
    expect(settings.openCustomers?.selectedCustomerId).toBe('c9');
    expect(log).toHaveLength(bad.length);
    expect(log[0]).toBe('The saved call id of the tab of customer c0 is not a call id: the tab reopens without it.');
    expect(log.join()).not.toContain('4242');
  });
});
