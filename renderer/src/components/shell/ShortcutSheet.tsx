import { chordsOf, shortcuts } from '../../../../core/api/shortcuts';
import type { KeyPlatform, Shortcut, ShortcutMenu } from '../../../../core/api/shortcuts';
import { chordLabel, chordSpoken, keptByBrowser } from '../../../../core/api/shortcut-keys';
import { Dialog } from '../common/Dialog';

type Props = Readonly<{
  open: boolean;
  platform: KeyPlatform;
  /** Browser mode: chords the browser keeps for itself are marked as the desktop app's. */
  inBrowser: boolean;
  onClose: () => void;
}>;

/** The sheet's sections, in this order; settings and help share one. */
const sectionOf: Readonly<Record<ShortcutMenu, string>> = {
  customer: 'Customers and tabs',
  procedure: 'Checklist',
  sync: 'Sync and outbox',
  settings: 'Console',
  help: 'Console',
};

function Keys({ shortcut, platform, inBrowser }: Readonly<{ shortcut: Shortcut; platform: KeyPlatform; inBrowser: boolean }>) {
  const chords = chordsOf(shortcut, platform);
  return (
    <>
      {chords.map((chord, index) => (
        <span key={chord.text} className="shortcut-chord">
          {index > 0 ? ' or ' : null}
          <kbd>
            <span aria-hidden="true">{chordLabel(chord, platform)}</span>
            <span className="visually-hidden">{chordSpoken(chord, platform)}</span>
          </kbd>
          {inBrowser && keptByBrowser(chord, platform) ? <span className="hint"> (desktop app; the browser keeps it)</span> : null}
        </span>
      ))}
    </>
  );
}

/** `?`: every shortcut of the table with its keys, as this platform writes them. */
export function ShortcutSheet({ open, platform, inBrowser, onClose }: Props) {
  const titles = [...new Set(Object.values(sectionOf))];
  const primary = platform === 'mac' ? '⌘' : 'Ctrl';
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose} className="shortcut-sheet" ownsShortcuts={['show-shortcuts']}>
      <p className="hint">
        Keys with {primary} work from anywhere, text fields included; the others only outside a text field. None acts while a dialog is
        open. Escape closes this sheet.
      </p>
      <table className="shortcut-table">
        {titles.map((title) => {
          const rows = shortcuts.filter((shortcut) => sectionOf[shortcut.menu] === title);
          return (
            <tbody key={title}>
              <tr>
                <th scope="colgroup" colSpan={2}>
                  {title}
                </th>
              </tr>
              {rows.map((shortcut) => (
                <tr key={shortcut.id} data-shortcut={shortcut.id}>
                  <th scope="row">{shortcut.description}</th>
                  <td>
                    <Keys shortcut={shortcut} platform={platform} inBrowser={inBrowser} />
                  </td>
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
      <div className="button-row">
        <button type="button" data-autofocus onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
