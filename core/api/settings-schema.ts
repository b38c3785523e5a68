import { z } from 'zod';
import { containsCardNumber } from '../domain';
import { maxCallIdChars } from './call-link';

const notHttpMessage = 'Backend URL must be an http:// or https:// address.';

/**
 * Why the console may not talk to this backend URL, or null when it may. https anywhere;
 * plain http only to this machine (127.0.0.0/8, ::1, `localhost`): over a network it would
 * carry agents' passwords and tokens, and customer data, readable and changeable by anyone
 * on the way. Checked by the settings, browser mode's `--backend` and the HTTP transport.
 * The message names the host only, never the whole URL (it may carry a user and password).
 */
export function backendUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return notHttpMessage;
  }
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol !== 'http:') return notHttpMessage;
  if (isLoopbackHost(parsed.hostname)) return null;
  return `Backend URL must use https:// for ${parsed.host}: plain http:// is allowed only to this machine (localhost, 127.0.0.1, [::1]), as it would send passwords, tokens and customer data unencrypted.`;
}

/** `hostname` as the URL parser leaves it: lower case, IPv4 in dotted decimal (127.1 is 127.0.0.1), IPv6 bracketed and shortened. */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** The most customers an agent may have open as tabs at once. */
export const maxOpenCustomers = 8;

const savedId = z.string().min(1).max(200);

/**
 * A tab's call id as saved: what a call link may carry (1–128 characters, no control or
 * invisible ones), and never a card number (settings are a plain file). Anything else only
 * loses the call id, not the tab (`readSettings` says so).
 */
const savedCallId = z
  .string()
  .max(2048)
  .pipe(
    z
      .string()
      .trim()
      .min(1)
      .max(maxCallIdChars)
      .regex(/^\P{C}+$/u)
      .refine((callId) => !containsCardNumber(callId)),
  )
  .optional()
  .catch(undefined);

/**
 * The customers open as tabs, kept so they open again after a restart: ids only, never a
 * name or any other customer data (settings are a plain file). Whose tabs they are, so
 * another agent signing in on this machine does not get them.
 */
export const openCustomersSchema = z
  .object({
    agentId: savedId,
    tabs: z
      .array(
        z
          .object({
            customerId: savedId,
            /** The procedure run open in the tab, if one was in progress. */
            runId: savedId.nullable(),
            /** The details tab shown (overview, subscriptions, …). */
            detailsTab: z.string().regex(/^[a-z-]{1,40}$/),
            /** The phone system's id of the call the tab is for (a screen pop), so a restart keeps it. */
            callId: savedCallId,
          })
          .strict(),
      )
      .max(maxOpenCustomers, { error: `At most ${maxOpenCustomers} customers can be open.` }),
    selectedCustomerId: savedId.nullable(),
  })
  .strict();

export type OpenCustomers = z.infer<typeof openCustomersSchema>;

const settingFields = {
  /** null: the built-in reference backend on demo data. */
  backendUrl: z
    .url({ protocol: /^https?$/, error: notHttpMessage })
    .max(2048)
    .superRefine((url, context) => {
      const problem = backendUrlProblem(url);
      // Not a URL, or not http(s): the check above has said so already.
      if (problem && problem !== notHttpMessage) context.addIssue({ code: 'custom', message: problem });
    })
    .nullable(),
  theme: z.enum(['light', 'dark', 'system'], { error: 'Theme must be light, dark or system.' }),
  density: z.enum(['comfortable', 'compact'], { error: 'Density must be comfortable or compact.' }),
  /** electron-updater checks; off by default so nothing phones home unasked. */
  updateChecks: z.boolean({ error: 'Update checks must be on or off.' }),
  /** Not shown in Settings: the tabs open when the console last ran (null: none). */
  openCustomers: openCustomersSchema.nullable(),
};

export const defaultSettings = Object.freeze({
  backendUrl: null,
  theme: 'system',
  density: 'comfortable',
  updateChecks: false,
  openCustomers: null,
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
  // A saved value this console cannot read (hand-edited, an older shape) only means no tabs to restore.
  openCustomers: settingFields.openCustomers.default(defaultSettings.openCustomers).catch(null),
});

export type Settings = z.infer<typeof settingsSchema>;

/**
 * Stored settings as the console uses them. A saved value it cannot use is dropped, with a
 * line in the log (`warn`), never a crash: the saved tabs as a whole, or one tab's call id
 * (never echoed: a hand-edited file may hold anything).
 */
export function readSettings(stored: unknown, warn: (message: string) => void): Settings {
  const settings = settingsSchema.parse(stored);
  const saved = (stored as { openCustomers?: { tabs?: unknown } | null } | null)?.openCustomers;
  if (saved != null && settings.openCustomers === null) warn('The saved customer tabs could not be read: none reopen.');
  const savedTabs = Array.isArray(saved?.tabs) ? (saved.tabs as ({ callId?: unknown } | null)[]) : [];
  settings.openCustomers?.tabs.forEach((tab, index) => {
    if (savedTabs[index]?.callId !== undefined && tab.callId === undefined)
      warn(`The saved call id of the tab of customer ${tab.customerId} is not a call id: the tab reopens without it.`);
  });
  return settings;
}

export const settingsPatchSchema = z
  .object(settingFields)
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Give at least one setting to change.' });

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
