import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SafeStorage } from 'electron';
import type { SecretStore } from '../core/console/secret-store';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export type SafeStorageSecretOptions = Readonly<{
  safeStorage: SafeStorageLike;
  /** Where the encrypted secret is kept (in Electron's userData). */
  file: string;
  logger: Readonly<{ warn: (message: string) => void }>;
}>;

/**
 * The agent's backend token, encrypted with the operating system's keychain through Electron's
 * `safeStorage` (Keychain, DPAPI, libsecret/kwallet). When no real keychain is there (Linux
 * without a secret service, where Electron falls back to a hard-coded key), the token is
 * kept in memory for this session only: never written in plain text, or as good as plain.
 * Must be created after the app is ready: before that, safeStorage cannot answer.
 */
export function createSafeStorageSecretStore(options: SafeStorageSecretOptions): SecretStore {
  const { safeStorage, file, logger } = options;
  let cached: string | null = null;
  let loaded = false;

  const canPersist = () => safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text';

  function load(): string | null {
    if (!existsSync(file)) return null;
    try {
      return safeStorage.decryptString(readFileSync(file));
    } catch {
      // Another user's or machine's keychain, or a damaged file: the agent signs in again.
      rmSync(file, { force: true });
      logger.warn('The saved sign-in could not be decrypted with this keychain and was removed; sign in again.');
      return null;
    }
  }

  return {
    get() {
      if (!loaded) {
        loaded = true;
        cached = canPersist() ? load() : null;
      }
      return cached;
    },
    set(value) {
      cached = value;
      loaded = true;
      if (!canPersist()) {
        logger.warn('No system keychain is available: the sign-in is kept for this session only.');
        rmSync(file, { force: true });
        return;
      }
      mkdirSync(dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, safeStorage.encryptString(value), { mode: 0o600 });
      renameSync(temporary, file);
    },
    clear() {
      cached = null;
      loaded = true;
      rmSync(file, { force: true });
    },
  };
}
