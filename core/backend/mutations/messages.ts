// Emails the backend would send, recorded as `message` records the console can show.
import type { Message } from '../../domain';
import { newId, type MutationContext } from './context';

export async function sendMessage(
  ctx: MutationContext,
  message: Omit<Message, 'id' | 'version' | 'updatedAt' | 'sentAt'>,
): Promise<Message> {
  return ctx.store.put('message', { id: newId('msg'), ...message, sentAt: ctx.nowIso });
}
