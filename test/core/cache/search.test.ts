import { beforeEach, describe, expect, it } from 'vitest';
import { openCache, phoneForms, recordPulledPage, searchCustomers, searchStillLoading } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import { phoneSearchKeys } from '../../../core/domain';
import { customerWith, del, put, store } from './fixtures';

let db: WritableDB;

beforeEach(() => {
  db = openCache(':memory:');
  store(
    db,
    put(
      'customer',
      customerWith('c-dana', {
        accountNumber: 'PP-100234',
        name: 'Acme Widgets Inc.',
        companyName: 'Acme Widgets Inc.',
        contactName: 'Dana Smith',
        contactEmail: 'dana@acme.example',
        contactPhone: '+14155550134',
      }),
    ),
    put(
      'customer',
      customerWith('c-olivia', {
        accountNumber: 'TS-100001',
        name: 'Olivia Bennett',
        companyName: undefined,
        kind: 'person',
        contactName: 'Olivia Bennett',
        contactEmail: 'olivia.bennett@example.com',
        contactPhone: '+14155550199',
      }),
    ),
    put(
      'customer',
      customerWith('c-jose', {
        accountNumber: 'TS-100002',
        name: 'José Álvarez',
        companyName: undefined,
        kind: 'person',
        contactName: 'José Álvarez',
        contactEmail: 'jose@example.es',
        contactPhone: '+34912345678',
      }),
    ),
    put(
      'customer',
      customerWith('c-dan', {
        accountNumber: 'TS-100003',
        name: 'Danielle Smithers',
        companyName: undefined,
        kind: 'person',
        contactName: 'Danielle Smithers',
        contactEmail: 'dsmithers@example.com',
        contactPhone: '+442079460958',
      }),
    ),
    put(
      'customer',
      customerWith('c-acct', {
        accountNumber: 'TS-4155550',
        name: 'Number Lookalike',
        companyName: undefined,
        kind: 'person',
        contactName: 'Number Lookalike',
        contactEmail: 'n@example.com',
        contactPhone: '+12125550100',
      }),
    ),
  );
});

const ids = (query: string) => searchCustomers(db, query).map((match) => match.id);

describe('customer search', () => {
  it.each(['(415) 555-0134', '+14155550134', '555 0134', '415.555.0134', '1 415 555 0134', '+1 (415) 555-0134'])(
    'finds the same customer first for the phone typed as %s',
    (typed) => {
      const [first] = searchCustomers(db, typed);
      expect(first).toMatchObject({ id: 'c-dana', matchedOn: 'phone', exact: true });
    },
  );

  it('finds an international number typed with +, 00 or the national trunk 0', () => {
    expect(ids('+44 20 7946 0958')[0]).toBe('c-dan');
    expect(ids('0044 20 7946 0958')[0]).toBe('c-dan');
    expect(ids('020 7946 0958')[0]).toBe('c-dan');
  });

  it('finds a phone as it is typed, digit by digit', () => {
    expect(ids('(415) 55')).toEqual(expect.arrayContaining(['c-dana', 'c-olivia']));
    expect(ids('(415) 555-013')).toEqual(['c-dana']);
  });

  it('puts an exact account number first, and finds it without its dash or prefix', () => {
    expect(searchCustomers(db, 'TS-100001')[0]).toMatchObject({ id: 'c-olivia', matchedOn: 'accountNumber', exact: true });
    expect(ids('ts100001')[0]).toBe('c-olivia');
    expect(ids('100001')[0]).toBe('c-olivia');
    expect(ids('TS-1000')).toEqual(expect.arrayContaining(['c-olivia', 'c-jose', 'c-dan']));
  });

  it('ranks an exact phone match above an account number that only starts with the same digits', () => {
    const results = searchCustomers(db, '4155550134');
    expect(results[0]).toMatchObject({ id: 'c-dana', exact: true });
  });

  it('finds an exact email first, and email prefixes as typed', () => {
    expect(searchCustomers(db, 'Dana@Acme.example')[0]).toMatchObject({ id: 'c-dana', matchedOn: 'email', exact: true });
    expect(ids('olivia.bennett@ex')).toEqual(['c-olivia']);
  });

  it('finds names, companies and contacts by word prefixes, whole words first', () => {
    expect(ids('dan smi')).toEqual(expect.arrayContaining(['c-dana', 'c-dan']));
    expect(ids('dana smith')[0]).toBe('c-dana');
    expect(searchCustomers(db, 'acme')[0]).toMatchObject({ id: 'c-dana', matchedOn: 'name' });
    expect(ids('smithers')).toEqual(['c-dan']);
    expect(ids('Danielle')).toEqual(['c-dan']);
  });

  it('ignores accents and case', () => {
    expect(ids('jose alv')).toEqual(['c-jose']);
    expect(ids('ÁLVAREZ')).toEqual(['c-jose']);
  });

  it('answers an empty or unmatched query with nothing', () => {
    expect(ids('   ')).toEqual([]);
    expect(ids('zzzz')).toEqual([]);
    expect(ids('"*) OR')).toEqual([]);
  });

  it('follows updates and deletions', () => {
    store(
      db,
      put(
        'customer',
        customerWith('c-olivia', {
          version: 2,
          accountNumber: 'TS-100001',
          name: 'Olivia Carter',
          companyName: undefined,
          contactName: 'Olivia Carter',
          contactEmail: 'olivia.carter@example.com',
          contactPhone: '+14155550199',
        }),
      ),
    );
    expect(ids('bennett')).toEqual([]);
    expect(ids('carter')).toEqual(['c-olivia']);
    expect(ids('olivia.bennett@example.com')).toEqual([]);
    store(db, del('customer', 'c-olivia'));
    expect(ids('carter')).toEqual([]);
    expect(ids('TS-100001')).toEqual([]);
  });

  it('caps the number of results', () => {
    expect(searchCustomers(db, 'example', 2)).toHaveLength(2);
  });

  it('indexes the same phone keys as the domain, less the one with the country code', () => {
    for (const phone of ['+14155550134', '+442079460958', '+34912345678', '+31201234567']) {
      const domainKeys = phoneSearchKeys(phone);
      expect(new Set([...phoneForms(phone), domainKeys[0]])).toEqual(new Set(domainKeys));
    }
  });
});

describe('search while a first sync runs', () => {
  it('says how many accounts are loaded so far until the first sync is complete', () => {
    expect(searchStillLoading(db)).toEqual({ accountsLoaded: 5 });
    store(
      db,
      put(
        'customer',
        customerWith('c-new', {
          accountNumber: 'TS-100009',
          name: 'Late Arrival',
          companyName: undefined,
          contactName: 'Late Arrival',
          contactEmail: 'late@example.com',
          contactPhone: '+14155550111',
        }),
      ),
    );
    expect(searchStillLoading(db)).toEqual({ accountsLoaded: 6 });
    db.transaction(() => recordPulledPage(db, { cursor: 'c1', changes: 6, complete: true, at: '2026-01-01T00:00:00.000Z' }))();
    expect(searchStillLoading(db)).toBeNull();
  });
});
