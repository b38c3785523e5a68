import type { z } from 'zod';
import { mergeNamed } from '../domain';
import { appCalls } from './app';
import { approvalCalls } from './approvals';
import { customerCalls } from './customers';
import { interactionCalls } from './interactions';
import { procedureCalls } from './procedures';
import { sessionCalls } from './session';
import { syncCalls } from './sync';
import type { ConsoleEventMap } from './events';

/**
 * Every call group of the console API. A new group is one more entry here; `mergeNamed`
 * refuses a name defined twice, so two groups cannot silently shadow each other.
 */
const callGroups = [appCalls, sessionCalls, customerCalls, syncCalls, procedureCalls, interactionCalls, approvalCalls] as const;

export const consoleCalls = mergeNamed((name) => `Console API call "${name}"`, callGroups);
type CallMap = typeof consoleCalls;

export type CallName = keyof CallMap & string;
export type CallInput<K extends CallName> = z.input<CallMap[K]['input']>;
export type ParsedInput<K extends CallName> = z.output<CallMap[K]['input']>;
export type CallOutput<K extends CallName> = NonNullable<CallMap[K]['output']>;

export const callNames = Object.keys(consoleCalls) as CallName[];

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(consoleCalls, name);
}

export type EventName = keyof ConsoleEventMap & string;
export type EventPayload<E extends EventName> = ConsoleEventMap[E];
export { eventNames, isEventName } from './events';
