import { callLinkScheme } from '../core/api/call-link';

/**
 * Screen pop (issue 21 part 3): `support-console://call?…` links, from the phone system to the
 * runtime's inbox. Only carried here, never read: the renderer checks a link and says why one is
 * refused (core/api/call-link.ts).
 */

type OpenUrlEvent = Readonly<{ preventDefault: () => void }>;

/** The part of Electron's `app` this module uses. */
export type CallLinkApp = Readonly<{
  on: {
    (event: 'open-url', listener: (event: OpenUrlEvent, url: string) => void): unknown;
    (event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  };
  setAsDefaultProtocolClient: (protocol: string, path?: string, args?: string[]) => boolean;
}>;

/** The call link in a command line (Windows and Linux pass it as an argument), or null. */
export function callLinkInArgv(argv: readonly string[]): string | null {
  const prefix = `${callLinkScheme}:`;
  // The last one: Chromium may append its own switches, but the OS puts the link after the app's.
  for (let index = argv.length - 1; index >= 1; index -= 1) {
    const argument = argv[index];
    if (argument?.toLowerCase().startsWith(prefix)) return argument;
  }
  return null;
}

/**
 * Makes this console the handler of support-console:// links for the signed-in user. Installers
 * register it too (electron-builder.yml `protocols`); this keeps it current after an update
 * moves the app. A development run (`electron .`, `defaultApp`) registers nothing: it would
 * point the machine's links at a bare Electron binary. Give it a link on its command line instead.
 */
export function registerCallLinkScheme(app: CallLinkApp, launch: Readonly<{ isPackaged: boolean }>): boolean {
  if (!launch.isPackaged) return false;
  // electronegativity-justified: a link is only carried as text to the renderer, which parses it as data (core/api/call-link.ts, tested); it never navigates or runs anything
  return app.setAsDefaultProtocolClient(callLinkScheme);
}

export type CallLinkRelay = Readonly<{
  /** From now on links go to `deliver`; one that came before (the start's own, an early open-url) goes at once. */
  connect: (deliver: (link: string) => void) => void;
}>;

/**
 * Listens for call links from the moment the app starts: macOS sends `open-url` (the start's own
 * link too, possibly before `ready`); Windows and Linux start the console with the link as an
 * argument, or, when it already runs, start a second instance whose arguments reach this one
 * as `second-instance`. Before `connect`, the latest link waits.
 */
export function watchCallLinks(app: CallLinkApp, startArgv: readonly string[]): CallLinkRelay {
  let deliver: ((link: string) => void) | null = null;
  let waiting = callLinkInArgv(startArgv);
  const receive = (link: string) => {
    if (deliver) deliver(link);
    else waiting = link;
  };
  app.on('open-url', (event, url) => {
    event.preventDefault();
    if (url.toLowerCase().startsWith(`${callLinkScheme}:`)) receive(url);
  });
  app.on('second-instance', (_event, argv) => {
    const link = callLinkInArgv(argv);
    if (link) receive(link);
  });
  return {
    connect(target) {
      deliver = target;
      if (waiting !== null) target(waiting);
      waiting = null;
    },
  };
}
