import type { Toast } from '../../stores/ui-store';

type Props = Readonly<{ toasts: readonly Toast[]; onDismiss: (id: number) => void }>;

/** In-app notifications (callback reminders, sync results). A polite live region: never steals focus. */
export function Toasts({ toasts, onDismiss }: Props) {
  return (
    <section className="toasts" aria-label="Notifications" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : undefined}>
          <p className="toast-title">{toast.title}</p>
          {toast.body ? <p className="toast-body">{toast.body}</p> : null}
          <button type="button" className="secondary small" onClick={() => onDismiss(toast.id)} aria-label={`Dismiss: ${toast.title}`}>
            Dismiss
          </button>
        </div>
      ))}
    </section>
  );
}
