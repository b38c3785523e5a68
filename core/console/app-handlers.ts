import { ConsoleError, settingsSchema } from '../api';
import type { AppInfo } from '../api';
import { describeIssues } from './dispatch';
import type { EventHub } from './events';
import type { HandlerGroup } from './handlers';
import type { SettingsStore } from './settings-store';

export type AppHandlerDeps = Readonly<{
  info: AppInfo;
  settings: SettingsStore;
  events: EventHub;
}>;

export function createAppHandlers(deps: AppHandlerDeps): HandlerGroup<'app.info' | 'settings.get' | 'settings.set'> {
  return {
    'app.info': () => deps.info,
    'settings.get': () => deps.settings.read(),
    'settings.set': (patch) => {
      const merged = settingsSchema.safeParse({ ...deps.settings.read(), ...patch });
      if (!merged.success) {
        throw new ConsoleError('invalid_input', 'Those settings cannot be saved together.', describeIssues(merged.error));
      }
      deps.settings.write(merged.data);
      deps.events.emit('settings.changed', merged.data);
      return merged.data;
    },
  };
}
