/**
 * Key chords: parsed from the shortcut table's text ("Cmd+Shift+B"), matched against key
 * presses, and written as each audience reads them (the sheet, screen readers, Electron's
 * accelerators). Pure: no DOM, so the table and its matcher run in tests and the main process.
 */

/** Where keys differ: macOS (Cmd, Option), and everything else (Windows, Linux: Ctrl, Alt). */
export type KeyPlatform = 'mac' | 'other';

export type Chord = Readonly<{
  /** As written in the table. */
  text: string;
  /** A single character in lower case ("k", ",", "?"), or a key name ("Tab", "Enter", "ArrowRight", "F5"). */
  key: string;
  ctrl: boolean;
  /** Cmd on macOS; never used elsewhere. */
  meta: boolean;
  /** Alt; Option on macOS. */
  alt: boolean;
  shift: boolean;
}>;

/** What a key handler knows of a key press (a DOM KeyboardEvent fits). */
export type KeyPress = Readonly<{ key: string; code: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }>;

const namedKeys = new Set([
  'Tab',
  'Enter',
  'Escape',
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'PageUp',
  'PageDown',
  'Home',
  'End',
  'Backspace',
  'Delete',
]);

function isFunctionKey(key: string): boolean {
  return /^F([1-9]|1[0-2])$/.test(key);
}

export function parseChord(text: string, platform: KeyPlatform): Chord {
  const parts = text.split('+');
  const key = parts.pop() ?? '';
  const modifiers = new Set(parts);
  if (modifiers.size !== parts.length) throw new Error(`Key chord "${text}" repeats a modifier.`);
  for (const modifier of modifiers) {
    if (!['Cmd', 'Ctrl', 'Alt', 'Shift'].includes(modifier)) throw new Error(`Key chord "${text}": unknown modifier "${modifier}".`);
  }
  if (modifiers.has('Cmd') && platform !== 'mac') throw new Error(`Key chord "${text}": Cmd exists on macOS only; write Ctrl.`);
  const single = [...key].length === 1 && key.trim() !== '';
  if (!single && !namedKeys.has(key) && !isFunctionKey(key)) throw new Error(`Key chord "${text}": unknown key "${key}".`);
  return {
    text,
    key: single ? key.toLowerCase() : key,
    ctrl: modifiers.has('Ctrl'),
    meta: modifiers.has('Cmd'),
    alt: modifiers.has('Alt'),
    shift: modifiers.has('Shift'),
  };
}

const isLetter = (key: string) => /^[a-z]$/.test(key);

/**
 * Symbols ("?", "/", ",") are matched by the character whatever Shift did: keyboard layouts
 * put them on different levels ("?" is Shift+, on a French one). A letter is also matched by
 * its place on the keyboard when the layout gives no Latin letter for it (Cyrillic; Option
 * on macOS, which turns W into "∑").
 */
export function matchesChord(press: KeyPress, chord: Chord): boolean {
  if (press.ctrlKey !== chord.ctrl || press.metaKey !== chord.meta || press.altKey !== chord.alt) return false;
  const single = [...chord.key].length === 1;
  const symbol = single && !/^[a-z0-9]$/.test(chord.key);
  if (!symbol && press.shiftKey !== chord.shift) return false;
  if (!single) return press.key === chord.key;
  const typed = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (typed === chord.key) return true;
  return isLetter(chord.key) && !isLetter(typed) && press.code === `Key${chord.key.toUpperCase()}`;
}

/**
 * Whether the chord may act while focus is in a text field. Not when it would type or move
 * the caret there: a plain key ("?"), or Option+key on macOS (Option+W types "∑", Option+→
 * moves a word). Chords with Cmd or Ctrl and function keys type nothing.
 */
export function firesWhileTyping(chord: Chord, platform: KeyPlatform): boolean {
  if (chord.ctrl || chord.meta || isFunctionKey(chord.key)) return true;
  return chord.alt && platform === 'other';
}

function canonical(chord: Chord): string {
  return [chord.ctrl && 'Ctrl', chord.alt && 'Alt', chord.shift && 'Shift', chord.meta && 'Cmd', chord.key.toUpperCase()]
    .filter(Boolean)
    .join('+');
}

/**
 * Chords Chromium acts on itself in a normal browser tab, before the page sees the key
 * (`BrowserCommandController::IsReservedCommandOrKey`: new, close and switch tabs and windows,
 * quit). In browser mode they do what the browser says; the desktop app has them.
 */
