import type { Settings } from './settings-schema';

/**
 * Events the main process pushes to the renderer. Payloads are produced by our own
 * main process, so they are typed, not validated.
 */
export type ConsoleEventMap = {
  'settings.changed': Settings;
};

const eventNameSet = {
  'settings.changed': true,
} as const satisfies Record<keyof ConsoleEventMap, true>;

export const eventNames = Object.keys(eventNameSet) as Array<keyof ConsoleEventMap & string>;

export function isEventName(name: string): name is keyof ConsoleEventMap & string {
  return Object.hasOwn(eventNameSet, name);
}
