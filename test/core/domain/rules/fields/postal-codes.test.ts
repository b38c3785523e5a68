import { describe, expect, it } from 'vitest';
import { validatePostalCode } from '../../../../../core/domain';

const ok = (input: string, country: string, postalCode: string) =>
  expect(validatePostalCode(input, country)).toEqual({ ok: true, postalCode });
const bad = (input: string, country: string) =>
  expect(validatePostalCode(input, country)).toMatchObject({ ok: false, code: 'postal_code_invalid', field: 'postalCode' });

describe('postal codes by country', () => {
  it('US', () => {
    ok('94105', 'US', '94105');
    ok('94105-1804', 'US', '94105-1804');
    bad('9410', 'US');
    bad('SW1A 1AA', 'US');
  });
  it('CA', () => {
    ok('k1a0b1', 'CA', 'K1A 0B1');
    ok('M5V 3L9', 'CA', 'M5V 3L9');
    bad('D1A 0B1', 'CA');
    bad('12345', 'CA');
  });
  it('GB', () => {
    ok('sw1a1aa', 'GB', 'SW1A 1AA');
    ok('M1 1AE', 'GB', 'M1 1AE');
    ok('EC1A 1BB', 'GB', 'EC1A 1BB');
    bad('SW1A', 'GB');
    bad('12345', 'GB');
  });
  it('DE', () => {
    ok('10115', 'DE', '10115');
    bad('1011', 'DE');
  });
  it('FR', () => {
    ok('75008', 'FR', '75008');
    bad('750 08', 'FR');
  });
  it('NL', () => {
    ok('1015cj', 'NL', '1015 CJ');
    ok('1015 CJ', 'NL', '1015 CJ');
    bad('0123 AB', 'NL');
    bad('1015 SS', 'NL');
  });
  it('AU', () => {
    ok('2000', 'AU', '2000');
    bad('20000', 'AU');
  });

  it('accepts a plausible code elsewhere and refuses junk', () => {
    ok('1010', 'AR', '1010');
    ok(' c1425 ', 'AR', 'C1425');
    bad('!!', 'AR');
    bad('12345678901', 'AR');
  });

  it('allows no code only where addresses have none', () => {
    ok('', 'HK', '');
    ok('', 'AE', '');
    bad('', 'US');
    bad('  ', 'DE');
  });

  it('refuses an unknown country', () => {
    expect(validatePostalCode('12345', 'XX')).toMatchObject({ ok: false, code: 'country_invalid' });
  });
});
