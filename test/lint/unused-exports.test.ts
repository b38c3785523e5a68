import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { findUnusedExports } from '../../scripts/unused-exports';

/** A small project on disk: what core/ exports and the other files that use some of it. */
const files: Record<string, string> = {
  'core/things.ts': [
    'export function imported(): number { return 1; }',
    'export function throughBarrel(): number { return 2; }',
    'export function throughNamespace(): number { return 3; }',
    'export function throughDynamicImport(): number { return 4; }',
    'export const arrowNobodyCalls = (): number => 5;',
    'export function nobodyCalls(): number { return 6; }',
    'export function onlyHere(): number { return 7; }',
    'export class NobodyMakes {}',
    'export const notAFunction = onlyHere();',
    'export type NotChecked = { a: number };',
  ].join('\n'),
  'core/index.ts': "export * from './things';\nexport { nobodyCalls as renamed } from './things';\n",
  'test/uses.test.ts': [
    "import { imported } from '../core/things';",
    "import { throughBarrel } from '../core';",
    "import * as things from '../core/things';",
    'export async function probe(): Promise<number> {',
    "  const { throughDynamicImport } = await import('../core/things');",
    '  return imported() + throughBarrel() + things.throughNamespace() + throughDynamicImport();',
    '}',
  ].join('\n'),
};

const root = mkdtempSync(join(tmpdir(), 'unused-exports-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function unusedIn(project: Record<string, string>): string[] {
  for (const [path, text] of Object.entries(project)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const program = ts.createProgram({
    rootNames: Object.keys(project).map((path) => join(root, path)),
    options: {
      types: [],
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
    },
  });
  return findUnusedExports(program, root).map((u) => `${u.path}:${u.name}`);
}

describe('the unused-exports check (npm run lint:exports)', () => {
  it('reports the functions and classes no other module uses, however the others reach them', () => {
    expect(unusedIn(files)).toEqual([
      'core/things.ts:arrowNobodyCalls',
      'core/things.ts:nobodyCalls',
      'core/things.ts:onlyHere',
      'core/things.ts:NobodyMakes',
    ]);
  });
});
