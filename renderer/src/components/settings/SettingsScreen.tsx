import type { ApiError, AppInfo, Settings, SettingsPatch } from '../../../../core/api';
import { NarrowScreen } from '../common/Screen';
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
  /** Browser mode: whether callback reminders may also show as system notifications. */
  notifications: NotificationPermission | 'unsupported' | 'native';
  onAllowNotifications: () => void;
}>;

const notificationText = {
  native: 'The desktop app shows callback reminders as system notifications.',
  granted: 'Callback reminders also show as system notifications.',
  denied: 'System notifications are blocked for this page; callback reminders show inside the console only.',
  default: 'Callback reminders show inside the console. They can also show as system notifications.',
  unsupported: 'This browser has no system notifications; callback reminders show inside the console.',
} as const;

export function SettingsScreen({ info, settings, saving, saved, saveError, onSave, onBack, notifications, onAllowNotifications }: Props) {
  return (
    <NarrowScreen title="Settings" onBack={onBack}>
      {settings ? (
        <SettingsForm
          key={JSON.stringify(settings)}
          settings={settings}
          backendInUse={info?.backend ?? null}
          saving={saving}
          saved={saved}
          saveError={saveError}
          onSave={onSave}
        />
      ) : (
        <p role="status">Loading settings…</p>
      )}
      <section className="panel" aria-labelledby="reminders-heading">
        <h2 id="reminders-heading">Callback reminders</h2>
        <p>{notificationText[notifications]}</p>
        {notifications === 'default' ? (
          <button type="button" className="secondary" onClick={onAllowNotifications}>
            Allow system notifications
          </button>
        ) : null}
      </section>
      {info ? <AboutPanel info={info} /> : null}
    </NarrowScreen>
  );
}
