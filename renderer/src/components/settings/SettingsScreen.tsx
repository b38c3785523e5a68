import type { ApiError, AppInfo, Settings, SettingsPatch } from '../../../../core/api';
import { AboutPanel } from './AboutPanel';
import { SettingsForm } from './SettingsForm';

type Props = Readonly<{
  info: AppInfo | null;
  settings: Settings | null;
  saving: boolean;
  saved: boolean;
  saveError: ApiError | null;
  onSave: (patch: SettingsPatch) => Promise<boolean>;
  onBack: () => void;
}>;

export function SettingsScreen({ info, settings, saving, saved, saveError, onSave, onBack }: Props) {
  return (
    <div className="screen screen-narrow">
      <div className="screen-title">
        <h1 tabIndex={-1} data-screen-heading>
          Settings
        </h1>
        <button type="button" className="secondary" onClick={onBack}>
          Back
        </button>
      </div>
      {settings ? (
        <SettingsForm key={JSON.stringify(settings)} settings={settings} saving={saving} saved={saved} saveError={saveError} onSave={onSave} />
      ) : (
        <p role="status">Loading settings…</p>
      )}
      {info ? <AboutPanel info={info} /> : null}
    </div>
  );
}
