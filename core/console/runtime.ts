import { join } from 'node:path';
import type { AppInfo } from '../api';
import { backendUrlProblem } from '../api';
import { startBackend } from '../backend';
import type { RunningBackend } from '../backend';
import { openCache, swappableConnection } from '../cache';
import { ensurePrivateFile, tightenPrivateTree } from '../security/private-files';
import type { WritableDB } from '../cache';
import { createHttpTransport, createSnapshotSource, createSyncEngine, createWorkerPageWriter } from '../sync';
import type { SyncEngine, SyncEngineOptions } from '../sync';
import { createAppHandlers } from './app-handlers';
import { createApprovalService } from './approval-handlers';
import { createCallbackReminders } from './callback-reminders';
import { createCallLinkInbox } from './call-links';
import { createCustomerHandlers } from './customer-handlers';
import { createInteractionService } from './interaction-handlers';
import { createProcedureService } from './procedure-handlers';
import { cacheProcedureSources } from './procedure-sources';
import type { SecretStore } from './secret-store';
import { createSessionService } from './session-handlers';
import { createSyncHandlers } from './sync-handlers';
import { createUnlockFailureFile } from './unlock-failures-file';
import { createEventHub } from './events';
import type { EventHub } from './events';
import type { ConsoleHandlers } from './handlers';
import type { SettingsStore } from './settings-store';

export type ConsoleLogger = Readonly<{
  info: (message: string) => void;
  warn: (message: string) => void;
  error: (message: string, error?: unknown) => void;
}>;

export type ConsoleRuntimeOptions = Readonly<{
  mode: AppInfo['mode'];
  version: string;
  dataDir: string;
  settings: SettingsStore;
  logger: ConsoleLogger;
  /** better-sqlite3's compiled addon, when it is not where the package expects it (Electron builds). */
  sqliteNativeBinding?: string;
  /** Overrides the `backendUrl` setting (`--backend URL`). */
  backendUrl?: string;
  /** Where the agent's token survives a restart (Electron: encrypted by the OS keychain). */
  secrets?: SecretStore;
  /**
   * The sync engine's timing, when not its defaults: end-to-end tests stand in for an outage
   * of many minutes with a backoff already at a long cap, without waiting those minutes.
   */
  syncTiming?: Readonly<Pick<SyncEngineOptions, 'backoff' | 'pollIntervalMs' | 'probeIntervalMs'>>;
}>;

/**
 * The console's main-process services, the same in Electron and in browser mode: the
 * handlers of every console call and the event hub. The bridges (IPC, HTTP) only carry
 * calls to `handlers` and events from `events`.
 */
export type ConsoleRuntime = Readonly<{
  handlers: ConsoleHandlers;
  events: EventHub;
  logger: ConsoleLogger;
  /** The one entry point for changes (the procedure engine's), and sync control. */
  sync: SyncEngine;
  /** The local cache; main-process services only (procedure runs live here too). */
  db: WritableDB;
  /** A call link a phone system opened (Electron's protocol handler): it waits for the renderer to take it. */
  offerCallLink: (link: string) => void;
  close: () => Promise<void>;
}>;

/** A backend URL as shown on screen: a user or password written into it is not repeated. */
function withoutUserInfo(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.pathname === '/' && !url.endsWith('/') ? parsed.href.slice(0, -1) : parsed.href;
}

/** How often due callbacks are looked for between syncs; a reminder may come this late. */
const callbackReminderIntervalMs = 30_000;

