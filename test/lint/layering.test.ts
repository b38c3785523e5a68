import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function layeringErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((message) => message.message.includes('Bad layering')).map((message) => message.message);
}

describe('lint enforces the layering of STYLE.md (imports, and SQL only in the module owning its table)', () => {
  it.each([
    ['core/domain/probe.ts', "import { app } from 'electron';\nexport const probe = app;\n"],
    ['core/console/probe.ts', "import { BrowserWindow } from 'electron';\nexport const probe = BrowserWindow;\n"],
    ['core/sync/probe.ts', "import { useState } from 'react';\nexport const probe = useState;\n"],
    ['core/sync/probe.ts', "import Database from 'better-sqlite3';\nexport const probe = Database;\n"],
    ['core/domain/probe.ts', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n"],
    ['core/sync/probe.ts', "import { App } from '../../renderer/src/components/App';\nexport const probe = App;\n"],
    ['core/sync/probe.ts', 'export const probe = () => document.title;\n'],
    ['renderer/src/probe.ts', "import { registerIpc } from '../../electron/ipc';\nexport const probe = registerIpc;\n"],
    ['renderer/src/probe.ts', "import { openCache } from '../../core/cache';\nexport const probe = openCache;\n"],
    ['electron/probe.ts', "import { App } from '../renderer/src/components/App';\nexport const probe = App;\n"],
    ['renderer/src/components/Probe.tsx', "import { consoleClient } from '../api/client';\nexport const probe = consoleClient;\n"],
    // SQL outside the module that owns its table (STYLE.md §5): statements, whatever the handle is called.
    ['core/sync/probe.ts', "export const probe = (db: { prepare: (sql: string) => unknown }) => db.prepare('SELECT 1');\n"],
    ['core/sync/probe.ts', "export const probe = (db: { exec: (sql: string) => unknown }) => db.exec('DELETE FROM overlay');\n"],
    ['core/sync/probe.ts', "export const probe = (db: { pragma: (sql: string) => unknown }) => db.pragma('data_version');\n"],
    [
      'core/sync/probe.ts',
      'export const probe = (db: { transaction: (work: () => void) => unknown }) => db.transaction(() => undefined);\n',
    ],
    ['core/sync/snapshot/probe.ts', "export const probe = (db: { prepare: (sql: string) => unknown }) => db.prepare('SELECT 1');\n"],
    // No file of core/sync is exempt any more: the install and the page writer call core/cache too.
    [
      'core/sync/snapshot/install.ts',
      "export const probe = (db: { exec: (sql: string) => unknown }) => db.exec('DETACH DATABASE snapshot');\n",
    ],
    [
      'core/sync/snapshot/install-first-sync.ts',
      'export const probe = (db: { transaction: (work: () => void) => unknown }) => db.transaction(() => undefined);\n',
    ],
    ['core/sync/page-worker.ts', "export const probe = (db: { pragma: (sql: string) => unknown }) => db.pragma('threads = 2');\n"],
    [
      'core/console/probe.ts',
      "export const probe = (deps: { db: { prepare: (sql: string) => unknown } }) => deps.db?.prepare('SELECT 1');\n",
    ],
    ['core/console/probe.ts', "export const probe = (connection: { exec: (sql: string) => unknown }) => connection.exec('VACUUM');\n"],
    ['electron/probe.ts', "export const probe = (cache: { pragma: (sql: string) => unknown }) => cache.pragma('user_version');\n"],
    ['scripts/probe.ts', "export const probe = (db: { exec: (sql: string) => unknown }) => db.exec('DROP TABLE records');\n"],
  ])('reports a wrong-way import or statement in %s', async (filePath, source) => {
    expect(await layeringErrors(filePath, source)).not.toEqual([]);
  });

  it.each([
    ['core/cache/probe.ts', "import Database from 'better-sqlite3';\nexport const probe = Database;\n"],
    ['core/console/probe.ts', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n"],
    ['renderer/src/probe.ts', "import { settingsSchema } from '../../core/api';\nexport const probe = settingsSchema;\n"],
    ['renderer/src/stores/probe.ts', "import { consoleClient } from '../api/client';\nexport const probe = consoleClient;\n"],
    [
      'electron/probe.ts',
      "import { app } from 'electron';\nimport { callNames } from '../core/api';\nexport const probe = [app, callNames];\n",
    ],
    ['core/cache/probe.ts', "export const probe = (db: { prepare: (sql: string) => unknown }) => db.prepare('SELECT 1');\n"],
    ['core/backend/probe.ts', "export const probe = (db: { exec: (sql: string) => unknown }) => db.exec('DELETE FROM records');\n"],
    // RegExp's exec is not SQL: a literal, `new RegExp`, or a value named like a pattern.
    ['core/security/probe.ts', 'export const probe = (line: string) => /card=(\\d+)/.exec(line)?.[1];\n'],
    ['core/security/probe.ts', 'const fieldValuePattern = /x+/g;\nexport const probe = (line: string) => fieldValuePattern.exec(line);\n'],
    ['renderer/src/probe.ts', "export const probe = (text: string) => new RegExp('a+').exec(text);\n"],
    [
      'core/sync/probe.ts',
      'const patterns = { linePattern: /^x/ };\nexport const probe = (text: string) => patterns.linePattern.exec(text);\n',
    ],
  ])('allows the right-way import or statement in %s', async (filePath, source) => {
    expect(await layeringErrors(filePath, source)).toEqual([]);
  });
});
