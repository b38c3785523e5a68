import { beforeEach, describe, expect, it } from 'vitest';
import { clearRecords, listResellerCustomers, openCache, programNamedAlone, searchCustomers } from '../../../core/cache';
import type { WritableDB } from '../../../core/cache';
import { customerWith, del, put, store } from './fixtures';

let db: WritableDB;

const reseller = (version: number, fields: Record<string, unknown> = {}) => ({
  id: 'res-nw',
  version,
  program: 'partner',
  accountNumber: 'PR-300001',
  name: 'Northwind Certificates',
  companyName: 'Northwind Certificates',
  contactName: 'Grace Okafor',
  contactEmail: 'accounts@northwind-certs.example.com',
  contactPhone: '+16175550143',
  status: 'enabled',
  ...fields,
});
const staff = (version: number, email: string) => ({
  id: 'pu-helen',
  version,
  customerId: 'c-clinic',
  fullName: 'Helen Carter',
  email,
  level: 'primary',
  status: 'active',
  activated: true,
});

beforeEach(() => {
  db = openCache(':memory:');
  store(
    db,
    put(
      'customer',
      customerWith('c-harbor', {
        accountNumber: 'PP-200001',
        name: 'Harborlight Logistics',
        companyName: 'Harborlight Logistics',
        contactName: 'Nadia Petrova',
        contactEmail: 'it@harborlight.example.com',
        contactPhone: '+16175550187',
        resellerId: 'res-nw',
      }),
    ),
    put(
      'customer',
      customerWith('c-clinic', {
        program: 'member',
        accountNumber: 'MC-600001',
        name: 'Brightwater Clinic',
        companyName: 'Brightwater Clinic',
        contactName: 'Office',
        contactEmail: 'office@brightwater.example.com',
        contactPhone: '+14155550100',
      }),
    ),
    put('reseller', reseller(1)),
    put('portalUser', staff(1, 'helen.carter@brightwater.example.com')),
  );
});

const found = (query: string) => searchCustomers(db, query).map((match) => `${match.kind}:${match.id}`);

describe('account search (resellers and staff members)', () => {
  it('finds a reseller by account number, name, contact, email and phone, and says it is one', () => {
    for (const query of ['PR-300001', 'pr300001', 'Northwind', 'Grace Okafor', 'accounts@northwind-certs.example.com', '(617) 555-0143']) {
      expect(found(query)).toContain('reseller:res-nw');
    }
    const [match] = searchCustomers(db, 'PR-300001');
    expect(match).toMatchObject({
      kind: 'reseller',
      customerId: null,
      name: 'Northwind Certificates',
      matchedOn: 'accountNumber',
      exact: true,
    });
  });

  it('finds a staff member by email, with the member company that opening it shows', () => {
    const [match] = searchCustomers(db, 'helen.carter@brightwater.example.com');
    expect(match).toMatchObject({
      kind: 'staff',
      id: 'pu-helen',
      customerId: 'c-clinic',
      name: 'Helen Carter',
      companyName: 'Brightwater Clinic',
      accountNumber: 'MC-600001',
      exact: true,
    });
    expect(found('helen.carter@bright')).toEqual(['staff:pu-helen']);
    // By email only: a staff member's name is not an account a caller gives.
    expect(found('Helen Carter')).not.toContain('staff:pu-helen');
  });

  it('follows changes and deletions of resellers and staff members', () => {
    store(
      db,
      put(
        'reseller',
        reseller(2, { name: 'Southwind Certs', companyName: 'Southwind Certs', contactEmail: 'hello@southwind.example.com' }),
      ),
    );
    expect(found('Northwind')).toEqual([]);
    expect(found('accounts@northwind-certs.example.com')).toEqual([]);
    expect(found('Southwind')).toEqual(['reseller:res-nw']);
    store(db, put('portalUser', staff(2, 'h.carter@brightwater.example.com')));
    expect(found('helen.carter@brightwater.example.com')).toEqual([]);
    expect(found('h.carter@brightwater.example.com')).toEqual(['staff:pu-helen']);
    store(db, del('reseller', 'res-nw'), del('portalUser', 'pu-helen'));
    expect(found('Southwind')).toEqual([]);
    expect(found('PR-300001')).toEqual([]);
    expect(found('h.carter@brightwater.example.com')).toEqual([]);
  });

  it('ranks customers and accounts together: a whole key before word matches', () => {
    expect(found('it@harborlight.example.com')).toEqual(['customer:c-harbor']);
    expect(found('PR-300001')[0]).toBe('reseller:res-nw');
  });

  it("lists a reseller's customers, and nothing for an unknown reseller", () => {
    expect(listResellerCustomers(db, 'res-nw')).toMatchObject({
      reseller: { id: 'res-nw', name: 'Northwind Certificates', accountNumber: 'PR-300001', program: 'partner' },
      customers: [{ kind: 'customer', id: 'c-harbor', customerId: 'c-harbor' }],
      more: false,
    });
    expect(listResellerCustomers(db, 'res-none')).toBeUndefined();
  });

  it('is emptied with the records', () => {
    db.transaction(() => clearRecords(db))();
    expect(found('Northwind')).toEqual([]);
    expect(found('helen.carter@brightwater.example.com')).toEqual([]);
  });
});

describe('a program named in the query', () => {
  it('narrows the rest of the query to that program, first', () => {
    store(
      db,
      put(
        'customer',
        customerWith('c-ts-harbor', {
          program: 'techsolutions',
          accountNumber: 'TS-100077',
          name: 'Harborlight Cafe',
          companyName: undefined,
          kind: 'person',
          contactName: 'Sam Lee',
          contactEmail: 'sam@cafe.example.com',
          contactPhone: '+14155550177',
        }),
      ),
    );
    expect(found('Harborlight')).toEqual(expect.arrayContaining(['customer:c-harbor', 'customer:c-ts-harbor']));
    expect(found('partner harborlight')[0]).toBe('customer:c-harbor');
    expect(found('Harborlight TechSolutions')[0]).toBe('customer:c-ts-harbor');
    expect(found('Partner platform Northwind')).toEqual(['reseller:res-nw']);
    expect(found('member brightwater')[0]).toBe('customer:c-clinic');
  });

  it('is recognised alone, so the agent can be told how to search within it', () => {
    expect(programNamedAlone('Hosting')).toBe('Hosting reseller area');
    expect(programNamedAlone('partner platform')).toBe('Partner platform');
    expect(programNamedAlone('hosting smith')).toBeNull();
    expect(programNamedAlone('jo@hosting.example')).toBeNull();
  });
});
