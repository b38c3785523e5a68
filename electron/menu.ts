import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../core/api/events';
import { electronAccelerator } from '../core/api/shortcut-keys';
import { menuChord, shortcutById, shortcuts } from '../core/api/shortcuts';
import type { KeyPlatform, ShortcutMenu } from '../core/api/shortcuts';

export type MenuOptions = Readonly<{
  platform: NodeJS.Platform;
  appName: string;
  /** Reload and DevTools only in development builds. */
  developerItems: boolean;
  /** Forwards a command to the renderer (as the `menu.command` event). */
  sendCommand: (command: MenuCommand) => void;
}>;

/**
 * The console's own commands come from the shortcut table (core/api/shortcuts.ts), with the
 * accelerator the table gives the platform: each command is reachable from exactly one menu
 * item, and an accelerator is never used twice (test/electron/menu.test.ts). Avoided on
 * purpose: Cmd+Shift+Q (log out on macOS), Ctrl/Cmd+R (reload, which would drop the
 * renderer's state mid-procedure).
 *
 * The page handles every shortcut key itself and cancels it, so that one handler decides (a
 * modal dialog open, focus in a field). On macOS the menu only sees keys the page did not
 * cancel; on Windows and Linux the accelerators are displayed but not registered
 * (`registerAccelerator: false`), so a key never runs a command twice. A click still sends it.
 */
function commandItem(command: MenuCommand, options: MenuOptions): MenuItemConstructorOptions {
  const shortcut = shortcutById(command);
  const chord = menuChord(shortcut, keyPlatformOf(options.platform));
  return {
    id: `command:${command}`,
    label: shortcut.menuLabel,
    ...(chord ? { accelerator: electronAccelerator(chord), registerAccelerator: options.platform === 'darwin' } : {}),
    click: () => options.sendCommand(command),
  };
}

function commandsOf(menu: ShortcutMenu, options: MenuOptions): MenuItemConstructorOptions[] {
  return shortcuts.filter((shortcut) => shortcut.menu === menu).map((shortcut) => commandItem(shortcut.id, options));
}

export function keyPlatformOf(platform: NodeJS.Platform): KeyPlatform {
  return platform === 'darwin' ? 'mac' : 'other';
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: options.appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            commandItem('settings', options),
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [{ label: '&File', submenu: [commandItem('settings', options), { type: 'separator' }, { role: 'quit' }] }];

  const developer: MenuItemConstructorOptions[] = options.developerItems
    ? [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }]
    : [];

  return [
    ...appMenu,
    // The standard edit roles make copy, paste and select-all work in text fields on macOS.
    { role: 'editMenu' },
    { label: '&Customer', submenu: commandsOf('customer', options) },
    { label: '&Procedure', submenu: commandsOf('procedure', options) },
    { label: '&Sync', submenu: commandsOf('sync', options) },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...developer,
      ],
    },
    {
      // Written out rather than `role: 'windowMenu'`, whose Close Window takes Cmd/Ctrl+W: that closes a customer tab here.
      label: 'Window',
      role: 'window',
      submenu: [
        { role: 'minimize' },
        ...(isMac ? ([{ role: 'zoom' }] as const) : []),
        { role: 'close', accelerator: 'CmdOrCtrl+Shift+W' },
        ...(isMac ? ([{ type: 'separator' }, { role: 'front' }] as const) : []),
      ],
    },
    { label: '&Help', role: 'help', submenu: commandsOf('help', options) },
  ];
}
