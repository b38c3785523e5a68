/**
 * Exponential backoff with full jitter: attempt n waits a random time up to
 * min(cap, base · 2ⁿ), so many consoles retrying after an outage do not arrive together.
 */
export type BackoffPolicy = Readonly<{ baseMs: number; capMs: number }>;

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, capMs: 60_000 };

export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  // Never zero: at least a tenth of the ceiling, so a failing backend is not hammered.
  return Math.round(ceiling * (0.1 + 0.9 * random()));
}
