import { create } from 'zustand';
import type { ApiError, AppInfo, Settings, SettingsPatch } from '../../../core/api';
import { consoleClient } from '../api/client';

type SettingsState = Readonly<{
  info: AppInfo | null;
  settings: Settings | null;
  loadError: ApiError | null;
  saveError: ApiError | null;
  saving: boolean;
  /** True after the last save succeeded, until the next one starts. */
  saved: boolean;
  load: () => Promise<void>;
  saveSettings: (patch: SettingsPatch) => Promise<boolean>;
}>;

export const useSettingsStore = create<SettingsState>()((set) => ({
  info: null,
  settings: null,
  loadError: null,
  saveError: null,
  saving: false,
  saved: false,
  async load() {
    const [info, settings] = await Promise.all([consoleClient.invoke('app.info', {}), consoleClient.invoke('settings.get', {})]);
    if (!info.ok) return set({ loadError: info.error });
    if (!settings.ok) return set({ loadError: settings.error });
    set({ info: info.value, settings: settings.value, loadError: null });
  },
  async saveSettings(patch) {
    set({ saving: true, saved: false, saveError: null });
    const result = await consoleClient.invoke('settings.set', patch);
    if (!result.ok) {
      set({ saving: false, saved: false, saveError: result.error });
      return false;
    }
    set({ saving: false, saved: true, settings: result.value });
    return true;
  },
}));

consoleClient.on('settings.changed', (settings) => useSettingsStore.setState({ settings }));
