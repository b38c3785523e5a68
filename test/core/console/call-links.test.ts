// Screen pop in Electron: a call link the main process received waits until the renderer takes it, once.
import { describe, expect, it } from 'vitest';
import { maxCallLinkChars } from '../../../core/api';
import { createCallLinkInbox } from '../../../core/console/call-links';
import { createEventHub } from '../../../core/console/events';

const context = { via: 'ipc' } as const;

function inbox() {
  const events = createEventHub((error) => {
    throw error;
  });
  const heard: string[] = [];
  events.subscribe((name) => heard.push(name));
  return { callLinks: createCallLinkInbox(events), heard };
}

describe('the call link inbox', () => {
  it('keeps a link until the renderer takes it, tells the renderer one is waiting, and gives it once', async () => {
    const { callLinks, heard } = inbox();
    expect(await callLinks.handlers['app.takeCallLink']({}, context)).toEqual({ link: null });
    callLinks.offer('support-console://call?phone=%2B14155550134&callId=a');
    expect(heard).toEqual(['call.linkWaiting']);
    expect(await callLinks.handlers['app.takeCallLink']({}, context)).toEqual({
      link: 'support-console://call?phone=%2B14155550134&callId=a',
    });
    expect(await callLinks.handlers['app.takeCallLink']({}, context)).toEqual({ link: null });
  });

  it('keeps only the latest call, and no more of a link than the parser needs to refuse it as too long', async () => {
    const { callLinks } = inbox();
    callLinks.offer('support-console://call?phone=%2B14155550134&callId=first');
    callLinks.offer(`support-console://call?phone=%2B14155550134&callId=${'x'.repeat(10 * maxCallLinkChars)}`);
    const { link } = await callLinks.handlers['app.takeCallLink']({}, context);
    expect(link).toHaveLength(maxCallLinkChars + 1);
    expect(link).toMatch(/^support-console:\/\/call\?phone=%2B14155550134&callId=xxx/);
  });
});
