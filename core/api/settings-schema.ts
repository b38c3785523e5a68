import { z } from 'zod';

const settingFields = {
  /** null: the built-in reference backend on demo data. */
  backendUrl: z
    .url({ protocol: /^https?$/, error: 'Backend URL must be an http:// or https:// address.' })
    .max(2048)
    .nullable(),
  theme: z.enum(['light', 'dark', 'system'], { error: 'Theme must be light, dark or system.' }),
  density: z.enum(['comfortable', 'compact'], { error: 'Density must be comfortable or compact.' }),
  /** electron-updater checks; off by default so nothing phones home unasked. */
  updateChecks: z.boolean({ error: 'Update checks must be on or off.' }),
};

export const defaultSettings = Object.freeze({
  backendUrl: null,
  theme: 'system',
  density: 'comfortable',
  updateChecks: false,
} as const satisfies { [K in keyof typeof settingFields]: z.infer<(typeof settingFields)[K]> });

/**
 * The one settings schema: electron-store validates against it in Electron, the JSON
 * file store in browser mode. Every field has a default so an old or empty file loads.
 */
export const settingsSchema = z.object({
  backendUrl: settingFields.backendUrl.default(defaultSettings.backendUrl),
  theme: settingFields.theme.default(defaultSettings.theme),
  density: settingFields.density.default(defaultSettings.density),
  updateChecks: settingFields.updateChecks.default(defaultSettings.updateChecks),
});

export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = z
  .object(settingFields)
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Give at least one setting to change.' });

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
