import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { contentSecurityPolicy } from '../security/csp';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Serves the built renderer. Paths are resolved inside `root`; anything outside is a 404. */
export function serveStatic(root: string, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD', ...securityHeaders }).end();
    return;
  }
  const base = resolve(root);
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  } catch {
    response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders }).end('Malformed address.');
    return;
  }
  const wanted = resolve(join(base, pathname === '/' ? 'index.html' : pathname));
  if (wanted !== base && !wanted.startsWith(base + sep)) {
    response.writeHead(404, securityHeaders).end('Not found');
    return;
  }
  let size: number;
  try {
    const stats = statSync(wanted);
    if (!stats.isFile()) throw new Error('not a file');
    size = stats.size;
  } catch {
    const hint = pathname === '/' ? ' The renderer is not built: run `npm run build:renderer`.' : '';
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders }).end(`Not found.${hint}`);
    return;
  }
  response.writeHead(200, {
    'Content-Type': contentTypes[extname(wanted)] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': wanted.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...securityHeaders,
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  // A file that cannot be read after all (gone since the stat, an I/O error) ends this response
  // only: an error on a plain pipe has no listener, and would end the process.
  pipeline(createReadStream(wanted), response, (error) => {
    if (error) response.destroy();
  });
}
