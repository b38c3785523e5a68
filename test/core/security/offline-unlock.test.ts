import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  hashForOfflineUnlock,
  offlineHashIsCurrent,
  offlineUnlockParams,
  unlockAllowedAt,
  unlockThrottlePolicy,
  verifyOfflineUnlock,
  withUnlockFailure,
} from '../../../core/security/offline-unlock';
import { oldOfflineHash } from './old-offline-hash';

describe('offline unlock hashes', () => {
  it('are scrypt with N = 2^17, r = 8, p = 1 (OWASP minimum), a 16-byte salt and a 32-byte key', async () => {
    expect(offlineUnlockParams).toEqual({ N: 131072, r: 8, p: 1 });
    const stored = await hashForOfflineUnlock('demo');
    const [scheme, n, r, p, salt, hash] = stored.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '131072', '8', '1']);
    // The parameters are the ones used, not just a label: the same derivation gives the same key.
    const again = scryptSync('demo', Buffer.from(salt!, 'base64'), 32, { N: 131072, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(again.toString('base64')).toBe(hash);
    expect(offlineHashIsCurrent(stored)).toBe(true);
    expect(await verifyOfflineUnlock('demo', stored)).toBe(true);
    expect(await verifyOfflineUnlock('Demo', stored)).toBe(false);
  });

  it('made by older versions still verify, and are marked for replacement', async () => {
    const old = oldOfflineHash('demo');
    expect(await verifyOfflineUnlock('demo', old)).toBe(true);
    expect(await verifyOfflineUnlock('nope', old)).toBe(false);
    expect(offlineHashIsCurrent(old)).toBe(false);
  });

  it('that are damaged or name parameters beyond the memory limit match no password, without throwing', async () => {
    const [, , , , salt, hash] = (await hashForOfflineUnlock('demo')).split('$');
    expect(await verifyOfflineUnlock('demo', `scrypt$${2 ** 24}$8$1$${salt}$${hash}`)).toBe(false);
    expect(await verifyOfflineUnlock('demo', `scrypt$3$8$1$${salt}$${hash}`)).toBe(false);
    expect(await verifyOfflineUnlock('demo', 'pbkdf2$1$2$3$4$5')).toBe(false);
    expect(await verifyOfflineUnlock('demo', '')).toBe(false);
  });

  it('are derived off the event loop', async () => {
    const order: string[] = [];
    const hashed = hashForOfflineUnlock('demo').then(() => order.push('hashed'));
    await new Promise((resolve) => setImmediate(resolve));
    order.push('event loop turned');
    await hashed;
    expect(order).toEqual(['event loop turned', 'hashed']);
  });
});

describe('offline unlock throttle', () => {
  const start = new Date('2025-03-12T15:00:00.000Z');
  const after = (ms: number) => new Date(start.getTime() + ms);

  it('lets the first wrong passwords through, then waits 30 s, doubling up to 15 minutes', () => {
    let failures = undefined as ReturnType<typeof withUnlockFailure> | undefined;
    const waits: Array<number | null> = [];
    for (let i = 0; i < 10; i++) {
      failures = withUnlockFailure(failures, start);
      const at = unlockAllowedAt(failures, start);
      waits.push(at ? (at.getTime() - start.getTime()) / 1000 : null);
    }
    expect(unlockThrottlePolicy.freeFailures).toBe(3);
    expect(waits).toEqual([null, null, 30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('is over once the wait has passed, and does not hold when the clock was moved back', () => {
    const failures = { count: 4, lastAt: start.toISOString() };
    expect(unlockAllowedAt(failures, after(59_999))).toEqual(after(60_000));
    expect(unlockAllowedAt(failures, after(60_000))).toBeNull();
    expect(unlockAllowedAt(failures, new Date(start.getTime() - 86_400_000))).toBeNull();
    expect(unlockAllowedAt(undefined, start)).toBeNull();
  });
});
