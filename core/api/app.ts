import { z } from 'zod';
import { defineCall } from './define';
import type { Settings } from './settings-schema';
import { settingsPatchSchema } from './settings-schema';

export type AppInfo = Readonly<{
  name: string;
  version: string;
  mode: 'electron' | 'browser';
  dataDir: string;
  platform: string;
  /**
   * The backend this console syncs with for as long as it runs, and where that came from:
   * `--backend` when started (browser mode), the Backend URL setting, or, with neither, the
   * built-in demo backend. A changed setting is used from the next start.
   */
  backend: Readonly<{ url: string; source: 'command_line' | 'settings' | 'built_in_demo' }>;
}>;

const noInput = z.object({}).strict();

export const appCalls = {
  'app.info': defineCall<AppInfo>()(noInput, 'Version, run mode and data folder of this console.'),
  'settings.get': defineCall<Settings>()(noInput, 'The saved settings.'),
  'settings.set': defineCall<Settings>()(settingsPatchSchema, 'Change some settings; returns all of them.'),
  'app.takeCallLink': defineCall<Readonly<{ link: string | null }>>()(
    noInput,
    'The call link a phone system opened the desktop console with (support-console://call?…), once; null when none is waiting.',
  ),
} as const;
