import { consoleClient } from '../api/client';
import { useSyncStore } from './sync-store';
import { useUiStore } from './ui-store';

/**
 * Native menu items (Electron) arrive as `menu.command` events; each does what the same
 * keyboard shortcut or button does in the page.
 */
consoleClient.on('menu.command', ({ command }) => {
  const ui = useUiStore.getState();
  switch (command) {
    case 'search':
    case 'next-caller':
      ui.openPalette();
      break;
    case 'settings':
      ui.navigate({ screen: 'settings' });
      break;
    case 'show-queue':
      ui.navigate({ screen: 'outbox' });
      break;
    case 'show-callbacks':
      ui.navigate({ screen: 'console' });
      break;
    case 'sync-now':
      void useSyncStore.getState().syncNow();
      break;
  }
});
