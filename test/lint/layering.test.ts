import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function layeringErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((message) => message.message.includes('Bad layering')).map((message) => message.message);
}

describe('lint enforces the layering of STYLE.md', () => {
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
  ])('reports a wrong-way import in %s', async (filePath, source) => {
    expect(await layeringErrors(filePath, source)).not.toEqual([]);
  });

  it.each([
    ['core/cache/probe.ts', "import Database from 'better-sqlite3';\nexport const probe = Database;\n"],
    ['core/console/probe.ts', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n"],
    ['renderer/src/probe.ts', "import { settingsSchema } from '../../core/api';\nexport const probe = settingsSchema;\n"],
    ['renderer/src/stores/probe.ts', "import { consoleClient } from '../api/client';\nexport const probe = consoleClient;\n"],
    ['electron/probe.ts', "import { app } from 'electron';\nimport { callNames } from '../core/api';\nexport const probe = [app, callNames];\n"],
  ])('allows the right-way import in %s', async (filePath, source) => {
    expect(await layeringErrors(filePath, source)).toEqual([]);
  });
});
