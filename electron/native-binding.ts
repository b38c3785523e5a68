import { join } from 'node:path';

/**
 * Where the main process finds better-sqlite3 built for Electron's ABI. node_modules keeps the
 * build for Node (the tests' runtime); scripts/native-for-electron.mjs builds this copy into
 * `.native/electron-<version>/`, and electron-builder ships that folder as `resources/native/`.
 * The layout here and in that script must stay the same.
 */
export const sqliteBinaryName = 'better_sqlite3.node';

function nativeBuildFolder(electronVersion: string): string {
  return `electron-${electronVersion}`;
}

export type NativeBindingLocation = Readonly<{
  isPackaged: boolean;
  /** `process.resourcesPath` (packaged app). */
  resourcesPath: string;
  /** The project root in development (`app.getAppPath()`). */
  appPath: string;
  /** `process.versions.electron`. */
  electronVersion: string;
}>;

export function sqliteNativeBindingPath(location: NativeBindingLocation): string {
  const root = location.isPackaged ? join(location.resourcesPath, 'native') : join(location.appPath, '.native');
  return join(root, nativeBuildFolder(location.electronVersion), sqliteBinaryName);
}
