import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Electron 45 downloads its binary the first time `require('electron')` runs inside node_modules;
    // unit tests must never trigger that (no network here, and no Electron is needed in plain Node).
    env: { ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent' },
  },
});
