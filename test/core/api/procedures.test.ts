import { describe, expect, it } from 'vitest';
import { procedureCalls } from '../../../core/api/procedures';

describe('the procedures call group', () => {
  it('accepts do as do-it-for-them, and refuses an unknown mode or code with a readable message', () => {
    const start = procedureCalls['procedures.start'].input;
    expect(start.parse({ customerId: 'c1', code: 'T1', mode: 'do' }).mode).toBe('do-it-for-them');
    expect(start.parse({ customerId: 'c1', code: 'H1', mode: 'guide', entryPoint: 'product-overview' })).toMatchObject({
      mode: 'guide',
      entryPoint: 'product-overview',
    });
    const bad = start.safeParse({ customerId: 'c1', code: 'X9', mode: 'sideways' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual([
      'Not a procedure code (T1…T5, P1…P8, H1, M1…M5).',
      'Mode must be guide or do-it-for-them.',
    ]);
  });

  it('takes only agent events: the console stamps the time and reports act results itself', () => {
    const apply = procedureCalls['procedures.apply'].input;
    expect(apply.safeParse({ runId: 'r', event: { type: 'tick', stepId: 'signed-in' } }).success).toBe(true);
    expect(apply.safeParse({ runId: 'r', event: { type: 'tick', stepId: 'signed-in', at: '2025-01-01T00:00:00Z' } }).success).toBe(false);
    expect(apply.safeParse({ runId: 'r', event: { type: 'actResult', stepId: 's', outcomes: {} } }).success).toBe(false);
    expect(apply.safeParse({ runId: 'r', event: { type: 'refresh', online: true } }).success).toBe(false);
  });
});
