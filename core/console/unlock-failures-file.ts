import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writePrivateFileAtomically } from '../security/private-files';
import type { UnlockFailures, UnlockFailureStore } from '../security/offline-unlock';

const fileSchema = z.record(z.string(), z.object({ count: z.int().min(1), lastAt: z.iso.datetime() }));

/**
 * Wrong offline-unlock passwords per agent, in a small JSON file of the data folder, so that
 * quitting and starting the console again does not reset the throttle. Only agents who signed
 * in on this machine get a record (the unlock checks that first), so the file stays small.
 * Written whole and atomically, owner-only.
 */
export function createUnlockFailureFile(file: string, onUnreadable: (message: string) => void): UnlockFailureStore {
  // A Map, not the parsed object: an email is data, never a property name like __proto__.
  function readAll(): Map<string, UnlockFailures> {
    if (!existsSync(file)) return new Map();
    try {
      return new Map(Object.entries(fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')))));
    } catch (error) {
      // Starting from nothing loses at most the current wait; refusing to unlock would lock every agent out.
      onUnreadable(
        `The offline sign-in attempts file ${file} could not be read (${error instanceof Error ? error.message : String(error)}); starting it afresh.`,
      );
      return new Map();
    }
  }

  const key = (email: string) => email.trim().toLowerCase();
  return {
    read: (email) => readAll().get(key(email)),
    write: (email, failures) => {
      const all = readAll();
      if (failures) all.set(key(email), failures);
      else if (!all.delete(key(email))) return;
      writePrivateFileAtomically(file, `${JSON.stringify(Object.fromEntries(all))}\n`);
    },
  };
}
