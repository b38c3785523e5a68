import { describe, expect, it } from 'vitest';
import { hasSignInGate } from '../../../core/procedures';

describe('the portal sign-in gate (issue 19, item 15)', () => {
  it('is a TechSolutions step only, so only TechSolutions customers show the portal sign-in pill', () => {
    expect(hasSignInGate('techsolutions')).toBe(true);
    expect(hasSignInGate('partner')).toBe(false);
    expect(hasSignInGate('hosting')).toBe(false);
    expect(hasSignInGate('member')).toBe(false);
  });
});
