// The WAI-ARIA tabs pattern's moves: ArrowRight/ArrowLeft wrap around, Home and End go to the ends.
/** The index a key moves the selection to among `count` tabs, from `index`; null for any other key. */
export function tabIndexAfterKey(key: string, index: number, count: number): number | null {
  if (key === 'ArrowRight') return (index + 1) % count;
  if (key === 'ArrowLeft') return (index - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}
