// Screen pop (issue 21 part 3): every account whose phone is the caller's number, through
// the phone keys of the search index.
import { beforeEach, describe, expect, it } from 'vitest';
import { accountsByPhone, openCache } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import { customerWith, del, put, store } from './fixtures';

let db: WritableDB;

const reseller = (id: string, version: number, contactPhone: string) => ({
  id,
  version,
  program: 'partner',
  accountNumber: `PR-${id}`,
  name: `Reseller ${id}`,
  companyName: `Reseller ${id}`,
  contactName: 'Grace Okafor',
  contactEmail: `${id}@resellers.example.com`,
  contactPhone,
  status: 'enabled',
});
const customer = (id: string, name: string, contactPhone: string, fields: Record<string, unknown> = {}) =>
  put(
    'customer',
    customerWith(id, { accountNumber: `TS-${id}`, name, contactName: name, contactEmail: `${id}@example.com`, contactPhone, ...fields }),
  );

beforeEach(() => {
  db = openCache(':memory:');
  store(
    db,
    customer('c-olivia', 'Olivia Bennett', '+14155550134'),
    // A household: two customers on one line.
    customer('c-sam', 'Sam Ortiz', '+13125550199'),
    customer('c-ana', 'Ana Ortiz', '+13125550199'),
    // The same national digits as a London number, in another country.
    customer('c-maine', 'Maine Lobster Co', '+12079460958'),
    customer('c-london', 'London Lettings', '+442079460958'),
    customer('c-clinic', 'Brightwater Clinic', '+15125550166', { program: 'member' }),
    put('reseller', reseller('res-nw', 1, '+16175550143')),
    customer('c-harbor', 'Harborlight Logistics', '+16175550143', { resellerId: 'res-nw' }),
    put('portalUser', {
      id: 'pu-helen',
      version: 1,
      customerId: 'c-clinic',
      fullName: 'Helen Carter',
      email: 'helen@brightwater.example.com',
      level: 'primary',
      status: 'active',
      activated: true,
    }),
  );
});

const found = (e164: string) => accountsByPhone(db, e164).map((match) => `${match.kind}:${match.id}`);

describe('accountsByPhone', () => {
  it('finds the one customer with that number, as an exact phone match', () => {
    expect(accountsByPhone(db, '+14155550134')).toEqual([
      expect.objectContaining({
        kind: 'customer',
        id: 'c-olivia',
        customerId: 'c-olivia',
        name: 'Olivia Bennett',
        matchedOn: 'phone',
        exact: true,
      }),
    ]);
  });

  it('finds every customer on a shared line, by name', () => {
    expect(found('+13125550199')).toEqual(['customer:c-ana', 'customer:c-sam']);
  });

  it('finds a reseller by its phone, after the customers with the same number', () => {
    expect(found('+16175550143')).toEqual(['customer:c-harbor', 'reseller:res-nw']);
    expect(accountsByPhone(db, '+16175550143')[1]).toMatchObject({ kind: 'reseller', customerId: null, matchedOn: 'phone', exact: true });
  });

  it('finds a member company for a call from its number; a staff member has no phone of their own', () => {
    expect(found('+15125550166')).toEqual(['customer:c-clinic']);
  });

  it('tells apart numbers of two countries with the same national digits', () => {
    expect(found('+442079460958')).toEqual(['customer:c-london']);
    expect(found('+12079460958')).toEqual(['customer:c-maine']);
  });

  it('finds nobody for a number no account has, nor for one that only ends the same', () => {
    expect(found('+14155559999')).toEqual([]);
    // 555 0134 is Olivia's local number, in another area code: not her line.
    expect(found('+12125550134')).toEqual([]);
  });

  it('follows changes and deletions, and keeps to its limit', () => {
    store(db, customer('c-olivia', 'Olivia Bennett', '+13125550199'), del('reseller', 'res-nw'));
    expect(found('+14155550134')).toEqual([]);
    expect(found('+13125550199')).toEqual(['customer:c-ana', 'customer:c-olivia', 'customer:c-sam']);
    expect(found('+16175550143')).toEqual(['customer:c-harbor']);
    expect(accountsByPhone(db, '+13125550199', 2)).toHaveLength(2);
  });
});
