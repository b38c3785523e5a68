import { consoleClient } from '../api/client';
import { runShortcut } from '../shortcuts/actions';

/**
 * Native menu items (Electron) arrive as `menu.command` events; each is a shortcut of the
 * table and does what its key does, with the same checks (a modal dialog open, not signed in).
 */
consoleClient.on('menu.command', ({ command }) => void runShortcut(command));
