export * from './define';
export * from './contract';
export type { ConsoleEventMap } from './events';
export * from './settings-schema';
export type { AppInfo } from './app';
export type { ApprovalItem, ApprovalQueue } from './approvals';
export type { ConsoleSession, SignedInAgent } from './session';
export type {
  CustomerMatch,
  CustomerWarning,
  CustomerWorkspace,
  MaskedLicenseKey,
  ResellerCustomers,
  SearchStillLoading,
  Shown,
} from './customers';
export type { FirstSyncPhase, OutboxEntry, RecordVersion, SyncState, SyncStatus } from './sync';
export * from './call-link';
export type { CustomerHistory, HistoryEntry, HistoryKind, LastContact, OpenCall, WrapUpResult } from './interactions';
export { staleCallHours } from './interactions';
