// A shortcut never acts behind a modal dialog that does not own it.
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../renderer/src/api/client', () => ({ consoleClient: { invoke: async () => ({ ok: false }), on: () => () => undefined } }));
const { blockedByDialog, shortcutActions } = await import('../../../renderer/src/shortcuts/actions');
const { shortcutIds } = await import('../../../core/api/shortcuts');

/** A page whose open modal dialogs own these shortcuts (`data-owns-shortcuts`). */
function pageWithModals(...owned: Array<string | undefined>): ParentNode {
  const modals = owned.map((ownsShortcuts) => ({ dataset: ownsShortcuts === undefined ? {} : { ownsShortcuts } }));
  return { querySelectorAll: () => modals } as unknown as ParentNode;
}

describe('blockedByDialog', () => {
  it('lets every shortcut act with no modal open', () => {
    for (const id of shortcutIds) expect(blockedByDialog(id, pageWithModals())).toBe(false);
  });

  it('stops every shortcut behind a dialog that owns none (the palette, a confirmation window)', () => {
    for (const id of shortcutIds) expect(blockedByDialog(id, pageWithModals(undefined))).toBe(true);
  });

  it('lets a dialog keep the shortcuts it owns (the sheet closes on ?), and only those', () => {
    expect(blockedByDialog('show-shortcuts', pageWithModals('show-shortcuts'))).toBe(false);
    expect(blockedByDialog('complete-step', pageWithModals('show-shortcuts'))).toBe(true);
    // Two dialogs: both must own it.
    expect(blockedByDialog('show-shortcuts', pageWithModals('show-shortcuts', undefined))).toBe(true);
  });

  it('has an action for every shortcut of the table', () => {
    expect(Object.keys(shortcutActions).sort()).toEqual([...shortcutIds].sort());
  });
});
