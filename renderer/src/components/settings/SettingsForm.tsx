import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiError, AppInfo, Settings, SettingsPatch } from '../../../../core/api';
import { settingsPatchSchema } from '../../../../core/api';
import { fieldErrorsOf } from '../../lib/validation';
import { SelectField, TextField } from '../common/Field';
import { backendFieldHint, backendFieldPlaceholder } from './backend-in-use';

type Props = Readonly<{
  settings: Settings;
  /** The backend this console talks to now (null until `app.info` answered). */
  backendInUse: AppInfo['backend'] | null;
  saving: boolean;
  saved: boolean;
  saveError: ApiError | null;
  onSave: (patch: SettingsPatch) => Promise<boolean>;
}>;

const themeChoices = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const;

const densityChoices = [
  { value: 'comfortable', label: 'Comfortable' },
  { value: 'compact', label: 'Compact' },
] as const;

export function SettingsForm({ settings, backendInUse, saving, saved, saveError, onSave }: Props) {
  const [backendUrl, setBackendUrl] = useState(settings.backendUrl ?? '');
  const [theme, setTheme] = useState(settings.theme);
  const [density, setDensity] = useState(settings.density);

  const patch: SettingsPatch = { backendUrl: backendUrl.trim() === '' ? null : backendUrl.trim(), theme, density };
  const errors = fieldErrorsOf(settingsPatchSchema, patch);
  const valid = Object.keys(errors).length === 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!valid) return;
    await onSave(patch);
  }

  return (
    <section aria-labelledby="settings-heading" className="panel">
      <h2 id="settings-heading">Settings</h2>
      <form onSubmit={submit} noValidate>
        <TextField
          id="backend-url"
          label="Backend URL"
          type="url"
          value={backendUrl}
          placeholder={backendInUse ? backendFieldPlaceholder(backendInUse) : 'Built-in demo backend'}
          error={errors['backendUrl']}
          hint={backendInUse ? backendFieldHint(backendInUse, patch.backendUrl ?? null) : 'Leave empty to use the built-in demo backend.'}
          onChange={setBackendUrl}
        />
        <SelectField
          id="theme"
          label="Theme"
          value={theme}
          choices={themeChoices}
          onChange={(value) => setTheme(value as Settings['theme'])}
        />
        <SelectField
          id="density"
          label="Density"
          value={density}
          choices={densityChoices}
          onChange={(value) => setDensity(value as Settings['density'])}
        />
        <button type="submit" disabled={saving || !valid}>
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
