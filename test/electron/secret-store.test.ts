import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemorySecretStore } from '../../core/console/secret-store';
import { createSafeStorageSecretStore } from '../../electron/secret-store';
import type { SafeStorageLike } from '../../electron/secret-store';

/** A keychain stand-in: "encrypts" by reversing and tagging, so the plain text never appears in the file. */
function fakeSafeStorage(overrides: Partial<SafeStorageLike> = {}): SafeStorageLike {
  return {
    isEncryptionAvailable: () => true,
    encryptString: (plain) => Buffer.from(`enc:${[...plain].reverse().join('')}`),
    decryptString: (encrypted) => {
      const text = encrypted.toString();
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return [...text.slice(4)].reverse().join('');
    },
    ...overrides,
  };
}

const token = 'agent-token-7f3a9c';
let folder: string;
let file: string;
const logger = { warn: vi.fn() };

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'secret-store-'));
  file = join(folder, 'agent-token.bin');
  logger.warn.mockClear();
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('createSafeStorageSecretStore', () => {
  it('keeps the token encrypted on disk, never in plain text, and reads it back after a restart', () => {
    createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file, logger }).set(token);
    expect(readFileSync(file).toString()).not.toContain(token);
    expect(createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file, logger }).get()).toBe(token);
  });

  it('forgets the token on clear, on disk too', () => {
    const store = createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file, logger });
    store.set(token);
    store.clear();
    expect(store.get()).toBeNull();
    expect(existsSync(file)).toBe(false);
  });

  it.each([
    ['encryption is unavailable', fakeSafeStorage({ isEncryptionAvailable: () => false })],
    ['Linux falls back to its hard-coded key', fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' })],
  ])('keeps the token in memory only when %s', (_why, safeStorage) => {
    const store = createSafeStorageSecretStore({ safeStorage, file, logger });
    store.set(token);
    expect(store.get()).toBe(token);
    expect(existsSync(file)).toBe(false);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('this session only'));
    expect(createSafeStorageSecretStore({ safeStorage, file, logger }).get()).toBeNull();
  });

  it('removes a file this keychain cannot decrypt and asks for a new sign-in', () => {
    writeFileSync(file, 'written by another machine');
    expect(createSafeStorageSecretStore({ safeStorage: fakeSafeStorage(), file, logger }).get()).toBeNull();
    expect(existsSync(file)).toBe(false);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('sign in again'));
  });
});

describe('createMemorySecretStore (browser mode)', () => {
  it('holds the token for the run only', () => {
    const store = createMemorySecretStore();
    expect(store.get()).toBeNull();
    store.set(token);
    expect(store.get()).toBe(token);
    store.clear();
    expect(store.get()).toBeNull();
    expect(createMemorySecretStore().get()).toBeNull();
  });
});
