import { firesWhileTyping, matchesChord, parseChord } from './shortcut-keys';
import type { Chord, KeyPlatform, KeyPress } from './shortcut-keys';

/**
 * Every keyboard shortcut of the console, written once. The key handler, the `?` sheet, the
 * Electron menu and the tests all read this table. A shortcut's action is the console command
 * of the same id: the native menu sends it as `menu.command`, and the renderer runs it through
 * one function per id (`renderer/src/shortcuts/actions.ts`, typed against this table, so a
 * shortcut without an action does not compile), whether a key or the menu asked.
 *
 * Keys are chords per platform: Cmd on macOS where Windows and Linux use Ctrl. The first chord
 * with Cmd, Ctrl or a function key is the one the menu shows (see `menuChord`); the others
 * are alternatives, mostly for a browser tab, where Chromium keeps some chords for itself
 * (`keptByBrowser`).
 */
export const shortcutIds = [
  'search',
  'next-caller',
  'next-tab',
  'previous-tab',
  'close-tab',
  'show-callbacks',
  'complete-step',
  'back-step',
  'show-queue',
  'sync-now',
  'show-approvals',
  'approve-request',
  'decline-request',
  'settings',
  'show-shortcuts',
] as const;
export type ShortcutId = (typeof shortcutIds)[number];

/** The menu a shortcut's item sits in (electron/menu.ts builds them in this order). */
export type ShortcutMenu = 'customer' | 'procedure' | 'sync' | 'settings' | 'help';

export type Shortcut = Readonly<{
  id: ShortcutId;
  /** What it does, as the `?` sheet says it. */
  description: string;
  /** The native menu item's label. */
  menuLabel: string;
  menu: ShortcutMenu;
  keys: Readonly<Record<KeyPlatform, readonly string[]>>;
}>;

