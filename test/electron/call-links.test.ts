// Screen pop in Electron: call links from the start's command line, a second launch and macOS's
// open-url reach the runtime; the scheme is registered only by an installed console.
import { describe, expect, it, vi } from 'vitest';
import { callLinkInArgv, registerCallLinkScheme, watchCallLinks } from '../../electron/call-links';
import type { CallLinkApp } from '../../electron/call-links';
import { FakeEmitter } from './fake-electron';

const link = 'support-console://call?phone=%2B14155550134&callId=CA42';

function fakeApp() {
  return Object.assign(new FakeEmitter(), { setAsDefaultProtocolClient: vi.fn((_protocol: string) => true) });
}
const asApp = (app: ReturnType<typeof fakeApp>) => app as unknown as CallLinkApp;

describe('callLinkInArgv', () => {
  it('finds the link among the arguments, never the executable itself', () => {
    expect(callLinkInArgv(['/opt/Support Console/support-console', '--no-sandbox', link])).toBe(link);
    expect(callLinkInArgv(['C:\\Support Console.exe', 'SUPPORT-CONSOLE://call?phone=1'])).toBe('SUPPORT-CONSOLE://call?phone=1');
    expect(callLinkInArgv(['support-console://call?phone=1'])).toBeNull();
    expect(callLinkInArgv(['/usr/bin/support-console', '--flag', 'https://example.com'])).toBeNull();
  });
});

describe('watchCallLinks', () => {
  it('keeps the link the console was started with until the runtime is connected, then delivers it once', () => {
    const app = fakeApp();
    const relay = watchCallLinks(asApp(app), ['/usr/bin/support-console', link]);
    const delivered: string[] = [];
    relay.connect((each) => delivered.push(each));
    expect(delivered).toEqual([link]);
  });

  it('delivers a second launch’s link to the running console, and ignores a second launch without one', () => {
    const app = fakeApp();
    const delivered: string[] = [];
    watchCallLinks(asApp(app), ['/usr/bin/support-console']).connect((each) => delivered.push(each));
    expect(delivered).toEqual([]);
    app.fire('second-instance', {}, ['/usr/bin/support-console', '--allow-file-access-from-files', link]);
    app.fire('second-instance', {}, ['/usr/bin/support-console']);
    expect(delivered).toEqual([link]);
  });

  it('takes macOS’s open-url (before ready too: the latest waits), and leaves other schemes alone', () => {
    const app = fakeApp();
    const relay = watchCallLinks(asApp(app), ['/Applications/Support Console.app/Contents/MacOS/Support Console']);
    const event = { preventDefault: vi.fn() };
    app.fire('open-url', event, 'support-console://call?phone=%2B1&callId=older');
    app.fire('open-url', event, link);
    app.fire('open-url', event, 'mailto:someone@example.com');
    expect(event.preventDefault).toHaveBeenCalledTimes(3);
    const delivered: string[] = [];
    relay.connect((each) => delivered.push(each));
    expect(delivered).toEqual([link]);
  });
});

describe('registerCallLinkScheme', () => {
  it('registers support-console:// for an installed console only, never for a development run', () => {
    const installed = fakeApp();
    expect(registerCallLinkScheme(asApp(installed), { isPackaged: true })).toBe(true);
    expect(installed.setAsDefaultProtocolClient).toHaveBeenCalledWith('support-console');
    const development = fakeApp();
    expect(registerCallLinkScheme(asApp(development), { isPackaged: false })).toBe(false);
    expect(development.setAsDefaultProtocolClient).not.toHaveBeenCalled();
  });
});
