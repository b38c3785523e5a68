import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../core/sync';

describe('backoff with jitter', () => {
  const policy = { baseMs: 1_000, capMs: 60_000 };

  it('grows exponentially up to the cap', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, policy, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffDelay(20, policy, () => 1)).toBe(60_000);
  });

  it('spreads retries over a tenth to all of the ceiling, never zero', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(800);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(4_400);
  });
});
