/**
 * Performance marks for the UI timing benchmark (test/bench/ui.ts reads the measures):
 * `markInput` when the agent acts, `markAnswered` when the console's answer arrives, and
 * `markRendered` once it is on screen. Two measures per interaction: `ui:<name>` (input to
 * screen, what the agent feels) and `ui:<name>:render` (answer to screen, the renderer's
 * own share). Cheap enough to leave on. A move shown before the console answered (a step
 * shown ahead) also gets `ui:<name>:stored`: input to the console's answer that it is stored.
 */
export type Interaction = 'search' | 'workspace' | 'step';

const started = new Map<Interaction, number>();
const answered = new Map<Interaction, number>();

export function markInput(interaction: Interaction): void {
  started.set(interaction, performance.now());
  answered.delete(interaction);
}

/** The input will not reach the screen (the move was dropped): no measure for it. */
export function cancelInput(interaction: Interaction): void {
  started.delete(interaction);
  answered.delete(interaction);
}

export function markAnswered(interaction: Interaction): void {
  if (started.has(interaction)) answered.set(interaction, performance.now());
}

export function markRendered(interaction: Interaction): void {
  const start = started.get(interaction);
  if (start === undefined) return;
  const end = performance.now();
  const answer = answered.get(interaction);
  started.delete(interaction);
  answered.delete(interaction);
  performance.measure(`ui:${interaction}`, { start, end });
  if (answer !== undefined) performance.measure(`ui:${interaction}:render`, { start: answer, end });
}

/** The console's answer to a move already on screen: `ui:<name>:stored`, from the input (`performance.now()` then). */
export function markStored(interaction: Interaction, start: number): void {
  performance.measure(`ui:${interaction}:stored`, { start, end: performance.now() });
}
