// Sync with the account backend (SPEC §5): pull, push, the merged view, online/offline.
export * from './appliers';
export * from './backoff';
export * from './engine';
export * from './merged-view';
export * from './pull';
export * from './push';
export * from './submit';
export * from './transport';
export * from './page-writer';
export * from './snapshot/install';
export * from './snapshot/install-source';
export * from './snapshot/install-first-sync';
