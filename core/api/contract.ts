import type { z } from 'zod';
import type { CallDefinition } from './define';
import { appCalls } from './app';
import { approvalCalls } from './approvals';
import { customerCalls } from './customers';
import { procedureCalls } from './procedures';
import { sessionCalls } from './session';
import { syncCalls } from './sync';
import type { ConsoleEventMap } from './events';

/**
 * Every call group of the console API. A new group is one more entry here; `combineCalls`
 * refuses a name defined twice, so two groups cannot silently shadow each other.
 */
const callGroups = [appCalls, sessionCalls, customerCalls, syncCalls, procedureCalls, approvalCalls] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type CallMap = UnionToIntersection<(typeof callGroups)[number]>;

function combineCalls(groups: ReadonlyArray<Readonly<Record<string, CallDefinition>>>): CallMap {
  const combined: Record<string, CallDefinition> = {};
  for (const group of groups) {
    for (const [name, definition] of Object.entries(group)) {
      if (name in combined) throw new Error(`Console API call "${name}" is defined twice.`);
      combined[name] = definition;
    }
  }
  return combined as CallMap;
}

export const consoleCalls: CallMap = combineCalls(callGroups);

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
