import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fail, isRuleCode, pass, ruleCodes, warningCodes } from '../../../../core/domain';

describe('rule codes', () => {
  it('are unique snake_case strings', () => {
    expect(new Set(ruleCodes).size).toBe(ruleCodes.length);
    for (const code of ruleCodes) expect(code).toMatch(/^[a-z]+(?:_[a-z]+)*$/);
    expect(isRuleCode('stale')).toBe(true);
    expect(isRuleCode('Stale')).toBe(false);
    for (const code of warningCodes) expect(isRuleCode(code)).toBe(true);
  });

  it('are each explained in the README', () => {
    const readme = readFileSync(new URL('../../../../core/domain/README.md', import.meta.url), 'utf8');
    for (const code of ruleCodes) expect(readme).toContain(`| \`${code}\` |`);
  });

  it('build results', () => {
    expect(pass()).toEqual({ ok: true });
    expect(pass({ n: 1 })).toEqual({ ok: true, n: 1 });
    expect(fail('stale', 'm')).toEqual({ ok: false, code: 'stale', message: 'm' });
    expect(fail('stale', 'm', 'f')).toEqual({ ok: false, code: 'stale', message: 'm', field: 'f' });
  });
});
