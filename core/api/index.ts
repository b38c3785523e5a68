export * from './define';
export * from './contract';
export type { ConsoleEventMap } from './events';
export * from './settings-schema';
export type { AppInfo } from './app';
