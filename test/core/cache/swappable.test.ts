// The main connection can be replaced under the services that hold it (a snapshot install): calls
// reach the new connection, and no statement prepared on the old one is used again.
import { describe, expect, it } from 'vitest';
import { connectionOf, openCache, searchCustomers, swappableConnection } from '../../../core/cache';
import { cacheProcedureSources } from '../../../core/console/procedure-sources';
import { customerWith, put, store } from './fixtures';

function cacheWith(name: string) {
  const db = openCache(':memory:');
  store(db, put('customer', { ...customerWith('cus_1', { name, contactName: name }), version: 1 }));
  return db;
}

describe('a swappable connection', () => {
  it('sends every call to the current connection, and prepares statements again on a new one', () => {
    const first = cacheWith('Ada Lovelace');
    const connection = swappableConnection(first);
    const db = connection.db;
    expect(searchCustomers(db, 'Lovelace').map((match) => match.id)).toEqual(['cus_1']);
    expect(connectionOf(db)).toBe(first);

    const second = cacheWith('Grace Hopper');
    first.close();
    connection.swap(second);
    // The statements prepared on `first` belong to a closed connection: using one would throw.
    expect(searchCustomers(db, 'Hopper').map((match) => match.id)).toEqual(['cus_1']);
    expect(searchCustomers(db, 'Lovelace')).toEqual([]);
    expect(connectionOf(db)).toBe(second);
    expect(db.open).toBe(true);
    expect(db.transaction(() => db.prepare('SELECT 1 AS one').get())()).toEqual({ one: 1 });
    db.close();
    expect(second.open).toBe(false);
  });

  it('makes the procedure service read a customer again after a swap, whatever the counters say', () => {
    const connection = swappableConnection(cacheWith('Ada Lovelace'));
    const sources = cacheProcedureSources(connection.db);
    expect(sources.records('cus_1')?.customer.name).toBe('Ada Lovelace');
    // A new connection starts its change counters again: they may equal the old ones.
    const replaced = connection.current();
    connection.swap(cacheWith('Grace Hopper'));
    replaced.close();
    expect(sources.records('cus_1')?.customer.name).toBe('Grace Hopper');
    connection.db.close();
  });
});
