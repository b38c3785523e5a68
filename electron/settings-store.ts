import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ipcMain } from 'electron';
import Store from 'electron-store';
import type { Schema } from 'electron-store';
import { z } from 'zod';
import { defaultSettings, readSettings, settingsSchema } from '../core/api/settings-schema';
import { privateFileMode } from '../core/security/private-files';
import type { Settings } from '../core/api/settings-schema';
import type { SettingsStore } from '../core/console/settings-store';
import type { SavedWindowState } from './window-state';

/**
 * Electron's settings: electron-store, validated against the same zod schema as browser
 * mode. electron-store checks its JSON schema (derived from the zod one) on every read and
 * write; zod then checks what JSON schema cannot say (an http/https backend URL).
 */

export const settingsFileName = 'settings';

/** electron-store registers this channel for stores opened in a renderer; we have none, and no channel may skip the sender check. */
const electronStoreChannel = 'electron-store-get-data';

const settingsJsonSchema = z.toJSONSchema(settingsSchema, { io: 'input' });

type SettingsFile = Store<Settings>;
export type SettingsMigration = (store: Pick<SettingsFile, 'store' | 'delete'>) => void;

/**
 * Store migrations, keyed by the app version that introduced them; electron-store runs the
 * ones newer than the file and not newer than `app.getVersion()`, in order, once. Never edit
 * one that has shipped: add a new one.
 */
export const settingsMigrations: Readonly<Record<string, SettingsMigration>> = {
  // First release: keep only known fields with valid values, so a file left by a
  // pre-release build loads with defaults instead of refusing to start.
  '0.1.0': (store) => {
    const fields = settingsSchema.shape;
    for (const [name, value] of Object.entries(store.store)) {
      if (name === '__internal__') continue;
      const field = (fields as Record<string, z.ZodType>)[name];
      if (field === undefined || !field.safeParse(value).success) store.delete(name as keyof Settings);
    }
  },
};

export type SettingsStoreOptions = Readonly<{
  /** The folder of the settings file (Electron's userData). */
  cwd: string;
  logger: Readonly<{ warn: (message: string) => void }>;
  /** For tests: when the file was set aside. */
  now?: () => Date;
}>;

function openStore(options: SettingsStoreOptions): SettingsFile {
  const store = new Store<Settings>({
    name: settingsFileName,
    cwd: options.cwd,
    schema: settingsJsonSchema.properties as Schema<Settings>,
    defaults: { ...defaultSettings },
    migrations: { ...settingsMigrations },
    clearInvalidConfig: false,
    configFileMode: privateFileMode,
  });
  ipcMain.removeAllListeners(electronStoreChannel);
  return store;
}

/**
 * Opens the settings. A file that cannot be read (hand-edited, half-written) is set aside
 * next to it, never deleted, and the console starts on defaults: the agent can keep working
 * and support can look at what was there.
 */
export function openSettingsStore(options: SettingsStoreOptions): SettingsStore {
  let store: SettingsFile;
  try {
    store = openStore(options);
  } catch (error) {
    const file = join(options.cwd, `${settingsFileName}.json`);
    const asideName = `${settingsFileName}.unreadable-${(options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')}.json`;
    if (existsSync(file)) renameSync(file, join(options.cwd, asideName));
    options.logger.warn(
      `Settings could not be read (${error instanceof Error ? error.message : String(error)}); set aside as ${asideName}, using defaults.`,
    );
    store = openStore(options);
  }

  return {
    read() {
      try {
        const { __internal__: _internal, ...fields } = store.store as Settings & { __internal__?: unknown };
        return readSettings(fields, options.logger.warn);
      } catch (error) {
        options.logger.warn(
          `Settings could not be read (${error instanceof Error ? error.message : String(error)}); using defaults until they are saved again.`,
        );
        return settingsSchema.parse({});
      }
    },
    write(settings) {
      store.set(settingsSchema.parse(settings));
    },
  };
}

/** The window's last size and position: not a setting, but kept the same way, next to the settings. */
export function openWindowStateStore(cwd: string): Readonly<{ read: () => unknown; write: (state: SavedWindowState) => void }> {
  const store = new Store<{ window?: SavedWindowState }>({
    name: 'window-state',
    cwd,
    clearInvalidConfig: true,
    configFileMode: privateFileMode,
  });
  ipcMain.removeAllListeners(electronStoreChannel);
  return {
    // Checked by restoreWindowPlacement: a bad value only means the default placement.
    read: () => store.get('window'),
    write: (state) => store.set('window', state),
  };
}
