// The sync protocol (SPEC §5): wire schemas, mutation args and results, rejection codes.
// Pure: shared by the reference backend (core/backend) and the console's sync (core/sync).
export * from './envelope';
export * from './mutation-names';
export * from './mutations';
export * from './codes';
export * from './args-rejection';
export * from './keys';
