import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { securityHeaders } from '../core/server/static-files';
import { appHost, appScheme } from './security';

/**
 * The app:// scheme the renderer is served from. `standard` gives it real origins (so the
 * CSP's 'self' means our pages), `secure` makes it a secure context; it gets no CORS and no
 * service workers, and nothing here bypasses the CSP.
 */
export const appSchemePrivileges: CustomScheme = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The file inside `rendererDir` an app:// URL names, or null when the URL is not ours or
 * would leave the folder (`..`, encoded slashes, backslashes on Windows).
 */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  let pathname: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== `${appScheme}:` || parsed.host !== appHost) return null;
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, pathname === '/' || pathname === '' ? 'index.html' : `.${pathname}`);
  return file.startsWith(root + sep) ? file : null;
}

function plainResponse(status: number, text: string, extraHeaders: Readonly<Record<string, string>> = {}): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders, ...extraHeaders },
  });
}

/** The `protocol.handle('app', …)` handler: files of the built renderer, each with the console's CSP. */
export async function serveAppRequest(request: Readonly<{ url: string; method: string }>, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return plainResponse(405, 'The console serves its pages with GET only.', { Allow: 'GET, HEAD' });
  }
  const file = resolveAppFile(rendererDir, request.url);
  if (file === null) return plainResponse(404, 'Not found.');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    const hint = file.endsWith(`${sep}index.html`) ? ' The renderer is not built: run `npm run build:renderer`.' : '';
    return plainResponse(404, `Not found.${hint}`);
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      ...securityHeaders,
    },
  });
}
