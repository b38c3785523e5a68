import type { IpcRenderer } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { callNames, isCallName } from '../../core/api';
import { createConsoleBridge } from '../../electron/bridge';
import type { ConsoleBridge } from '../../electron/bridge';
import { callChannel, eventChannel } from '../../electron/channels';
import { FakeEmitter } from './fake-electron';
import type { FakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());

function fakeIpcRenderer() {
  return Object.assign(new FakeEmitter(), {
    invoke: vi.fn(async (channel: string, input: unknown): Promise<unknown> => ({ ok: true, value: { channel, input } })),
  });
}

describe('createConsoleBridge', () => {
  it('sends a known call on its derived channel and returns the main process’s answer', async () => {
    const ipc = fakeIpcRenderer();
    const bridge = createConsoleBridge(ipc as unknown as IpcRenderer, isCallName);
    await expect(bridge.invoke('settings.set', { theme: 'dark' })).resolves.toEqual({
      ok: true,
      value: { channel: callChannel('settings.set'), input: { theme: 'dark' } },
    });
  });

  it.each([['customers.delete'], ['__proto__'], [42], [undefined]])(
    'answers an unknown call name (%s) itself, without crossing IPC',
    async (name) => {
      const ipc = fakeIpcRenderer();
      const bridge = createConsoleBridge(ipc as unknown as IpcRenderer, isCallName);
      const result = await bridge.invoke(name as string, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
      expect(result.ok ? '' : result.error.message).toMatch(/There is no console call named/);
      expect(ipc.invoke).not.toHaveBeenCalled();
    },
  );

  it('turns a main process that does not answer into a readable error', async () => {
    const ipc = fakeIpcRenderer();
    ipc.invoke.mockRejectedValueOnce(new Error("No handler registered for 'console:call:app.info'"));
    const bridge = createConsoleBridge(ipc as unknown as IpcRenderer, isCallName);
    await expect(bridge.invoke('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('delivers an event’s payload only (never the IPC event or its sender) until unsubscribed', () => {
    const ipc = fakeIpcRenderer();
    const bridge = createConsoleBridge(ipc as unknown as IpcRenderer, isCallName);
    const listener = vi.fn();
    const unsubscribe = bridge.on('menu.command', listener);
    ipc.fire(eventChannel('menu.command'), { sender: 'ipc internals' }, { command: 'search' });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ command: 'search' });
    unsubscribe();
    ipc.fire(eventChannel('menu.command'), {}, { command: 'settings' });
    expect(listener).toHaveBeenCalledOnce();
    expect(ipc.listenerCount(eventChannel('menu.command'))).toBe(0);
  });

  it('refuses an unknown event name or a listener that is not a function, readably', () => {
    const bridge = createConsoleBridge(fakeIpcRenderer() as unknown as IpcRenderer, isCallName);
    expect(() => bridge.on('window.hijack', () => undefined)).toThrow(/There is no console event named "window.hijack"/);
    expect(() => bridge.on('settings.changed', 'not a function' as unknown as () => void)).toThrow(/must be a function/);
  });
});

describe('preload', () => {
  let electron: FakeElectron;
  let bridge: ConsoleBridge;

  beforeAll(async () => {
    // What scripts/build-electron.mjs writes in at build time.
    Object.assign(globalThis, { CONSOLE_CALL_NAMES: callNames });
    electron = (await import('electron')) as unknown as FakeElectron;
    await import('../../electron/preload');
    bridge = electron.exposed.get('consoleBridge') as ConsoleBridge;
  });

  it('exposes exactly invoke and on as window.consoleBridge', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('knows every call of the contract and nothing else', async () => {
    for (const name of callNames) {
      await bridge.invoke(name, {});
      expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(callChannel(name), {});
    }
    electron.ipcRenderer.invoke.mockClear();
    await expect(bridge.invoke('fs.readFile', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });
});