const keptByChromium: Readonly<Record<KeyPlatform, readonly string[]>> = {
  other: [
    'Ctrl+W',
    'Ctrl+T',
    'Ctrl+N',
    'Ctrl+Q',
    'Ctrl+Shift+W',
    'Ctrl+Shift+T',
    'Ctrl+Shift+N',
    'Ctrl+Tab',
    'Ctrl+Shift+Tab',
    'Ctrl+PageDown',
    'Ctrl+PageUp',
    'Ctrl+F4',
  ],
  mac: [
    'Cmd+W',
    'Cmd+T',
    'Cmd+N',
    'Cmd+Q',
    'Cmd+Shift+W',
    'Cmd+Shift+T',
    'Cmd+Shift+N',
    'Ctrl+Tab',
    'Ctrl+Shift+Tab',
    'Cmd+Alt+ArrowRight',
    'Cmd+Alt+ArrowLeft',
    'Cmd+Shift+]',
    'Cmd+Shift+[',
  ],
};

export function keptByBrowser(chord: Chord, platform: KeyPlatform): boolean {
  const mine = canonical(chord);
  return keptByChromium[platform].some((text) => canonical(parseChord(text, platform)) === mine);
}

const macSymbols = { ctrl: '⌃', alt: '⌥', shift: '⇧', meta: '⌘' } as const;
const keyGlyphs: Readonly<Record<string, string>> = { ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓' };

function keyFace(chord: Chord, platform: KeyPlatform): string {
  if (chord.key === 'Enter' && platform === 'mac') return '↩';
  return keyGlyphs[chord.key] ?? (chord.key.length === 1 ? chord.key.toUpperCase() : chord.key);
}

/** As the platform shows keys: "⌘K", "⌃⇧Tab", "⌥→" on macOS; "Ctrl+K", "Ctrl+Shift+Tab", "Alt+→" elsewhere. */
export function chordLabel(chord: Chord, platform: KeyPlatform): string {
  const face = keyFace(chord, platform);
  if (platform === 'mac') {
    // Apple's order: Control, Option, Shift, Command.
    return `${chord.ctrl ? macSymbols.ctrl : ''}${chord.alt ? macSymbols.alt : ''}${chord.shift ? macSymbols.shift : ''}${chord.meta ? macSymbols.meta : ''}${face}`;
  }
  return [chord.ctrl && 'Ctrl', chord.alt && 'Alt', chord.shift && 'Shift', face].filter(Boolean).join('+');
}

const spokenKeys: Readonly<Record<string, string>> = {
  ArrowLeft: 'Left Arrow',
  ArrowRight: 'Right Arrow',
  ArrowUp: 'Up Arrow',
  ArrowDown: 'Down Arrow',
  '?': 'Question Mark',
  '/': 'Slash',
  ',': 'Comma',
};

/** In words, for screen readers, which read "⌥→" badly: "Option Right Arrow", "Control Shift Tab". */
export function chordSpoken(chord: Chord, platform: KeyPlatform): string {
  const names =
    platform === 'mac'
      ? { ctrl: 'Control', alt: 'Option', shift: 'Shift', meta: 'Command' }
      : { ctrl: 'Control', alt: 'Alt', shift: 'Shift', meta: 'Command' };
  const key =
    spokenKeys[chord.key] ??
    (chord.key === 'Enter' && platform === 'mac' ? 'Return' : chord.key.length === 1 ? chord.key.toUpperCase() : chord.key);
  return [chord.ctrl && names.ctrl, chord.alt && names.alt, chord.shift && names.shift, chord.meta && names.meta, key]
    .filter(Boolean)
    .join(' ');
}

/** The `aria-keyshortcuts` form: "Control+K", "Meta+K", "Alt+ArrowRight". */
export function ariaKeyShortcut(chord: Chord): string {
  const key = chord.key.length === 1 ? chord.key.toUpperCase() : chord.key;
  return [chord.ctrl && 'Control', chord.alt && 'Alt', chord.shift && 'Shift', chord.meta && 'Meta', key].filter(Boolean).join('+');
}

const acceleratorKeys: Readonly<Record<string, string>> = { ArrowLeft: 'Left', ArrowRight: 'Right', ArrowUp: 'Up', ArrowDown: 'Down' };

/** Electron's accelerator text for a chord: "Cmd+K", "Ctrl+Shift+Tab", "F5". */
export function electronAccelerator(chord: Chord): string {
  const key = acceleratorKeys[chord.key] ?? (chord.key.length === 1 ? chord.key.toUpperCase() : chord.key);
  return [chord.meta && 'Cmd', chord.ctrl && 'Ctrl', chord.alt && 'Alt', chord.shift && 'Shift', key].filter(Boolean).join('+');
}
