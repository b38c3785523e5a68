import { randomBytes, scryptSync } from 'node:crypto';

/** An offline-unlock hash as versions before N = 2^17 made them (N = 16384). */
export function oldOfflineHash(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64'), hash.toString('base64')].join('$');
}
