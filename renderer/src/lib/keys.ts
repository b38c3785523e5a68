/** True on macOS, where the command key plays the part of Ctrl. */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** "Ctrl+K" / "⌘K" for display; the ARIA form ("Control+K" / "Meta+K") when `aria` is set. */
export function shortcutLabel(key: string, aria = false): string {
  if (aria) return `${isMac ? 'Meta' : 'Control'}+${key}`;
  return isMac ? `⌘${key}` : `Ctrl+${key}`;
}

/** Ctrl+key on Windows and Linux, Cmd+key on macOS; either is accepted everywhere so tests run on any platform. */
export function isCommandKey(event: Readonly<Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'altKey' | 'key'>>, key: string): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === key.toLowerCase();
}
