import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../core/security/csp';
import { appSchemePrivileges, resolveAppFile, serveAppRequest } from '../../electron/app-protocol';

let rendererDir: string;
let outside: string;

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'app-protocol-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Support Console</title>');
  writeFileSync(join(rendererDir, 'assets', 'index.js'), 'console.log(1)');
  outside = join(root, 'secret.txt');
  writeFileSync(outside, 'not for the page');
});

afterAll(() => rmSync(join(rendererDir, '..'), { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('is a standard, secure scheme (real origins, a secure context) with nothing that bypasses the CSP', () => {
    expect(appSchemePrivileges.scheme).toBe('app');
    expect(appSchemePrivileges.privileges).toMatchObject({ standard: true, secure: true });
    expect(appSchemePrivileges.privileges).not.toHaveProperty('bypassCSP');
    expect(appSchemePrivileges.privileges).not.toHaveProperty('corsEnabled');
  });

  it('serves the built renderer with the content security policy on every response', async () => {
    for (const url of ['app://console/', 'app://console/index.html', 'app://console/assets/index.js']) {
      const response = await serveAppRequest({ url, method: 'GET' }, rendererDir);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const page = await serveAppRequest({ url: 'app://console/index.html', method: 'GET' }, rendererDir);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('Support Console');
  });

  it('answers a missing file with a 404 that still carries the policy', async () => {
    const response = await serveAppRequest({ url: 'app://console/nope.js', method: 'GET' }, rendererDir);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  });

  it.each([
    'app://console/../secret.txt',
    'app://console/%2e%2e/secret.txt',
    'app://console/..%2Fsecret.txt',
    'app://console/..%5Csecret.txt',
    'app://console/assets/%00.js',
    'app://other/index.html',
    'file:///etc/passwd',
    'app://console/%E0%A4%A',
  ])('never serves anything outside the renderer folder: %s', async (url) => {
    const file = resolveAppFile(rendererDir, url);
    if (file !== null) expect(file.startsWith(rendererDir)).toBe(true);
    const response = await serveAppRequest({ url, method: 'GET' }, rendererDir);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('not for the page');
  });

  it('refuses other methods', async () => {
    const response = await serveAppRequest({ url: 'app://console/index.html', method: 'POST' }, rendererDir);
    expect(response.status).toBe(405);
  });
});
