import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuCommands } from '../../core/api/events';
import type { MenuCommand } from '../../core/api/events';
import { electronAccelerator } from '../../core/api/shortcut-keys';
import { menuChord, shortcuts } from '../../core/api/shortcuts';
import { keyPlatformOf, menuTemplate } from '../../electron/menu';

function flatten(items: ReadonlyArray<MenuItemConstructorOptions>): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

describe.each(['darwin', 'win32', 'linux'] as const)('menu on %s', (platform) => {
  const sendCommand = vi.fn<(command: MenuCommand) => void>();
  const items = flatten(menuTemplate({ platform, appName: 'Support Console', developerItems: false, sendCommand }));
  const commandItems = items.filter((item) => item.id?.startsWith('command:'));
  const itemOf = (command: MenuCommand) => commandItems.find((item) => item.id === `command:${command}`);

  it('reaches every console command from exactly one item, which sends it to the renderer', () => {
    expect(commandItems.map((item) => item.id).sort()).toEqual(menuCommands.map((command) => `command:${command}`).sort());
    for (const item of commandItems) {
      sendCommand.mockClear();
      (item.click as () => void)();
      expect(sendCommand).toHaveBeenCalledExactlyOnceWith(item.id?.slice('command:'.length));
    }
  });

  it('shows the shortcut table’s keys for the platform: Cmd on macOS, Ctrl elsewhere', () => {
    const mac = platform === 'darwin';
    expect(itemOf('search')?.accelerator).toBe(mac ? 'Cmd+K' : 'Ctrl+K');
    expect(itemOf('settings')?.accelerator).toBe(mac ? 'Cmd+,' : 'Ctrl+,');
    expect(itemOf('next-tab')?.accelerator).toBe('Ctrl+Tab');
    expect(itemOf('complete-step')?.accelerator).toBe(mac ? 'Cmd+Enter' : 'Ctrl+Enter');
    expect(itemOf('show-shortcuts')?.accelerator).toBe(mac ? 'Cmd+/' : 'Ctrl+/');
    for (const shortcut of shortcuts) {
      const item = itemOf(shortcut.id);
      expect(item?.label).toBe(shortcut.menuLabel);
      expect(item?.accelerator).toBe(electronAccelerator(menuChord(shortcut, keyPlatformOf(platform))!));
    }
  });

  it('leaves the keys to the page (one handler decides); on Windows and Linux the accelerators are only shown', () => {
    for (const item of commandItems) expect(item.registerAccelerator).toBe(platform === 'darwin');
  });

  it('never gives two items the same accelerator, and closes the window with Shift+W (Cmd/Ctrl+W closes a tab)', () => {
    const accelerators = items.map((item) => item.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
    expect(items.find((item) => item.role === 'close')?.accelerator).toBe('CmdOrCtrl+Shift+W');
    expect(items.map((item) => item.role)).not.toContain('windowMenu');
  });

  it('has no reload or DevTools in a packaged build, and an edit menu for copy and paste', () => {
    const roles = items.map((item) => item.role);
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).toContain('editMenu');
  });
});

describe('menu in development', () => {
  it('adds reload and DevTools', () => {
    const roles = flatten(
      menuTemplate({ platform: 'linux', appName: 'Support Console', developerItems: true, sendCommand: () => undefined }),
    ).map((item) => item.role);
    expect(roles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });
});
