import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Settings } from '../api';
import { readSettings, settingsSchema } from '../api';
import { ensurePrivateFolder, writePrivateFileAtomically } from '../security/private-files';

/** Where settings live: electron-store in Electron, a JSON file in browser mode. */
export type SettingsStore = Readonly<{
  read: () => Settings;
  write: (settings: Settings) => void;
}>;

/**
 * Browser mode's settings file. Writes go to a temporary file that is flushed and renamed
 * over the old one, so a crash mid-write leaves either the old or the new settings, never half.
 * Owner-only (0600), like everything in the data folder.
 */
export function createJsonSettingsStore(dataDir: string, onUnreadable: (message: string) => void): SettingsStore {
  const file = join(dataDir, 'settings.json');
  return {
    read() {
      if (!existsSync(file)) return settingsSchema.parse({});
      try {
        return readSettings(JSON.parse(readFileSync(file, 'utf8')), onUnreadable);
      } catch (error) {
        onUnreadable(`Settings file ${file} could not be read (${String(error)}); using defaults until settings are saved again.`);
        return settingsSchema.parse({});
      }
    },
    write(settings) {
      ensurePrivateFolder(dirname(file));
      writePrivateFileAtomically(file, `${JSON.stringify(settings, null, 2)}\n`);
    },
  };
}
