/**
 * Performance marks for the UI timing benchmark (test/bench/ui.ts reads the measures):
 * `markInput` when the agent acts, `markRendered` once the answer is on screen. Cheap
 * enough to leave on: one mark and one measure per interaction.
 */
export type Interaction = 'search' | 'workspace' | 'step';

const started = new Map<Interaction, number>();

export function markInput(interaction: Interaction): void {
  started.set(interaction, performance.now());
  performance.mark(`${interaction}:input`);
}

export function markRendered(interaction: Interaction): void {
  const start = started.get(interaction);
  if (start === undefined) return;
  started.delete(interaction);
  performance.mark(`${interaction}:rendered`);
  performance.measure(`ui:${interaction}`, { start, end: performance.now() });
  // Marks are only the anchors; keep the buffer from growing through a long shift.
  performance.clearMarks(`${interaction}:input`);
  performance.clearMarks(`${interaction}:rendered`);
}
