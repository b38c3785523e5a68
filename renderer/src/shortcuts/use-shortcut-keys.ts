import { useEffect } from 'react';
import { matchShortcut } from '../../../core/api/shortcuts';
import { runShortcut } from './actions';
import { keyPlatform } from './platform';

const notTextInputs = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image', 'hidden']);

/** Focus where a plain key types, picks an option or moves the caret. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !notTextInputs.has(target.type);
}

/**
 * The shortcut table's keys, from anywhere on the page. Capture phase, so a focused field or
 * list does not swallow them; a key taken as a shortcut is cancelled (nothing else acts on it,
 * and in Electron the menu does not run it a second time) even when a dialog stops it from
 * acting. Held keys do not repeat a shortcut: one Ctrl+Enter is one step.
 */
export function useShortcutKeys(): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      const id = matchShortcut(event, { platform: keyPlatform, typing: isTextEntry(event.target) });
      if (!id) return;
      event.preventDefault();
      event.stopPropagation();
      if (!event.repeat) runShortcut(id);
    }
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