export const shortcuts: readonly Shortcut[] = [
  {
    id: 'search',
    description: 'Search for a caller or a procedure (focus in the search box)',
    menuLabel: 'Find Customer or Procedure…',
    menu: 'customer',
    keys: { mac: ['Cmd+K'], other: ['Ctrl+K'] },
  },
  {
    id: 'next-caller',
    description: 'Next caller: an empty search',
    menuLabel: 'Next Caller',
    menu: 'customer',
    keys: { mac: ['Cmd+N'], other: ['Ctrl+N'] },
  },
  {
    // Ctrl+Tab is every tabbed program's; a browser tab never sees it, so Alt+arrows too
    // (the browser's back and forward, which a page may take; the console has no history).
    id: 'next-tab',
    description: 'Next customer tab',
    menuLabel: 'Next Tab',
    menu: 'customer',
    keys: { mac: ['Ctrl+Tab', 'Alt+ArrowRight'], other: ['Ctrl+Tab', 'Alt+ArrowRight'] },
  },
  {
    id: 'previous-tab',
    description: 'Previous customer tab',
    menuLabel: 'Previous Tab',
    menu: 'customer',
    keys: { mac: ['Ctrl+Shift+Tab', 'Alt+ArrowLeft'], other: ['Ctrl+Shift+Tab', 'Alt+ArrowLeft'] },
  },
  {
    id: 'close-tab',
    description: 'Close the customer tab',
    menuLabel: 'Close Tab',
    menu: 'customer',
    keys: { mac: ['Cmd+W', 'Alt+W'], other: ['Ctrl+W', 'Alt+W'] },
  },
  {
    id: 'show-callbacks',
    description: 'Callbacks due',
    menuLabel: 'Callbacks Due',
    menu: 'customer',
    keys: { mac: ['Cmd+Shift+B'], other: ['Ctrl+Shift+B'] },
  },
  {
    // Ctrl+Enter types nothing, even in a text area: it works from the step's own fields.
    id: 'complete-step',
    description: 'Complete the current step (its Next, Finish or Done button; never sends a change or answers for the customer)',
    menuLabel: 'Complete Step',
    menu: 'procedure',
    keys: { mac: ['Cmd+Enter'], other: ['Ctrl+Enter'] },
  },
  {
    id: 'back-step',
    description: 'Back a step',
    menuLabel: 'Back a Step',
    menu: 'procedure',
    keys: { mac: ['Cmd+Shift+Enter'], other: ['Ctrl+Shift+Enter'] },
  },
  {
    // Not Ctrl+Shift+U: on Linux, IBus takes it for Unicode entry in every text field.
    id: 'show-queue',
    description: 'Open the outbox (changes waiting for the backend)',
    menuLabel: 'Open Outbox',
    menu: 'sync',
    keys: { mac: ['Cmd+Shift+O'], other: ['Ctrl+Shift+O'] },
  },
  {
    id: 'sync-now',
    description: 'Sync now',
    menuLabel: 'Sync Now',
    menu: 'sync',
    keys: { mac: ['F5'], other: ['F5'] },
  },
  {
    id: 'show-approvals',
    description: 'Open the approvals queue (requests waiting for a supervisor)',
    menuLabel: 'Approvals',
    menu: 'procedure',
    keys: { mac: ['Cmd+Shift+L'], other: ['Ctrl+Shift+L'] },
  },
  {
    // One key, outside a text field, on the request in focus in the approvals queue; it opens the
    // confirmation with the reason, so a stray key decides nothing. F7 is the menu's key.
    id: 'approve-request',
    description: 'Approve the request in focus (approvals queue; asks you to confirm the reason)',
    menuLabel: 'Approve Request…',
    menu: 'procedure',
    keys: { mac: ['A', 'F7'], other: ['A', 'F7'] },
  },
  {
    id: 'decline-request',
    description: 'Decline the request in focus (approvals queue; asks you for the reason)',
    menuLabel: 'Decline Request…',
    menu: 'procedure',
    keys: { mac: ['D', 'F8'], other: ['D', 'F8'] },
  },
  {
    id: 'settings',
    description: 'Open settings',
    menuLabel: 'Settings…',
    menu: 'settings',
    keys: { mac: ['Cmd+,'], other: ['Ctrl+,'] },
  },
  {
    id: 'show-shortcuts',
    description: 'Show these keyboard shortcuts',
    menuLabel: 'Keyboard Shortcuts',
    menu: 'help',
    keys: { mac: ['?', 'Cmd+/'], other: ['?', 'Ctrl+/'] },
  },
];

export function shortcutById(id: ShortcutId): Shortcut {
  const shortcut = shortcuts.find((each) => each.id === id);
  if (!shortcut) throw new Error(`No shortcut "${id}".`);
  return shortcut;
}

/** The chords of a shortcut on a platform, parsed (a malformed chord in the table throws here, and in the tests). */
export function chordsOf(shortcut: Shortcut, platform: KeyPlatform): Chord[] {
  return shortcut.keys[platform].map((text) => parseChord(text, platform));
}

/**
 * The chord a menu shows: the first with Cmd, Ctrl or a function key. A menu never gets a
 * chord that types (`?`): macOS hands the menu every key a page did not cancel, so the item
 * would fire on a `?` typed into a field.
 */
export function menuChord(shortcut: Shortcut, platform: KeyPlatform): Chord | null {
  return chordsOf(shortcut, platform).find((chord) => chord.meta || chord.ctrl || /^F\d{1,2}$/.test(chord.key)) ?? null;
}

/**
 * The shortcut a key press means, or null. `typing`: focus is in a field where the chord
 * might type or move the caret; chords that would (`firesWhileTyping`) do not match there,
 * so the key does what the field does with it.
 */
export function matchShortcut(press: KeyPress, context: Readonly<{ platform: KeyPlatform; typing: boolean }>): ShortcutId | null {
  for (const shortcut of shortcuts) {
    for (const chord of chordsOf(shortcut, context.platform)) {
      if (context.typing && !firesWhileTyping(chord, context.platform)) continue;
      if (matchesChord(press, chord)) return shortcut.id;
    }
  }
  return null;
}

export type { Chord, KeyPlatform, KeyPress } from './shortcut-keys';
