import { describe, expect, it } from 'vitest';
import { mergeNamed } from '../../../core/domain';

describe('mergeNamed', () => {
  it('combines the parts into one map with every entry of each', () => {
    const merged = mergeNamed((name) => `Call "${name}"`, [{ a: 1, b: 'two' }, { c: true }] as const);
    expect(merged).toEqual({ a: 1, b: 'two', c: true });
    expect(merged.b).toBe('two');
  });

  it('refuses a name two parts define, naming it as the caller words it', () => {
    expect(() => mergeNamed((name) => `Console API call "${name}"`, [{ 'customers.search': 1 }, { 'customers.search': 2 }])).toThrow(
      'Console API call "customers.search" is defined twice.',
    );
  });

  it('takes a name an object inherits (toString) as any other: defined once, it is no duplicate', () => {
    expect(mergeNamed((name) => name, [{ toString: 'own' }])).toEqual({ toString: 'own' });
  });
});
