import { describe, expect, it } from 'vitest';
import { checkBaseVersion } from '../../../../core/domain';

describe('base version check', () => {
  it('accepts an edit made against the current version', () => expect(checkBaseVersion({ version: 3 }, 3)).toEqual({ ok: true }));
  it('refuses one made against an older version as stale', () => {
    const result = checkBaseVersion({ version: 4 }, 3);
    expect(result).toMatchObject({ ok: false, code: 'stale' });
    if (!result.ok) expect(result.message).toContain('changed since it was loaded');
  });
});
