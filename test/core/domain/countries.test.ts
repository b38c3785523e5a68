import { describe, expect, it } from 'vitest';
import { countryCodes, countryName, isCountryCode } from '../../../core/domain';

describe('ISO 3166-1 alpha-2 country codes', () => {
  it('lists the 249 assigned codes once each, in order', () => {
    expect(countryCodes).toHaveLength(249);
    expect(new Set(countryCodes).size).toBe(249);
    expect([...countryCodes].sort()).toEqual(countryCodes);
  });

  it('has an English name for every code', () => {
    for (const code of countryCodes) expect(countryName(code)).not.toBe(code);
    expect(countryName('NL')).toBe('Netherlands');
  });

  it('accepts assigned codes and refuses everything else', () => {
    for (const code of ['US', 'CA', 'GB', 'DE', 'FR', 'NL', 'AU', 'AX', 'SS']) expect(isCountryCode(code)).toBe(true);
    for (const code of ['UK', 'XK', 'EU', 'us', 'USA', '', 'ZZ']) expect(isCountryCode(code)).toBe(false);
  });
});
