import Conf from 'conf';
import type { Options } from 'conf';
import { app, ipcMain } from 'electron';

/**
 * electron-store for tests: the same `conf` underneath (schema, defaults, migrations, atomic
 * writes), with electron-store's own few lines redone here. The real package imports the
 * `electron` package from node_modules, which vi.mock cannot reach and which would try to
 * download the Electron binary.
 *
 *   vi.mock('electron-store', () => import('./electron-store-shim'));
 */
export default class ElectronStoreShim<T extends Record<string, unknown>> extends Conf<T> {
  constructor(options: Partial<Options<T>> & { name?: string } = {}) {
    const { name = 'config', ...rest } = options;
    // As electron-store does in the main process: a channel for renderer-side stores.
    ipcMain.on('electron-store-get-data', (event: { returnValue?: unknown }) => {
      event.returnValue = { defaultCwd: app.getPath('userData'), appVersion: app.getVersion() };
    });
    super({ ...rest, configName: name, projectVersion: app.getVersion(), cwd: rest.cwd ?? app.getPath('userData') });
  }
}
