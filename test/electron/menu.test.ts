import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuCommands } from '../../core/api/events';
import type { MenuCommand } from '../../core/api/events';
import { menuTemplate } from '../../electron/menu';

function flatten(items: ReadonlyArray<MenuItemConstructorOptions>): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

describe.each(['darwin', 'win32', 'linux'] as const)('menu on %s', (platform) => {
  const sendCommand = vi.fn<(command: MenuCommand) => void>();
  const items = flatten(menuTemplate({ platform, appName: 'Support Console', developerItems: false, sendCommand }));
  const commandItems = items.filter((item) => item.id?.startsWith('command:'));

  it('reaches every console command from exactly one item, which sends it to the renderer', () => {
    expect(commandItems.map((item) => item.id).sort()).toEqual(menuCommands.map((command) => `command:${command}`).sort());
    for (const item of commandItems) {
      sendCommand.mockClear();
      (item.click as () => void)();
      expect(sendCommand).toHaveBeenCalledExactlyOnceWith(item.id?.slice('command:'.length));
    }
  });

  it('uses Ctrl/Cmd+K for search and Ctrl/Cmd+, for settings', () => {
    expect(commandItems.find((item) => item.id === 'command:search')?.accelerator).toBe('CmdOrCtrl+K');
    expect(commandItems.find((item) => item.id === 'command:settings')?.accelerator).toBe('CmdOrCtrl+,');
  });

  it('never gives two items the same accelerator', () => {
    const accelerators = items.map((item) => item.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
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
    const roles = flatten(menuTemplate({ platform: 'linux', appName: 'Support Console', developerItems: true, sendCommand: () => undefined })).map((item) => item.role);
    expect(roles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });
});
