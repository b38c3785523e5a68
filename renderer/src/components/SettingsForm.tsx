import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiError, Settings, SettingsPatch } from '../../../core/api';
import { settingsPatchSchema } from '../../../core/api';

type Props = Readonly<{
  settings: Settings;
  saving: boolean;
  saved: boolean;
  saveError: ApiError | null;
  onSave: (patch: SettingsPatch) => Promise<boolean>;
}>;

export function SettingsForm({ settings, saving, saved, saveError, onSave }: Props) {
  const [backendUrl, setBackendUrl] = useState(settings.backendUrl ?? '');
  const [theme, setTheme] = useState(settings.theme);
  const [density, setDensity] = useState(settings.density);

  const patch: SettingsPatch = { backendUrl: backendUrl.trim() === '' ? null : backendUrl.trim(), theme, density };
  const check = settingsPatchSchema.safeParse(patch);
  const urlError = check.success ? null : (check.error.issues.find((issue) => issue.path[0] === 'backendUrl')?.message ?? null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!check.success) return;
    await onSave(patch);
  }

  return (
    <section aria-labelledby="settings-heading" className="panel">
      <h2 id="settings-heading">Settings</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="backend-url">Backend URL</label>
          <input
            id="backend-url"
            type="url"
            value={backendUrl}
            placeholder="Built-in demo backend"
            aria-invalid={urlError !== null}
            aria-describedby={urlError ? 'backend-url-error' : 'backend-url-hint'}
            onChange={(event) => setBackendUrl(event.target.value)}
          />
          {urlError ? (
            <p id="backend-url-error" className="field-error" role="alert">
              {urlError}
            </p>
          ) : (
            <p id="backend-url-hint" className="hint">
              Leave empty to use the built-in demo backend.
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="theme">Theme</label>
          <select id="theme" value={theme} onChange={(event) => setTheme(event.target.value as Settings['theme'])}>
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="density">Density</label>
          <select id="density" value={density} onChange={(event) => setDensity(event.target.value as Settings['density'])}>
            <option value="comfortable">Comfortable</option>
            <option value="compact">Compact</option>
          </select>
        </div>
        <button type="submit" disabled={saving || !check.success}>
          Save settings
        </button>
        <p role="status" className="status">
          {saved ? 'Settings saved.' : ''}
        </p>
        {saveError ? (
          <p role="alert" className="field-error">
            {saveError.message}
          </p>
        ) : null}
      </form>
    </section>
  );
}
