// The backend's HTTP surface (SPEC §5 endpoints): routing, body limits, JSON, errors.
// Every refusal is a 4xx with `{ error: { code, message, issues? } }`; a 5xx only for a
// failure that is not the request's fault, and then nothing of the failing step was committed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { describeIssuesWithoutInput } from '../domain';
import {
  keyRevealRequestSchema,
  loginRequestSchema,
  logoutRequestSchema,
  maxSyncWaitMs,
  protocolVersion,
  pullPageHeadHeader,
  pullRequestSchema,
  pushRequestSchema,
  snapshotRequestSchema,
  supportedProtocols,
  waitRequestSchema,
  type LoginAgent,
  type RequestErrorCode,
  type WaitRequest,
} from '../protocol';
import { jsonBoundsProblem } from '../protocol/bounded-json';
import { checkToken, login, revokeToken } from './auth';
import type { ChangeWatch } from './change-watch';
import { ClientNotYoursError } from './clients';
import { compress, minCompressedBytes, pullEncodingFor } from './compression';
import { KeyRevealRefused, type KeyRevealService } from './keys';
import type { LoginLimiter } from './login-limits';
import { CursorError, type PullService } from './pull';
import { PushFailure, type PushService } from './push';
import { serveSnapshotFile } from './snapshot/serve';
import type { BackendStorage } from './storage/interface';
import { NoSnapshotError, type SnapshotService } from './snapshot/service';

export const backendVersion = '0.1.0';

/** Pushes carry up to 500 mutations with audit events; anything larger is not a console talking. */
const bodyLimits = {
  '/auth/login': 16 * 1024,
  '/auth/logout': 1024,
  '/sync/pull': 16 * 1024,
  '/sync/wait': 16 * 1024,
  '/sync/snapshot': 16 * 1024,
  '/sync/push': 4 * 1024 * 1024,
  '/keys/reveal': 16 * 1024,
} as const;

/** `GET /sync/snapshot/<snapshotId>`: the one route with a parameter, kept out of `routes`. */
const snapshotFilePrefix = '/sync/snapshot/';

export type Logger = (line: string) => void;

export type HttpDeps = Readonly<{
  storage: BackendStorage;
  pull: PullService;
  push: PushService;
  keys: KeyRevealService;
  snapshots: SnapshotService;
  /** Parked `/sync/wait` requests (change-watch.ts). */
  changes: ChangeWatch;
  now: () => Date;
  tokenTtlMs: number;
  /** Failed sign-ins per account and per address (`login-limits.ts`); shares `now`. */
  loginLimiter: LoginLimiter;
  log: Logger;
}>;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: RequestErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Readonly<Record<string, string>> = {}): void {
  // Encoded once: measuring a string's length in bytes is as costly as encoding it. A pull page
  // (megabytes) comes as bytes already.
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': bytes.length,
    'cache-control': 'no-store',
  });
  res.end(bytes);
}

