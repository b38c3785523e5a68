import type { IpcMain } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { callNames, defaultSettings } from '../../core/api';
import type { ApiResult, CallName, Settings } from '../../core/api';
import { createEventHub } from '../../core/console/events';
import type { ConsoleHandlers } from '../../core/console/handlers';
import { callChannel, eventChannel } from '../../electron/channels';
import { registerConsoleIpc } from '../../electron/ipc';
import { isTrustedSender } from '../../electron/security';
import type { SenderFrame } from '../../electron/security';
import { FakeIpcMain, FakeWebContents } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());

const ownWindow = new FakeWebContents();
const ownFrame: SenderFrame = ownWindow.mainFrame;

/** Every handler of the contract as a spy, so a test sees whether one ran. */
function spyHandlers(): ConsoleHandlers {
  let settings: Settings = { ...defaultSettings };
  const handlers: Partial<Record<CallName, ReturnType<typeof vi.fn>>> = {};
  for (const name of callNames) handlers[name] = vi.fn(() => ({ from: name }));
  handlers['settings.set'] = vi.fn((patch: Partial<Settings>) => {
    settings = { ...settings, ...patch };
    return settings;
  });
  return handlers as unknown as ConsoleHandlers;
}

function setUp() {
  const ipcMain = new FakeIpcMain();
  const handlers = spyHandlers();
  const events = createEventHub(() => undefined);
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const targets = [ownWindow];
  const dispose = registerConsoleIpc({
    ipcMain: ipcMain as unknown as IpcMain,
    runtime: { handlers, events, logger },
    isTrustedSender: (frame) => isTrustedSender(frame, ownFrame),
    eventTargets: () => targets,
  });
  const call = (name: string, input: unknown, senderFrame: SenderFrame | null = ownFrame) => {
    const handler = ipcMain.handlers.get(callChannel(name));
    if (!handler) throw new Error(`no handler for ${name}`);
    return Promise.resolve(handler({ senderFrame }, input)) as Promise<ApiResult<unknown>>;
  };
  return { ipcMain, handlers, events, logger, dispose, call };
}

describe('registerConsoleIpc', () => {
  let context: ReturnType<typeof setUp>;
  beforeEach(() => {
    ownWindow.send.mockClear();
    context = setUp();
  });

  it('registers exactly one handler per call of the contract, on channels derived from its names', () => {
    expect(context.ipcMain.handle).toHaveBeenCalledTimes(callNames.length);
    expect([...context.ipcMain.handlers.keys()].sort()).toEqual(callNames.map(callChannel).sort());
  });

  it('answers a valid call from our own window through the handler', async () => {
    const result = await context.call('settings.set', { theme: 'dark' });
    expect(result).toEqual({ ok: true, value: { ...defaultSettings, theme: 'dark' } });
    expect(context.handlers['settings.set']).toHaveBeenCalledOnce();
  });

  it.each([
    ['a subframe', { ...ownFrame, parent: ownFrame }],
    ['another window', { ...ownFrame, processId: ownFrame.processId + 1 }],
    ['a foreign origin', { ...ownFrame, url: 'https://evil.example/' }],
    ['a frame that is gone', null],
  ])('refuses a call from %s without running the handler', async (_what, frame) => {
    const result = await context.call('settings.set', { theme: 'dark' }, frame);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(result.ok ? '' : result.error.message).toMatch(/only answers its own window/);
    expect(context.handlers['settings.set']).not.toHaveBeenCalled();
    expect(context.logger.warn).toHaveBeenCalledWith(expect.stringContaining('Refused console call settings.set'));
  });

  it('rejects a bad input with a readable error and never runs the handler', async () => {
    const result = await context.call('settings.set', { theme: 'purple' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toContain('Theme must be light, dark or system');
    expect(result.error.issues).toEqual([expect.objectContaining({ path: 'theme' })]);
    expect(context.handlers['settings.set']).not.toHaveBeenCalled();
  });

  it('rejects an input that is not an object', async () => {
    const result = await context.call('app.info', 'please');
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(context.handlers['app.info']).not.toHaveBeenCalled();
  });

  // Issue 18: a deep input overflowed zod's stack inside the parse; IPC's structured clone also carries cycles.
  it('answers an input nested 1,400 deep, or cyclic, as invalid input and never runs the handler', async () => {
    let deep: unknown = [];
    for (let level = 0; level < 1_400; level += 1) deep = [deep];
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const values of [{ v: deep }, { v: cycle }]) {
      const result = await context.call('procedures.apply', { runId: 'run-1', event: { type: 'setInputs', stepId: 's1', values } });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringContaining('nested deeper than 32 levels') },
      });
    }
    expect(context.handlers['procedures.apply']).not.toHaveBeenCalled();
  });

  it('reports a handler failure as a readable internal error and logs it', async () => {
    (context.handlers['app.info'] as unknown as ReturnType<typeof vi.fn>).mockImplementation(() => {
      throw new Error('disk on fire');
    });
    const result = await context.call('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(result.ok ? '' : result.error.message).not.toContain('disk on fire');
    expect(context.logger.error).toHaveBeenCalledWith('Console call app.info failed', expect.any(Error));
  });

  it('forwards runtime events to the window on their derived channel', () => {
    context.events.emit('settings.changed', { ...defaultSettings, theme: 'dark' });
    expect(ownWindow.send).toHaveBeenCalledWith(eventChannel('settings.changed'), { ...defaultSettings, theme: 'dark' });
  });

  it('skips a destroyed window', () => {
    ownWindow.destroyed = true;
    try {
      context.events.emit('menu.command', { command: 'search' });
      expect(ownWindow.send).not.toHaveBeenCalled();
    } finally {
      ownWindow.destroyed = false;
    }
  });

  it('removes every handler and stops forwarding once disposed', () => {
    context.dispose();
    expect(context.ipcMain.handlers.size).toBe(0);
    context.events.emit('menu.command', { command: 'search' });
    expect(ownWindow.send).not.toHaveBeenCalled();
  });
});
