// The console's local cache (SQLite): the only module of the console that touches better-sqlite3.
export * from './db';
export { CacheTooNewError, cacheSchemaVersion, latestSchemaVersion, migrations, runMigrations, schemaVersion } from './migrations';
export * from './records';
export * from './search';
export * from './search-index';
export * from './search-backlog';
export * from './search-keys';
export * from './search-accounts';
export * from './search-account-rows';
export * from './search-programs';
export * from './sync-state';
export * from './outbox';
export * from './overlay';
export * from './known-agents';
export * from './procedure-runs';
export * from './callback-reminders';
export * from './customers-by-reseller';
export * from './local-tables';
