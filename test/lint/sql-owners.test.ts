import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function sqlErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((message) => message.message.startsWith('SQL outside its owner')).map((message) => message.message);
}

describe('lint keeps SQL in the module that owns the table (STYLE.md §5)', () => {
  it.each([
    ['core/sync/probe.ts', "export const probe = (db: { prepare: (sql: string) => unknown }) => db.prepare('SELECT 1');\n"],
    ['core/sync/probe.ts', "export const probe = (db: { exec: (sql: string) => unknown }) => db.exec('DELETE FROM overlay');\n"],
    ['core/sync/probe.ts', "export const probe = (db: { pragma: (sql: string) => unknown }) => db.pragma('data_version');\n"],
    ['core/sync/probe.ts', 'export const probe = (db: { transaction: (work: () => void) => unknown }) => db.transaction(() => undefined);\n'],
    ['core/console/probe.ts', "export const probe = (deps: { db: { prepare: (sql: string) => unknown } }) => deps.db?.prepare('SELECT 1');\n"],
    ['core/console/probe.ts', "export const probe = (connection: { exec: (sql: string) => unknown }) => connection.exec('VACUUM');\n"],
    ['electron/probe.ts', "export const probe = (cache: { pragma: (sql: string) => unknown }) => cache.pragma('user_version');\n"],
    ['core/sync/snapshot/probe.ts', "export const probe = (db: { prepare: (sql: string) => unknown }) => db.prepare('SELECT 1');\n"],
    ['scripts/probe.ts', "export const probe = (db: { exec: (sql: string) => unknown }) => db.exec('DROP TABLE records');\n"],
  ])('reports a statement in %s', async (filePath, source) => {
    expect(await sqlErrors(filePath, source)).not.toEqual([]);
  });

  it.each([
    ['core/cache/probe.ts', "export const probe = (db: { prepare: (sql: string) => unknown }) => db.prepare('SELECT 1');\n"],
    ['core/backend/probe.ts', "export const probe = (db: { exec: (sql: string) => unknown }) => db.exec('DELETE FROM records');\n"],
    ['core/security/probe.ts', "export const probe = (line: string) => /card=(\\d+)/.exec(line)?.[1];\n"],
    ['core/security/probe.ts', "const fieldValuePattern = /x+/g;\nexport const probe = (line: string) => fieldValuePattern.exec(line);\n"],
    ['renderer/src/probe.ts', "export const probe = (text: string) => new RegExp('a+').exec(text);\n"],
    ['core/sync/probe.ts', "const patterns = { linePattern: /^x/ };\nexport const probe = (text: string) => patterns.linePattern.exec(text);\n"],
  ])('allows %s', async (filePath, source) => {
    expect(await sqlErrors(filePath, source)).toEqual([]);
  });
});
