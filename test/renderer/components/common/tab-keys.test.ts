import { describe, expect, it } from 'vitest';
import { tabIndexAfterKey } from '../../../../renderer/src/components/common/tab-keys';

describe('tabIndexAfterKey (the tabs pattern, shared by the details tabs and the customer tabs)', () => {
  it('moves right and left, wrapping at both ends', () => {
    expect(tabIndexAfterKey('ArrowRight', 0, 3)).toBe(1);
    expect(tabIndexAfterKey('ArrowRight', 2, 3)).toBe(0);
    expect(tabIndexAfterKey('ArrowLeft', 1, 3)).toBe(0);
    expect(tabIndexAfterKey('ArrowLeft', 0, 3)).toBe(2);
  });

  it('goes to the first with Home and the last with End', () => {
    expect(tabIndexAfterKey('Home', 2, 3)).toBe(0);
    expect(tabIndexAfterKey('End', 0, 3)).toBe(2);
  });

  it('ignores every other key', () => {
    for (const key of ['ArrowUp', 'ArrowDown', 'Enter', 'Delete', 'a', 'Tab']) expect(tabIndexAfterKey(key, 1, 3)).toBeNull();
  });
});
