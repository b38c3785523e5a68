import type { CallName, CallOutput, ParsedInput } from '../api';

/** Who is calling: checked at the edge (IPC sender frame, HTTP token) before a handler runs. */
export type CallContext = Readonly<{ via: 'ipc' | 'http' }>;

export type Handler<K extends CallName> = (input: ParsedInput<K>, context: CallContext) => CallOutput<K> | Promise<CallOutput<K>>;

export type HandlerGroup<K extends CallName> = { [P in K]: Handler<P> };

/** Every call of the contract has exactly one handler: a missing one is a compile error. */
export type ConsoleHandlers = HandlerGroup<CallName>;
