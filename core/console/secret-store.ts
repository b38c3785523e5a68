/**
 * Where the agent's backend token is kept between calls. In Electron it is encrypted with the
 * operating system's keychain (`safeStorage`); in browser mode it lives in memory only, so
 * it is never written in plain text and a restart asks the agent to sign in again.
 */
export type SecretStore = Readonly<{
  get(): string | null;
  set(value: string): void;
  clear(): void;
}>;

export function createMemorySecretStore(): SecretStore {
  let secret: string | null = null;
  return {
    get: () => secret,
    set: (value) => {
      secret = value;
    },
    clear: () => {
      secret = null;
    },
  };
}
