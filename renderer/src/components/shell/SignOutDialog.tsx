import { Dialog } from '../common/Dialog';

type Props = Readonly<{
  open: boolean;
  /** The open customer's name, if one is open. */
  customerName: string | null;
  /** The run in progress ("P7 Disable or enable a reseller"), if one is. */
  runTitle: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}>;

/** What signing out would close, in words. */
export function signOutDescription(customerName: string | null, runTitle: string | null): string {
  const open = [customerName ? `${customerName}’s workspace` : null, runTitle ? `the run ${runTitle}, unfinished` : null].filter(Boolean);
  return `Signing out closes ${open.length > 0 ? open.join(' and ') : 'the open customer'}. A caller may still be on the line.`;
}

/** Asked before signing out with a customer or a run open; staying is the default (Enter, Escape). */
export function SignOutDialog({ open, customerName, runTitle, onConfirm, onCancel }: Props) {
  return (
    <Dialog open={open} title="Sign out now?" role="alertdialog" description={signOutDescription(customerName, runTitle)} onClose={onCancel}>
      <div className="button-row">
        <button type="button" className="danger" onClick={onConfirm}>
          Sign out
        </button>
        <button type="button" className="secondary" data-autofocus onClick={onCancel}>
          Stay signed in
        </button>
      </div>
    </Dialog>
  );
}
