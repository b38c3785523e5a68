export * from './dispatch';
export * from './events';
export * from './handlers';
export * from './runtime';
export * from './settings-store';
export * from './logger';
