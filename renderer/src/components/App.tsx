import { useEffect } from 'react';
import { useAppStore } from '../stores/app-store';
import { AboutPanel } from './AboutPanel';
import { SettingsForm } from './SettingsForm';
import { useThemeClass } from './use-theme';

export function App() {
  const { info, settings, loadError, saveError, saving, saved, load, saveSettings } = useAppStore();
  useEffect(() => {
    void load();
  }, [load]);
  useThemeClass(settings?.theme ?? 'system', settings?.density ?? 'comfortable');

  return (
    <div className="app">
      <header className="app-header">
        <h1>Support Console</h1>
      </header>
      <main className="app-main">
        {loadError ? (
          <p role="alert" className="field-error">
            {loadError.message}
          </p>
        ) : null}
        {info ? <AboutPanel info={info} /> : <p role="status">Connecting to the console…</p>}
        {settings ? <SettingsForm key={JSON.stringify(settings)} settings={settings} saving={saving} saved={saved} saveError={saveError} onSave={saveSettings} /> : null}
      </main>
    </div>
  );
}