export async function createConsoleRuntime(options: ConsoleRuntimeOptions): Promise<ConsoleRuntime> {
  const events = createEventHub((error) => options.logger.error('An event listener failed', error));
  let backendUrl = options.backendUrl ?? options.settings.read().backendUrl;
  const backendSource: AppInfo['backend']['source'] = options.backendUrl ? 'command_line' : backendUrl ? 'settings' : 'built_in_demo';
  const urlProblem = backendUrl ? backendUrlProblem(backendUrl) : null;
  if (urlProblem) throw new Error(urlProblem);
  // The data folder holds customer data and offline password hashes: owner-only, and what an
  // older version left open is closed now. The cache file is made 0600 before SQLite opens
  // it, as SQLite gives its -wal and -shm files the database file's mode.
  for (const path of tightenPrivateTree(options.dataDir)) options.logger.warn(`${path} could not be made readable by its owner only.`);
  const cacheFile = join(options.dataDir, 'cache.db');
  ensurePrivateFile(cacheFile);
  const binding = options.sqliteNativeBinding ? { nativeBinding: options.sqliteNativeBinding } : {};
  const openCacheFile = () => openCache(cacheFile, { ...binding, autoCheckpoint: false });
  // Every service gets this one `db`; a snapshot install replaces the file under it (core/cache/db.ts).
  const connection = swappableConnection(openCacheFile());
  const db = connection.db;
  let demoBackend: RunningBackend | undefined;
  try {
    if (!backendUrl) {
      // No backend configured: the reference backend on demo data, so a first run shows data with no setup.
      demoBackend = await startBackend({ dataDir: join(options.dataDir, 'demo-backend'), port: 0, ...binding });
      backendUrl = demoBackend.url;
      options.logger.info(`Using the built-in demo backend at ${backendUrl} (sign in as agent@demo.test / demo).`);
    }
  } catch (error) {
    db.close();
    throw error;
  }
  const transport = createHttpTransport(backendUrl);
  // A first sync starts from the backend's snapshot when it has one (issue 17), paging when not.
  const snapshots = createSnapshotSource({
    root: backendUrl,
    timeoutMs: 30_000,
    stagingDir: join(options.dataDir, 'snapshot'),
    connection,
    file: cacheFile,
    open: openCacheFile,
    logger: options.logger,
    ...binding,
  });
  const info: AppInfo = {
    name: 'Support Console',
    version: options.version,
    mode: options.mode,
    dataDir: options.dataDir,
    platform: process.platform,
    // What the transport was built on, so Settings and About name the backend in use, not the setting.
    backend: { url: withoutUserInfo(transport.describe()), source: backendSource },
  };
  let onSignInRequired = () => {};
  const engine = createSyncEngine({
    db,
    transport,
    pageWriter: createWorkerPageWriter({ file: cacheFile, ...binding }),
    snapshots,
    onStatus: (status) => events.emit('sync.changed', status),
    onCustomersChanged: (customerIds) => events.emit('customers.changed', { customerIds }),
    onSignInRequired: () => onSignInRequired(),
    logger: options.logger,
    ...options.syncTiming,
  });
  const session = createSessionService({
    db,
    transport,
    engine,
    logger: options.logger,
    unlockFailures: createUnlockFailureFile(join(options.dataDir, 'offline-unlock-failures.json'), options.logger.warn),
    ...(options.secrets ? { secrets: options.secrets } : {}),
  });
  onSignInRequired = session.tokenRejected;
  session.restore();
  const procedureSources = cacheProcedureSources(db, options.logger.warn);
  const interactions = createInteractionService({ db, engine, session: session.current, warn: options.logger.warn });
  const procedures = createProcedureService({
    runs: procedureSources.runs,
    records: procedureSources.records,
    // Every change a run makes is noted on the agent's open call with the customer (issue 21).
    submitMutation: async (name, args) => {
      const result = await engine.submitMutation(name, args);
      try {
        interactions.observe(name, args, result);
      } catch (error) {
        options.logger.error('Noting a change on the open call failed', error);
      }
      return result;
    },
    agent: () => session.current()?.agent ?? null,
    online: () => engine.status().online,
    warn: options.logger.warn,
  });
  const approvals = createApprovalService({
    db,
    procedures,
    submitMutation: (name, args) => engine.submitMutation(name, args),
    syncNow: () => engine.syncNow(),
    agent: () => session.current()?.agent ?? null,
    online: () => engine.status().online,
    emit: (queue) => events.emit('approvals.changed', queue),
  });
  const reminders = createCallbackReminders({
    db,
    events,
    agentId: () => session.current()?.agent.id ?? null,
    now: () => new Date(),
    intervalMs: callbackReminderIntervalMs,
    onError: (error) => options.logger.error('Checking due callbacks failed', error),
  });
  // A sync that changed a customer may show a step done in the portal (guide mode), or bring a callback.
  events.subscribe((name, payload) => {
    if (name !== 'customers.changed') return;
    try {
      reminders.check();
    } catch (error) {
      options.logger.error('Checking due callbacks failed', error);
    }
    try {
      approvals.refresh();
    } catch (error) {
      options.logger.error('Reading approvals failed', error);
    }
    const { customerIds } = payload as { customerIds: readonly string[] | null };
    procedures.refreshCustomers(customerIds).catch((error: unknown) => options.logger.error('Refreshing procedure runs failed', error));
  });
  const callLinks = createCallLinkInbox(events);
  const handlers: ConsoleHandlers = {
    ...createAppHandlers({ info, settings: options.settings, events }),
    ...callLinks.handlers,
    ...session.handlers,
    ...createCustomerHandlers({ db, engine, transport, session: session.current }),
    ...createSyncHandlers({ db, engine, events }),
    ...procedures.handlers,
    ...interactions.handlers,
    ...approvals.handlers,
  };
  let closed = false;
  return {
    handlers,
    events,
    logger: options.logger,
    sync: engine,
    db,
    offerCallLink: callLinks.offer,
    close: async () => {
      if (closed) return;
      closed = true;
      reminders.close();
      session.close();
      await engine.stop();
      db.close();
      await demoBackend?.close();
    },
  };
}
