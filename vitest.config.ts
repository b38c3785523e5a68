import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * Backend tests that are about SQLite's own files (its migrations from older data folders, its
 * WAL, its file modes): they have no PostgreSQL counterpart, so the PostgreSQL run leaves them out.
 */
const sqliteFileTests = [
  'test/core/backend/db.test.ts',
  'test/core/backend/db-license-keys.test.ts',
  'test/core/backend/data-folder-modes.test.ts',
  'test/core/backend/card-scan.test.ts',
];

/**
 * Where PostgreSQL is not installed, the PostgreSQL run is one skipped test that says so (and
 * its global setup prints why); under CI it runs anyway, and its global setup fails.
 */
const postgresRoot = '/usr/lib/postgresql';
// As test/support/postgres.ts looks for it (not imported here: the config loads with few imports).
const postgresInstalled =
  existsSync(postgresRoot) && readdirSync(postgresRoot).some((version) => existsSync(`${postgresRoot}/${version}/bin/initdb`));
const postgresRuns = postgresInstalled || process.env.CI === 'true';

export default defineConfig({
  test: {
    // No `include` here: a project that extends this config would get it added to its own
    // (arrays are merged), and the PostgreSQL run would take every test file.
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Electron 45 downloads its binary the first time `require('electron')` runs inside node_modules;
    // unit tests must never trigger that (no network here, and no Electron is needed in plain Node).
    env: { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'] } },
      // The whole backend suite again, on PostgreSQL: a throwaway cluster for the run
      // (test/support/postgres.ts), a database per backend a test starts (test/core/backend/helpers.ts).
      {
        extends: true,
        test: {
          name: 'backend-postgres',
          include: postgresRuns ? ['test/core/backend/**/*.test.ts'] : ['test/support/postgres-missing.check.ts'],
          exclude: ['node_modules/**', ...sqliteFileTests],
          env: { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent', BACKEND_STORE: 'postgres' },
          globalSetup: ['test/support/postgres-global-setup.ts'],
        },
      },
    ],
  },
});
