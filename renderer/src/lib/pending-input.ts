/**
 * What an input form has typed but not yet sent (it waits for a pause in typing). Next must
 * send it first, or the console would judge the step on stale values.
 */
let pending: (() => void) | null = null;

export function setPendingInput(flush: (() => void) | null): void {
  pending = flush;
}

export function flushPendingInput(): void {
  pending?.();
}
