import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../core/api/events';

export type MenuOptions = Readonly<{
  platform: NodeJS.Platform;
  appName: string;
  /** Reload and DevTools only in development builds. */
  developerItems: boolean;
  /** Forwards a command to the renderer (as the `menu.command` event). */
  sendCommand: (command: MenuCommand) => void;
}>;

/**
 * The console's own commands, with their accelerators. Each command is reachable from exactly
 * one menu item, and an accelerator is never used twice (test/electron/menu.test.ts). Avoided
 * on purpose: Cmd+Shift+Q (log out on macOS), Ctrl/Cmd+R (reload, which would drop the
 * renderer's state mid-procedure).
 */
export const commandItems: ReadonlyArray<Readonly<{ command: MenuCommand; label: string; accelerator: string }>> = [
  { command: 'search', label: 'Find Customer or Procedure…', accelerator: 'CmdOrCtrl+K' },
  { command: 'next-caller', label: 'Next Caller', accelerator: 'CmdOrCtrl+N' },
  { command: 'show-callbacks', label: 'Callbacks Due', accelerator: 'CmdOrCtrl+Shift+B' },
  { command: 'show-queue', label: 'Queued Changes', accelerator: 'CmdOrCtrl+Shift+U' },
  { command: 'sync-now', label: 'Sync Now', accelerator: 'F5' },
  { command: 'settings', label: 'Settings…', accelerator: 'CmdOrCtrl+,' },
];

function commandItem(command: MenuCommand, options: MenuOptions): MenuItemConstructorOptions {
  const item = commandItems.find((candidate) => candidate.command === command);
  if (!item) throw new Error(`No menu item for the "${command}" command.`);
  return { id: `command:${command}`, label: item.label, accelerator: item.accelerator, click: () => options.sendCommand(command) };
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
    {
      label: '&Customer',
      submenu: [commandItem('search', options), commandItem('next-caller', options), { type: 'separator' }, commandItem('show-callbacks', options)],
    },
    {
      label: '&Sync',
      submenu: [commandItem('sync-now', options), commandItem('show-queue', options)],
    },
    {
      label: '&View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }, ...developer],
    },
    { role: 'windowMenu' },
  ];
}
