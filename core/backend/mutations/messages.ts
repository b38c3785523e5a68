// Emails the backend would send, recorded as `message` records the console can show.
import type { Message } from '../../domain';
import { newId, type MutationContext } from './context';

export function sendMessage(
  ctx: MutationContext,
  message: Omit<Message, 'id' | 'version' | 'updatedAt' | 'sentAt'>,
): Message {
  return ctx.store.put('message', { id: newId('msg'), ...message, sentAt: ctx.nowIso });
}
