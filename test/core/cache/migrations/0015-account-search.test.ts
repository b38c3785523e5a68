import { describe, expect, it } from 'vitest';
import { runMigrations, schemaVersion, searchCustomers } from '../../../../core/cache';
import type { WritableDB } from '../../../../core/cache';
import { databaseAt, tableSql } from './helpers';

describe('migration 0015-account-search', () => {
  it('indexes the resellers and portal staff members a cache already holds', () => {
    const db = databaseAt(14);
    const record = db.prepare('INSERT INTO records (type, id, version, customer_id, data) VALUES (?, ?, 1, ?, ?)');
    record.run(
      'reseller',
      'res-1',
      null,
      JSON.stringify({
        id: 'res-1',
        program: 'partner',
        accountNumber: 'PR-300001',
        name: 'Northwind Certificates',
        companyName: 'Northwind Certificates',
        contactName: 'Grace Okafor',
        contactEmail: 'accounts@northwind-certs.example.com',
        contactPhone: '+16175550143',
      }),
    );
    record.run(
      'portalUser',
      'pu-1',
      'c-member',
      JSON.stringify({ id: 'pu-1', customerId: 'c-member', fullName: 'Helen Carter', email: 'helen.carter@brightwater.example.com' }),
    );
    record.run('subscription', 'sub-1', 'c-member', JSON.stringify({ id: 'sub-1', customerId: 'c-member' }));
    db.prepare(
      `INSERT INTO customer_search (customer_id, program, account_number, name, company, contact_name, email, phone)
       VALUES ('c-member', 'member', 'MC-600001', 'Brightwater Clinic', 'Brightwater Clinic', 'Helen Carter', 'office@brightwater.example.com', '+14155550100')`,
    ).run();

    runMigrations(db, 15);
    expect(schemaVersion(db)).toBe(15);
    expect(tableSql(db, 'account_search')).toMatch(/STRICT/);
    const search = (query: string) =>
      searchCustomers(db as unknown as WritableDB, query).map(({ kind, id, customerId }) => ({ kind, id, customerId }));
    const reseller = { kind: 'reseller', id: 'res-1', customerId: null };
    expect(search('PR-300001')).toEqual([reseller]);
    expect(search('Northwind')).toEqual([reseller]);
    expect(search('accounts@northwind-certs.example.com')).toEqual([reseller]);
    expect(search('helen.carter@brightwater.example.com')).toEqual([{ kind: 'staff', id: 'pu-1', customerId: 'c-member' }]);
    expect(db.prepare('SELECT count(*) AS n FROM account_search').get()).toEqual({ n: 2 });
  });
});
