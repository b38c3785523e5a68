import { describe, expect, it } from 'vitest';
import { menuCommands } from '../../../core/api/events';
import { chordLabel, chordSpoken, electronAccelerator, firesWhileTyping, keptByBrowser, parseChord } from '../../../core/api/shortcut-keys';
import type { KeyPlatform, KeyPress } from '../../../core/api/shortcut-keys';
import { chordsOf, matchShortcut, menuChord, shortcutIds, shortcuts } from '../../../core/api/shortcuts';

const platforms: readonly KeyPlatform[] = ['mac', 'other'];

/** A key press as the browser reports it; `key` defaults from the code's letter. */
function press(key: string, modifiers: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress {
  return {
    key,
    code: modifiers.code ?? (key.length === 1 && /[a-z]/i.test(key) ? `Key${key.toUpperCase()}` : ''),
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...modifiers,
  };
}

const outside = (platform: KeyPlatform) => ({ platform, typing: false });
const inField = (platform: KeyPlatform) => ({ platform, typing: true });

describe('the shortcut table', () => {
  it('has one entry per id, and every id is a menu command', () => {
    expect(shortcuts.map((shortcut) => shortcut.id)).toEqual([...shortcutIds]);
    expect([...menuCommands]).toEqual([...shortcutIds]);
  });

  it.each(platforms)('parses every chord on %s and never gives one chord two shortcuts', (platform) => {
    const all = shortcuts.flatMap((shortcut) => chordsOf(shortcut, platform).map((chord) => electronAccelerator(chord)));
    expect(new Set(all).size).toBe(all.length);
  });

  it('uses Cmd on macOS where Windows and Linux use Ctrl, and Control on a Mac only for Ctrl+Tab', () => {
    for (const shortcut of shortcuts) {
      const mac = shortcut.keys.mac.map((text) => text.replace(/^Cmd\+/, 'Ctrl+'));
      expect(mac, shortcut.id).toEqual(shortcut.keys.other);
      // Control+letter edits text on a Mac (Control+K deletes to the end of the line).
      for (const chord of chordsOf(shortcut, 'mac')) if (chord.ctrl) expect(chord.key, shortcut.id).toBe('Tab');
    }
  });

  it.each(platforms)('gives every shortcut a menu chord on %s that types nothing', (platform) => {
    for (const shortcut of shortcuts) {
      const chord = menuChord(shortcut, platform);
      expect(chord, shortcut.id).not.toBeNull();
      expect(firesWhileTyping(chord!, platform), shortcut.id).toBe(true);
    }
  });

  it.each(platforms)('gives every shortcut a key a browser tab lets the page have on %s (Next Caller is Search again)', (platform) => {
    const desktopOnly = shortcuts.filter((shortcut) => chordsOf(shortcut, platform).every((chord) => keptByBrowser(chord, platform)));
    expect(desktopOnly.map((shortcut) => shortcut.id)).toEqual(['next-caller']);
    // Chromium keeps tab switching and closing in a normal tab: those shortcuts need their alternatives.
    expect(
      chordsOf(
        shortcuts.find((s) => s.id === 'next-tab')!,
        platform,
      ).map((chord) => keptByBrowser(chord, platform)),
    ).toEqual([true, false]);
  });

  it.each(platforms)('takes no chord a text field uses for editing on %s', (platform) => {
    const editing =
      platform === 'mac'
        ? [
            'Cmd+A',
            'Cmd+C',
            'Cmd+V',
            'Cmd+X',
            'Cmd+Z',
            'Cmd+Shift+Z',
            'Cmd+ArrowLeft',
            'Cmd+ArrowRight',
            'Cmd+Backspace',
            'Alt+Backspace',
            'Cmd+Shift+ArrowLeft',
            'Cmd+Shift+ArrowRight',
          ]
        : [
            'Ctrl+A',
            'Ctrl+C',
            'Ctrl+V',
            'Ctrl+X',
            'Ctrl+Z',
            'Ctrl+Y',
            'Ctrl+ArrowLeft',
            'Ctrl+ArrowRight',
            'Ctrl+Backspace',
            'Ctrl+Delete',
            'Ctrl+Shift+ArrowLeft',
            'Ctrl+Shift+ArrowRight',
            'Ctrl+Shift+U',
          ];
    const taken = new Set(shortcuts.flatMap((shortcut) => chordsOf(shortcut, platform).map(electronAccelerator)));
    for (const text of editing) expect(taken.has(electronAccelerator(parseChord(text, platform))), text).toBe(false);
  });
});

describe('chords', () => {
  it('refuses what is not a chord, with the reason', () => {
    expect(() => parseChord('Cmd+K', 'other')).toThrow(/macOS only/);
    expect(() => parseChord('Hyper+K', 'mac')).toThrow(/unknown modifier "Hyper"/);
    expect(() => parseChord('Ctrl+Ctrl+K', 'other')).toThrow(/repeats/);
    expect(() => parseChord('Ctrl+Return', 'other')).toThrow(/unknown key "Return"/);
    expect(() => parseChord('Ctrl+', 'other')).toThrow(/unknown key/);
  });

  it('shows keys with the platform symbols on macOS and names elsewhere', () => {
    const label = (text: string, platform: KeyPlatform) => chordLabel(parseChord(text, platform), platform);
    expect(label('Cmd+K', 'mac')).toBe('⌘K');
    expect(label('Ctrl+Shift+Tab', 'mac')).toBe('⌃⇧Tab');
    expect(label('Alt+ArrowRight', 'mac')).toBe('⌥→');
    expect(label('Cmd+Shift+Enter', 'mac')).toBe('⇧⌘↩');
    expect(label('Cmd+,', 'mac')).toBe('⌘,');
    expect(label('Ctrl+K', 'other')).toBe('Ctrl+K');
    expect(label('Ctrl+Shift+Tab', 'other')).toBe('Ctrl+Shift+Tab');
    expect(label('Alt+ArrowLeft', 'other')).toBe('Alt+←');
    expect(label('Ctrl+Enter', 'other')).toBe('Ctrl+Enter');
    expect(label('?', 'other')).toBe('?');
    expect(chordSpoken(parseChord('Alt+ArrowRight', 'mac'), 'mac')).toBe('Option Right Arrow');
    expect(chordSpoken(parseChord('Cmd+Enter', 'mac'), 'mac')).toBe('Command Return');
    expect(chordSpoken(parseChord('Ctrl+/', 'other'), 'other')).toBe('Control Slash');
  });

  it('writes Electron accelerators', () => {
    expect(electronAccelerator(parseChord('Cmd+Shift+B', 'mac'))).toBe('Cmd+Shift+B');
    expect(electronAccelerator(parseChord('Ctrl+Tab', 'mac'))).toBe('Ctrl+Tab');
    expect(electronAccelerator(parseChord('Alt+ArrowRight', 'other'))).toBe('Alt+Right');
    expect(electronAccelerator(parseChord('F5', 'other'))).toBe('F5');
  });
});

describe('matchShortcut', () => {
  it('takes Ctrl on Windows and Linux and Cmd on macOS, not the other way round', () => {
    expect(matchShortcut(press('k', { ctrlKey: true }), outside('other'))).toBe('search');
    expect(matchShortcut(press('k', { metaKey: true }), outside('other'))).toBeNull();
    expect(matchShortcut(press('k', { metaKey: true }), outside('mac'))).toBe('search');
    // Control+K deletes to the end of the line in a Mac text field: it stays the field's.
    expect(matchShortcut(press('k', { ctrlKey: true }), inField('mac'))).toBeNull();
    expect(matchShortcut(press(',', { metaKey: true }), inField('mac'))).toBe('settings');
  });

  it('completes and backs a step with Ctrl+Enter and Ctrl+Shift+Enter, from a text field too', () => {
    for (const context of [outside('other'), inField('other')]) {
      expect(matchShortcut(press('Enter', { ctrlKey: true }), context)).toBe('complete-step');
      expect(matchShortcut(press('Enter', { ctrlKey: true, shiftKey: true }), context)).toBe('back-step');
      expect(matchShortcut(press('Enter'), context)).toBeNull();
    }
    expect(matchShortcut(press('Enter', { metaKey: true }), inField('mac'))).toBe('complete-step');
  });

  it('opens the sheet with ? outside a text field only, and with Ctrl+/ anywhere', () => {
    expect(matchShortcut(press('?', { shiftKey: true }), outside('other'))).toBe('show-shortcuts');
    expect(matchShortcut(press('?', { shiftKey: true }), inField('other'))).toBeNull();
    // A French layout types ? with Shift and the comma key: the character counts, not the key.
    expect(matchShortcut(press('?', { shiftKey: true, code: 'KeyM' }), outside('mac'))).toBe('show-shortcuts');
    expect(matchShortcut(press('/', { ctrlKey: true }), inField('other'))).toBe('show-shortcuts');
    expect(matchShortcut(press('/', { metaKey: true }), inField('mac'))).toBe('show-shortcuts');
  });

  it('switches tabs with Ctrl+Tab and Alt+arrows; Option+arrows stay the text field’s on macOS', () => {
    expect(matchShortcut(press('Tab', { ctrlKey: true }), inField('other'))).toBe('next-tab');
    expect(matchShortcut(press('Tab', { ctrlKey: true, shiftKey: true }), inField('other'))).toBe('previous-tab');
    expect(matchShortcut(press('Tab', { ctrlKey: true }), inField('mac'))).toBe('next-tab');
    expect(matchShortcut(press('ArrowRight', { altKey: true }), inField('other'))).toBe('next-tab');
    expect(matchShortcut(press('ArrowLeft', { altKey: true }), outside('other'))).toBe('previous-tab');
    expect(matchShortcut(press('ArrowRight', { altKey: true }), outside('mac'))).toBe('next-tab');
    expect(matchShortcut(press('ArrowRight', { altKey: true }), inField('mac'))).toBeNull();
    expect(matchShortcut(press('Tab'), outside('other'))).toBeNull();
  });

  it('knows a letter by its place when the layout gives no Latin letter (Option on macOS, Cyrillic)', () => {
    expect(matchShortcut(press('∑', { altKey: true, code: 'KeyW' }), outside('mac'))).toBe('close-tab');
    expect(matchShortcut(press('∑', { altKey: true, code: 'KeyW' }), inField('mac'))).toBeNull();
    expect(matchShortcut(press('л', { ctrlKey: true, code: 'KeyK' }), outside('other'))).toBe('search');
    // A Latin letter wins over its place (Dvorak's K sits where QWERTY has V).
    expect(matchShortcut(press('k', { ctrlKey: true, code: 'KeyV' }), outside('other'))).toBe('search');
    expect(matchShortcut(press('v', { ctrlKey: true, code: 'KeyK' }), outside('other'))).toBeNull();
  });

  it('ignores chords with other modifiers (AltGr is Ctrl+Alt) and keys not in the table', () => {
    expect(matchShortcut(press('k', { ctrlKey: true, altKey: true }), outside('other'))).toBeNull();
    expect(matchShortcut(press('o', { ctrlKey: true }), outside('other'))).toBeNull();
    expect(matchShortcut(press('O', { ctrlKey: true, shiftKey: true }), outside('other'))).toBe('show-queue');
    expect(matchShortcut(press('F5'), inField('other'))).toBe('sync-now');
    expect(matchShortcut(press('w', { ctrlKey: true }), outside('other'))).toBe('close-tab');
  });
});
