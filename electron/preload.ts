import { contextBridge, ipcRenderer } from 'electron';
import { createConsoleBridge } from './bridge';

/** `callNames` of core/api's contract, written in by scripts/build-electron.mjs at build time. */
declare const CONSOLE_CALL_NAMES: ReadonlyArray<string>;
const knownCalls = new Set<string>(CONSOLE_CALL_NAMES);

// Runs sandboxed (bundled to dist/electron/preload.cjs, requiring only 'electron'):
// the page gets `invoke` and `on`, never ipcRenderer itself.
contextBridge.exposeInMainWorld(
  'consoleBridge',
  createConsoleBridge(ipcRenderer, (name) => knownCalls.has(name)),
);
