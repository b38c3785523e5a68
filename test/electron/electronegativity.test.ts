import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, '..', '..', 'scripts', 'electronegativity.mjs');

/** A window the scanner flags (sandbox off), as in an app that forgot it. */
const unsafeWindow = (before = '') => `import { BrowserWindow } from 'electron';
export function open() {
${before}  return new BrowserWindow({ webPreferences: { contextIsolation: true, sandbox: false, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' } });
}
`;
/** Findings of the whole app that these fixtures do not care about, justified once. */
const globals = ['CSP_GLOBAL_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']
  .map((id) => `// electronegativity-justified(${id}): a test fixture, not an app`)
  .join('\n');

function scan(folder: string) {
  const result = spawnSync(process.execPath, [script, folder], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'electronegativity-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('scripts/electronegativity.mjs', () => {
  it('fails on unjustified findings, accepts justified ones, and refuses eng-disable', () => {
    const fixture = join(folder, 'mixed');
    mkdirSync(fixture, { recursive: true });
    writeFileSync(join(fixture, 'globals.ts'), `${globals}\nexport {};\n`);
    writeFileSync(join(fixture, 'unjustified.ts'), unsafeWindow());
    writeFileSync(
      join(fixture, 'justified.ts'),
      unsafeWindow('  // electronegativity-justified: this window only ever shows a bundled static page\n'),
    );
    writeFileSync(join(fixture, 'too-short.ts'), unsafeWindow('  // electronegativity-justified: fine\n'));
    writeFileSync(join(fixture, 'hidden.ts'), unsafeWindow('  // eng-disable SANDBOX_JS_CHECK\n'));

    const { status, output } = scan(fixture);
    expect(status).toBe(1);
    expect(output).toMatch(/FINDING {4}SANDBOX_JS_CHECK \(MEDIUM, FIRM\) .*unjustified\.ts:3/);
    expect(output).toMatch(/FINDING {4}SANDBOX_JS_CHECK .*too-short\.ts:4/);
    expect(output).toMatch(
      /justified {2}SANDBOX_JS_CHECK \(MEDIUM\) .*[/\\]justified\.ts:4: this window only ever shows a bundled static page/,
    );
    expect(output).toMatch(/justified {2}CSP_GLOBAL_CHECK \(MEDIUM\) \(whole app\): a test fixture/);
    expect(output).toMatch(/REFUSED .*hidden\.ts uses eng-disable/);
  });

  it('passes a folder whose findings are all justified', () => {
    const fixture = join(folder, 'clean');
    mkdirSync(fixture, { recursive: true });
    writeFileSync(join(fixture, 'globals.ts'), `${globals}\nexport {};\n`);
    writeFileSync(
      join(fixture, 'window.ts'),
      unsafeWindow('  // electronegativity-justified: this window only ever shows a bundled static page\n'),
    );
    const { status, output } = scan(fixture);
    expect(output).toMatch(/0 unjustified finding\(s\)/);
    expect(status).toBe(0);
  });
});
