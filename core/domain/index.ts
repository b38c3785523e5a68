// Public surface of the account domain. Everything other modules use is exported here.
export * from './programs';
export * from './dispositions';
export * from './primitives';
export * from './countries';
export * from './records';
export * from './catalogue';
export * from './rules';
export * from './named-maps';
