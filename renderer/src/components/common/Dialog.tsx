import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';

type Props = Readonly<{
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Plain text read as the dialog's description (e.g. the article's confirmation wording). */
  description?: string;
  className?: string;
  /** alertdialog for confirmations that need an answer. */
  role?: 'dialog' | 'alertdialog';
  /** Shortcut ids that still act while this dialog is open (renderer/src/shortcuts/actions.ts); none by default. */
  ownsShortcuts?: readonly string[];
}>;

/**
 * A modal dialog on the native <dialog> element (the page behind is inert). Focus moves to
 * the first control marked `data-autofocus` (else the first focusable one) on open, and back
 * to whatever had it before, on close.
 */
export function Dialog({ open, title, onClose, children, description, className, role = 'dialog', ownsShortcuts }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const target =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog.querySelector<HTMLElement>('input, select, textarea, button, [href], [tabindex]:not([tabindex="-1"])');
    target?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // The element may have left the page meanwhile (e.g. a finished step): then focus stays put.
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      className={['dialog', className].filter(Boolean).join(' ')}
      data-owns-shortcuts={ownsShortcuts?.join(' ')}
      onCancel={(event) => {
        // Escape: let React unmount it, so focus return runs in one place.
        event.preventDefault();
        onCloseRef.current();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {description ? (
        <p id={descriptionId} className="dialog-description">
          {description}
        </p>
      ) : null}
      {children}
    </dialog>
  );
}

type ConfirmProps = Readonly<{
  open: boolean;
  title: string;
  /** What doing it changes, in words. */
  description: string;
  /** The button that does it ("Sign out", "Discard change"). */
  confirmLabel: string;
  /** The button that does not, which has focus: Enter and Escape keep things as they are. */
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}>;

/** Asked before something that cannot be taken back; not doing it is the default. */
export function ConfirmDialog({ open, title, description, confirmLabel, cancelLabel, onConfirm, onCancel }: ConfirmProps) {
  return (
    <Dialog open={open} title={title} role="alertdialog" description={description} onClose={onCancel}>
      <div className="button-row">
        <button type="button" className="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="secondary" data-autofocus onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </Dialog>
  );
}
