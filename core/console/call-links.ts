// Screen pop in Electron (issue 21 part 3): a call link the main process received (its own
// command line, a second launch's, macOS's open-url) waits here until the renderer takes it.
// Taken rather than pushed: the window may not be loaded yet when the link that started the
// console arrives, and an event sent then would be lost.
import { maxCallLinkChars } from '../api';
import type { EventHub } from './events';
import type { HandlerGroup } from './handlers';

export type CallLinkInbox = Readonly<{
  /** A link the phone system opened, as text: the renderer reads and checks it (core/api/call-link.ts). */
  offer: (link: string) => void;
  handlers: HandlerGroup<'app.takeCallLink'>;
}>;

export function createCallLinkInbox(events: EventHub): CallLinkInbox {
  // Only the latest: a call that rang before it and was not taken has been answered elsewhere or rung off.
  let waiting: string | null = null;
  return {
    offer(link) {
      // Cut one past the limit, so what is kept stays small and is still refused as too long.
      waiting = link.slice(0, maxCallLinkChars + 1);
      events.emit('call.linkWaiting', {});
    },
    handlers: {
      'app.takeCallLink': () => {
        const link = waiting;
        waiting = null;
        return { link };
      },
    },
  };
}
