import { chordsOf, shortcutById } from '../../../core/api/shortcuts';
import type { ShortcutId } from '../../../core/api/shortcuts';
import { ariaKeyShortcut, chordLabel } from '../../../core/api/shortcut-keys';
import { keyPlatform } from './platform';

/** The first key of a shortcut as this platform shows it ("⌘K", "Ctrl+K"), for a button beside its action. */
export function shortcutKeyLabel(id: ShortcutId): string {
  const [first] = chordsOf(shortcutById(id), keyPlatform);
  return first ? chordLabel(first, keyPlatform) : '';
}

/** Every key of a shortcut, in `aria-keyshortcuts` form ("Control+K"). */
export function shortcutAria(id: ShortcutId): string {
  return chordsOf(shortcutById(id), keyPlatform).map(ariaKeyShortcut).join(' ');
}
