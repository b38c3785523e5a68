import { describe, expect, it } from 'vitest';
import { display, flatten, humanizePath, setPath } from '../../../renderer/src/lib/flatten';

describe('flatten', () => {
  it('gives every scalar its dotted path', () => {
    expect(flatten({ a: 1, b: { c: 'x', d: [true, null] } })).toEqual({ a: 1, 'b.c': 'x', 'b.d.0': true, 'b.d.1': null });
  });
  it('keeps empty containers visible', () => {
    expect(flatten({ items: [], meta: {} })).toEqual({ items: '(none)', meta: '(empty)' });
  });
});

describe('setPath', () => {
  it('sets a nested value in a copy, leaving the original alone', () => {
    const original = { changes: { address: { city: 'Boston' } }, baseVersion: 3 };
    const changed = setPath(original, 'changes.address.city', 'Cambridge');
    expect(changed).toEqual({ changes: { address: { city: 'Cambridge' } }, baseVersion: 3 });
    expect(original.changes.address.city).toBe('Boston');
  });
  it('creates the objects on the way', () => {
    expect(setPath({}, 'a.b', 1)).toEqual({ a: { b: 1 } });
  });
});

describe('humanizePath', () => {
  it('reads a field path as words', () => {
    expect(humanizePath('changes.address.postalCode')).toBe('Address postal code');
    expect(humanizePath('contactEmail')).toBe('Contact email');
  });
});

describe('display', () => {
  it('says what is missing', () => {
    expect(display(undefined)).toBe('—');
    expect(display(null)).toBe('(none)');
    expect(display(false)).toBe('false');
  });
});
