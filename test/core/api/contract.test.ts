// The console API is its call groups merged by the one helper for named maps (core/domain
// mergeNamed): every call of every group, once, and a name two groups define refused at load.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appCalls } from '../../../core/api/app';
import { approvalCalls } from '../../../core/api/approvals';
import { customerCalls } from '../../../core/api/customers';
import { interactionCalls } from '../../../core/api/interactions';
import { procedureCalls } from '../../../core/api/procedures';
import { sessionCalls } from '../../../core/api/session';
import { syncCalls } from '../../../core/api/sync';

afterEach(() => {
  vi.doUnmock('../../../core/api/sync');
  vi.resetModules();
});

describe('consoleCalls', () => {
  it('holds every call of every group, each once', async () => {
    const { callNames, consoleCalls } = await import('../../../core/api/contract');
    const groups = [appCalls, sessionCalls, customerCalls, syncCalls, procedureCalls, interactionCalls, approvalCalls];
    expect(callNames).toEqual(groups.flatMap((group) => Object.keys(group)));
    expect(consoleCalls['procedures.apply']).toBe(procedureCalls['procedures.apply']);
  });

  it('refuses at load a call two groups define', async () => {
    vi.resetModules();
    vi.doMock('../../../core/api/sync', async (original) => ({
      syncCalls: { ...(await original<{ syncCalls: object }>()).syncCalls, 'procedures.apply': procedureCalls['procedures.apply'] },
    }));
    await expect(import('../../../core/api/contract')).rejects.toThrow('Console API call "procedures.apply" is defined twice.');
  });
});
