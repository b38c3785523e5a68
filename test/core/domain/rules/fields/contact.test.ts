import { describe, expect, it } from 'vitest';
import { checkContactChanges, validateCountry, validateEmail } from '../../../../../core/domain';
import { customer, reseller } from '../../fixtures';

describe('email', () => {
  it('trims and lower-cases the domain only', () => {
    expect(validateEmail(' Dana.Smith@Acme.EXAMPLE ')).toEqual({ ok: true, email: 'Dana.Smith@acme.example' });
  });
  it('refuses what is not an address', () => {
    for (const bad of ['', 'dana', 'dana@', '@acme.example', 'dana smith@acme.example']) {
      expect(validateEmail(bad)).toMatchObject({ ok: false, code: 'email_invalid' });
    }
  });
});

describe('country', () => {
  it('accepts ISO alpha-2 in any case', () => expect(validateCountry(' gb ')).toEqual({ ok: true, country: 'GB' }));
  it('refuses names and alpha-3', () => {
    expect(validateCountry('USA')).toMatchObject({ ok: false, code: 'country_invalid' });
    expect(validateCountry('UK')).toMatchObject({ ok: false, code: 'country_invalid' });
  });
});

describe('P1/P6 contact changes', () => {
  it('normalises every field and lists what changed', () => {
    const result = checkContactChanges(customer, {
      contactPhone: '(415) 555-0199',
      contactEmail: 'New@Acme.Example',
      contactExtension: 'x7',
      address: { line2: 'Suite 400', postalCode: '94105-1804' },
      resellerId: null,
    });
    expect(result).toMatchObject({
      ok: true,
      changedFields: ['contactPhone', 'contactExtension', 'contactEmail', 'address', 'resellerId'],
    });
    if (!result.ok) return;
    expect(result.next).toMatchObject({ contactPhone: '+14155550199', contactEmail: 'New@acme.example', contactExtension: '7' });
    expect(result.next.address).toEqual({ ...customer.address, line2: 'Suite 400', postalCode: '94105-1804' });
    expect('resellerId' in result.next).toBe(false);
    expect(result.next.id).toBe(customer.id);
  });

  it('re-checks the postal code and reads the phone in a new country', () => {
    const moved = checkContactChanges(reseller, {
      address: { country: 'gb', postalCode: 'ec1a1bb', city: 'London' },
      contactPhone: '020 7946 0958',
    });
    expect(moved).toMatchObject({ ok: true, next: { address: { country: 'GB', postalCode: 'EC1A 1BB' }, contactPhone: '+442079460958' } });
    expect(checkContactChanges(reseller, { address: { country: 'DE' } })).toMatchObject({
      ok: false,
      code: 'details_invalid',
      fieldErrors: { 'address.postalCode': { code: 'postal_code_invalid' } },
    });
  });

  it('keeps the listed name in step with the company name', () => {
    expect(checkContactChanges(customer, { companyName: 'Acme Gadgets Inc.' })).toMatchObject({
      ok: true,
      next: { name: 'Acme Gadgets Inc.', companyName: 'Acme Gadgets Inc.' },
    });
  });

  it('reports every bad field at once', () => {
    const result = checkContactChanges(customer, {
      contactEmail: 'nope',
      contactPhone: '12',
      contactName: ' ',
      address: { country: 'ZZ', line1: '' },
    });
    expect(result).toMatchObject({ ok: false, code: 'details_invalid' });
    if (result.ok) return;
    expect(Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k, v.code]))).toEqual({
      contactName: 'name_required',
      'address.line1': 'address_incomplete',
      'address.country': 'country_invalid',
      contactPhone: 'phone_invalid',
      contactEmail: 'email_invalid',
    });
  });

  it('refuses a change that changes nothing', () => {
    expect(checkContactChanges(customer, { contactEmail: 'dana@acme.example', address: { city: 'San Francisco' } })).toMatchObject({
      ok: false,
      code: 'nothing_to_change',
    });
  });
});
