import type { Client, Pool, PoolClient } from 'pg';

/** The pool (statements on their own), one client of it (inside a transaction), or a connection of its own (the snapshot's view). */
export type Queryable = Pool | PoolClient | Client;
