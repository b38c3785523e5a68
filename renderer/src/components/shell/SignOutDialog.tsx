import { ConfirmDialog } from '../common/Dialog';

type Props = Readonly<{
  open: boolean;
  /** The customers open in tabs. */
  customerNames: readonly string[];
  /** The runs in progress ("P7 Disable or enable a reseller"), in any tab. */
  runTitles: readonly string[];
  onConfirm: () => void;
  onCancel: () => void;
}>;

function inWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** What signing out would close, in words. */
export function signOutDescription(customerNames: readonly string[], runTitles: readonly string[]): string {
  const customers =
    customerNames.length === 0
      ? null
      : customerNames.length === 1
        ? `${customerNames[0]}’s workspace`
        : `the tabs of ${inWords(customerNames)}`;
  const runs =
    runTitles.length === 0
      ? null
      : runTitles.length === 1
        ? `the run ${runTitles[0]}, unfinished`
        : `the unfinished runs ${inWords(runTitles)}`;
  const open = [customers, runs].filter(Boolean);
  const saved = runTitles.length > 0 ? ' Unfinished runs stay saved, ready to resume.' : '';
  return `Signing out closes ${open.length > 0 ? open.join(' and ') : 'the open customer'}. A caller may still be on the line.${saved}`;
}

/** Asked before signing out with a customer or a run open; staying is the default (Enter, Escape). */
export function SignOutDialog({ open, customerNames, runTitles, onConfirm, onCancel }: Props) {
  return (
    <ConfirmDialog
      open={open}
      title="Sign out now?"
      description={signOutDescription(customerNames, runTitles)}
      confirmLabel="Sign out"
      cancelLabel="Stay signed in"
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