function sendError(res: ServerResponse, error: HttpError): void {
  const body = { error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } };
  send(res, error.status, JSON.stringify(body));
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      // Read and drop the rest so the client gets to read the answer instead of a reset connection.
      req.resume();
      reject(new HttpError(413, 'body_too_large', `The body is ${declared} bytes; this endpoint accepts at most ${limit}.`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(new HttpError(413, 'body_too_large', `The body is larger than ${limit} bytes, the most this endpoint accepts.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}

/**
 * No request of the protocol nests more than a few levels; the body limits already bound its
 * size. Checked before any schema reads the body: schemas parse recursively, and a deep
 * enough body would overflow the stack inside a parse (issue 18).
 */
const bodyBounds = { maxDepth: 32, maxNodes: Number.POSITIVE_INFINITY, maxStringChars: Number.POSITIVE_INFINITY } as const;

function parseJson(text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'malformed_json', 'The body is not valid JSON.');
  }
  const problem = jsonBoundsProblem(body, bodyBounds);
  if (problem !== undefined)
    throw new HttpError(400, 'invalid_request', `The body ${problem}.`, [{ path: '(body)', message: `The body ${problem}.` }]);
  return body;
}

function validate<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  // The protocol version first: a client of another version needs that, not a list of fields.
  if (typeof body === 'object' && body !== null && 'protocol' in body && body.protocol !== protocolVersion) {
    const sent = JSON.stringify(body.protocol)?.slice(0, 40) ?? 'nothing';
    throw new HttpError(
      400,
      'protocol_unsupported',
      `This backend speaks sync protocol ${supportedProtocols.join(', ')}; the request says ${sent}. Update the console or the backend so both speak the same version.`,
    );
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  // Never the refused input: unknown key names and record keys are input too.
  const issues = describeIssuesWithoutInput(parsed.error.issues.slice(0, 10)).map((i) => ({
    path: i.path || '(body)',
    message: i.message,
  }));
  throw new HttpError(
    400,
    'invalid_request',
    `The request is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    issues,
  );
}

async function authenticate(deps: HttpDeps, req: IncomingMessage): Promise<LoginAgent> {
  const check = await checkToken(deps.storage, req.headers.authorization, deps.now());
  if (check.ok) return check.agent;
  throw check.code === 'token_expired'
    ? new HttpError(401, 'token_expired', 'The agent token has expired. Sign in again.')
    : new HttpError(401, 'unauthorized', 'Sign in first: send Authorization: Bearer <token> from POST /auth/login.');
}

/** Every endpoint and its method. Exported for the fuzz test, which sends garbage to each one listed here. */
export const routes: Readonly<Record<string, 'GET' | 'POST'>> = {
  '/health': 'GET',
  '/auth/login': 'POST',
  '/auth/logout': 'POST',
  '/sync/pull': 'POST',
  '/sync/push': 'POST',
  '/sync/wait': 'POST',
  '/sync/snapshot': 'POST',
  '/keys/reveal': 'POST',
};

/** The path without its query: logs never carry query strings. */
function pathOf(req: IncomingMessage): string {
  return ((req.url ?? '/').split('?')[0] ?? '/').slice(0, 200);
}

async function route(deps: HttpDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = pathOf(req);
  if (path.startsWith(snapshotFilePrefix)) {
    await sendSnapshotFile(deps, req, res, path.slice(snapshotFilePrefix.length));
    return;
  }
  const method = routes[path];
  if (!method) {
    const endpoints = Object.entries(routes)
      .map(([known, verb]) => `${verb} ${known}`)
      .join(', ');
    throw new HttpError(404, 'route_not_found', `No endpoint ${path}. Endpoints: ${endpoints}.`);
  }
  if (req.method !== method) throw new HttpError(405, 'method_not_allowed', `${path} takes ${method}, not ${req.method ?? 'nothing'}.`);

  if (path === '/health') {
    send(res, 200, JSON.stringify({ ok: true, version: backendVersion, protocols: supportedProtocols }));
    return;
  }
  const text = await readBody(req, bodyLimits[path as keyof typeof bodyLimits]);
  // Sign-out needs no body: none is read as an empty object.
  const body = path === '/auth/logout' && text.trim() === '' ? {} : parseJson(text);

  if (path === '/auth/login') {
    const { email, password } = validate(loginRequestSchema, body);
    const outcome = await login(deps.storage, email, password, {
      limiter: deps.loginLimiter,
      address: req.socket.remoteAddress,
      now: deps.now,
      ttlMs: deps.tokenTtlMs,
    });
    if (outcome.ok) {
      send(res, 200, JSON.stringify(outcome.session));
      return;
    }
    if (outcome.code === 'too_many_attempts') {
      // Answered here rather than thrown: the answer carries a Retry-After header.
      const whose = outcome.limitedBy === 'account' ? 'for this account' : 'from this address';
      const message = `Too many failed sign-ins ${whose}. Try again in ${outcome.retryAfterSeconds} seconds.`;
      send(res, 429, JSON.stringify({ error: { code: 'too_many_attempts', message } }), {
        'retry-after': String(outcome.retryAfterSeconds),
      });
      return;
    }
    throw new HttpError(401, 'invalid_credentials', 'Unknown email or wrong password.');
  }
  if (path === '/auth/logout') {
    validate(logoutRequestSchema, body);
    if (!(await revokeToken(deps.storage, req.headers.authorization))) {
      throw new HttpError(401, 'unauthorized', 'No such token to sign out: send Authorization: Bearer <token> from POST /auth/login.');
    }
    send(res, 200, JSON.stringify({ ok: true }));
    return;
  }
  const agent = await authenticate(deps, req);
  if (path === '/sync/pull') {
    const request = validate(pullRequestSchema, body);
    try {
      const page = await deps.pull.pull(request, agent, deps.now());
      await sendPull(req, res, page.body, page.head ? { [pullPageHeadHeader]: JSON.stringify(page.head) } : {});
    } catch (error) {
      throw refusedClient(refusedCursor(error));
    }
    return;
  }
  if (path === '/sync/wait') {
    await waitForChange(deps, validate(waitRequestSchema, body), res, agent.role === 'supervisor');
    return;
  }
  if (path === '/sync/snapshot') {
    const request = validate(snapshotRequestSchema, body);
    try {
      send(res, 200, JSON.stringify(await deps.snapshots.manifestFor(request, agent)));
    } catch (error) {
      if (error instanceof NoSnapshotError) throw new HttpError(404, 'no_snapshot', error.message);
      throw refusedClient(error);
    }
    return;
  }
  if (path === '/keys/reveal') {
    const request = validate(keyRevealRequestSchema, body);
    try {
      send(res, 200, JSON.stringify(await deps.keys.reveal(request, agent)));
    } catch (error) {
      if (error instanceof KeyRevealRefused) throw new HttpError(error.status, error.code, error.message);
      throw refusedClient(error);
    }
    return;
  }
  const request = validate(pushRequestSchema, body);
  try {
    send(res, 200, JSON.stringify(await deps.push.push(request, agent)));
  } catch (error) {
    throw refusedClient(error);
  }
  // Enough changes since the snapshot served make the next one due.
  deps.snapshots.changed();
  // Consoles waiting on this process hear of the change now, not at the watcher's next read.
  deps.changes.notify();
}

/**
 * `POST /sync/wait`: `{changed: true}` once the store has a change after the cursor (or the
 * cursor would be reset), `{changed: false}` after the wait. Every wait is parked, also one
 * whose cursor is behind already (a change committed between the console's pull and its wait,
 * the usual case in a busy call center): the change watch paces all `changed: true` answers,
 * and answering those at once would bypass it, a pull each. At most `maxSyncWaitMs` (25 s):
 * below the idle timeouts of common proxies and load balancers (30 s for many reverse proxies'
 * defaults, 60 s for nginx and AWS ALB), so an answer, not a cut connection, ends every wait.
 */
async function waitForChange(deps: HttpDeps, request: WaitRequest, res: ServerResponse, supervisor: boolean): Promise<void> {
  let after: number;
  try {
    after = await deps.pull.waitFrom(request.cursor, deps.changes.lastSeqRead);
  } catch (error) {
    throw refusedCursor(error);
  }
  // A console that goes away (aborted, signed out, closed) leaves no wait behind.
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  // A supervisor's console is told first: approval requests wait on it.
  const changed = await deps.changes.wait(after, Math.min(request.waitMs ?? maxSyncWaitMs, maxSyncWaitMs), gone.signal, supervisor);
  if (!res.destroyed) send(res, 200, JSON.stringify({ changed }));
}

/** A cursor this backend never issued: 400 `invalid_request` on `cursor`, for a pull and a wait alike. */
function refusedCursor(error: unknown): unknown {
  return error instanceof CursorError
    ? new HttpError(400, 'invalid_request', error.message, [{ path: 'cursor', message: error.message }])
    : error;
}

/**
 * A pull page, compressed when the request allows it (compression.ts). `Vary` either way: a
 * cache between must not hand one client's encoding to another that did not ask for it.
 */
async function sendPull(req: IncomingMessage, res: ServerResponse, body: Buffer, headers: Readonly<Record<string, string>>): Promise<void> {
  const encoding = body.length >= minCompressedBytes ? pullEncodingFor(req.headers['accept-encoding']) : null;
  const vary = { vary: 'Accept-Encoding' };
  if (encoding === null) {
    send(res, 200, body, { ...headers, ...vary });
    return;
  }
  send(res, 200, await compress(body, encoding), { ...headers, ...vary, 'content-encoding': encoding });
}

/** `GET /sync/snapshot/<snapshotId>` (token): an id this backend does not serve is 404, whatever it is made of. */
async function sendSnapshotFile(deps: HttpDeps, req: IncomingMessage, res: ServerResponse, snapshotId: string): Promise<void> {
  // Nothing to read: a body sent anyway is drained so the connection stays usable.
  req.resume();
  if (req.method !== 'GET')
    throw new HttpError(405, 'method_not_allowed', `${snapshotFilePrefix}<snapshotId> takes GET, not ${req.method ?? 'nothing'}.`);
  await authenticate(deps, req);
  const gone = new HttpError(
    404,
    'no_snapshot',
    'No such snapshot (it may have been replaced by a newer one): ask POST /sync/snapshot for the current one.',
  );
  // Looked up among the snapshots the service wrote; the id itself never becomes a path.
  const found = await deps.snapshots.fileOf(snapshotId);
  if (!found) throw gone;
  if (!(await serveSnapshotFile(req, res, found.path, found.manifest))) throw gone;
}

/** Another agent's client id (clients.ts): 403, and nothing was read or processed. */
function refusedClient(error: unknown): unknown {
  return error instanceof ClientNotYoursError ? new HttpError(403, 'client_not_yours', error.message) : error;
}

export function createHandler(deps: HttpDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = Date.now();
    route(deps, req, res)
      .catch((error: unknown) => {
        if (error instanceof HttpError) {
          if (error.code === 'body_too_large') res.setHeader('connection', 'close');
          sendError(res, error);
          return;
        }
        // Never the body or the args: they may carry a card number.
        const detail = error instanceof PushFailure ? `${error.message}` : error instanceof Error ? error.message : String(error);
        deps.log(`error ${req.method} ${pathOf(req)}: ${detail}`);
        if (!res.headersSent) {
          sendError(
            res,
            new HttpError(
              500,
              'internal_error',
              'The backend failed for a reason that is not a rule. Nothing of the failing change was committed; retry later.',
            ),
          );
        }
      })
      .finally(() => {
        deps.log(`${req.method} ${pathOf(req)} ${res.statusCode} ${Date.now() - started}ms`);
      })
      // A failure while answering a failure, or while logging, ends this request's connection:
      // left unhandled, the rejection would end the backend's process.
      .catch(() => {
        if (!res.writableEnded) res.destroy();
      });
  };
}
