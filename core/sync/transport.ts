// How the console talks to an account backend (SPEC §5). The sync engine only sees
// `BackendTransport`; tests wrap it to lose, duplicate, delay and reorder messages.
import { isAscii } from 'node:buffer';
import http from 'node:http';
import https from 'node:https';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip } from 'node:zlib';
import type { z } from 'zod';
import { backendUrlProblem } from '../api/settings-schema';
import {
  errorResponseSchema,
  healthResponseSchema,
  keyRevealResponseSchema,
  loginResponseSchema,
  logoutResponseSchema,
  pullPageHeadHeader,
  pullPageHeadSchema,
  pullResponseSchema,
  pushResponseSchema,
  protocolVersion,
  snapshotManifestSchema,
  waitResponseSchema,
} from '../protocol';
import type {
  HealthResponse,
  KeyRevealPurpose,
  KeyRevealResponse,
  LoginResponse,
  MutationEnvelope,
  PullPageHead,
  PullResponse,
  PushResponse,
  SnapshotManifest,
} from '../protocol';

export type TransportFailureKind =
  /** Nothing came back (refused, reset, timed out): the request may or may not have been processed. */
  | 'network'
  /** The request could not have been sent: the backend was never reached. */
  | 'unreachable'
  /** The token is missing, wrong or expired: sign in again. */
  | 'auth'
  /** Unknown email or wrong password. */
  | 'credentials'
  /** The backend failed (5xx): nothing of the failing request was committed. */
  | 'server'
  /** The two sides disagree on the protocol (4xx other than auth, or a response that does not parse). */
  | 'protocol';

export class TransportError extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export type PullCall = Readonly<{ clientId: string; cursor: string | null; limit: number }>;
export type PushCall = Readonly<{ clientId: string; mutations: readonly MutationEnvelope[] }>;
export type WaitCall = Readonly<{ cursor: string; waitMs: number }>;
export type KeyRevealCall = Readonly<{ clientId?: string; licenseKeyId: string; purpose: KeyRevealPurpose }>;

export type BackendTransport = Readonly<{
  describe: () => string;
  /** `GET /health`; `timeoutMs` bounds this one request (an offline console's probe must not hang for a page's timeout). */
  health: (options?: Readonly<{ timeoutMs?: number }>) => Promise<HealthResponse>;
  login: (email: string, password: string) => Promise<LoginResponse>;
  /** Revokes the token on the backend (`POST /auth/logout`): it is refused from then on. */
  logout: (token: string) => Promise<void>;
  /**
   * `POST /sync/pull`: the answer's bytes (uncompressed, not parsed) and its page head header.
   * Only the page writer calls it (page-writer.ts), to parse and validate them where it runs;
   * the worker page writer makes the HTTP transport's own request on its thread instead
   * (`pullEndpointOf`), so a page's bytes never reach the main thread.
   */
  pull: (token: string, call: PullCall, signal?: AbortSignal) => Promise<PulledBytes>;
  push: (token: string, call: PushCall) => Promise<PushResponse>;
  /**
   * `POST /sync/wait`: true as soon as the backend has a change after `cursor`, false when none
   * came within about `waitMs`. A backend without the endpoint answers 404 (a `protocol`
   * TransportError). `signal` ends the wait (a round starts, sign-out). Absent: the console polls.
   */
  wait?: (token: string, call: WaitCall, signal: AbortSignal) => Promise<boolean>;
  /**
   * `POST /keys/reveal`: a license key, audited by the backend. The answer is the only copy the
   * console ever holds: it goes to the agent's screen and is not stored, queued or logged.
   */
  revealLicenseKey: (token: string, call: KeyRevealCall) => Promise<KeyRevealResponse>;
  /** `POST /sync/snapshot`: the manifest of the snapshot to start a first sync from; null when the backend has none (404 `no_snapshot`). */
  snapshotManifest?: (token: string, clientId: string) => Promise<SnapshotManifest | null>;
  /** Aborts requests in flight and refuses new ones (shutdown). */
  close?: () => void;
}>;

/** Where an HTTP transport's pulls go: enough for another thread to make the same request. */
export type PullEndpoint = Readonly<{ root: string; timeoutMs: number }>;

const pullEndpoints = new WeakMap<BackendTransport['pull'], PullEndpoint>();

/**
 * Where `transport.pull` sends its requests, when it is an HTTP transport's own: the worker page
 * writer then makes the same requests on its thread. Null for any other `pull`, such as a
 * wrapper's that changes what it answers (fault injection, tests): only a page writer on the
 * calling thread can use that one.
 */
export function pullEndpointOf(transport: BackendTransport): PullEndpoint | null {
  return pullEndpoints.get(transport.pull) ?? null;
}

/** The body of a pull request. */
function pullRequestOf(call: PullCall): Readonly<Record<string, unknown>> {
  return { protocol: protocolVersion, clientId: call.clientId, cursor: call.cursor, limit: call.limit };
}

/** A pull answer's bytes, and its head when the backend sent it as a header (`pullPageHeadHeader`). */
export type PulledBytes = Readonly<{ body: ArrayBuffer; head: PullPageHead | null }>;

export type HttpTransportOptions = Readonly<{
  /** Per request; a first-sync page of thousands of records must fit in it. */
  timeoutMs?: number;
}>;

/** The console's side of the sync protocol over HTTP(S). Responses are validated before use. */
export function createHttpTransport(baseUrl: string, options: HttpTransportOptions = {}): BackendTransport {
  refuseUnsafeBackendUrl(baseUrl);
  const root = baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  // Shutting down must not wait for a slow backend to answer (or time out).
  const closing = new AbortController();
  const pages = createPageReader(root);
  const signal = (limitMs = timeoutMs) => AbortSignal.any([AbortSignal.timeout(limitMs), closing.signal]);

  type RequestInit = Readonly<{ token?: string; body?: unknown; timeoutMs?: number; abort?: AbortSignal }>;

  async function send(path: string, init: RequestInit): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${root}${path}`, {
        method: init.body === undefined ? 'GET' : 'POST',
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: init.abort ? AbortSignal.any([signal(init.timeoutMs), init.abort]) : signal(init.timeoutMs),
      });
    } catch (error) {
      throw networkError(root, error);
    }
    if (!response.ok) {
      let text = '';
      try {
        text = await response.text();
      } catch (error) {
        throw networkError(root, error);
      }
      throw errorOf(response.status, text);
    }
    return response;
  }

  async function requestText(path: string, init: RequestInit): Promise<string> {
    const response = await send(path, init);
    try {
      return await response.text();
    } catch (error) {
      throw networkError(root, error);
    }
  }

  const pull: BackendTransport['pull'] = (token, call, abort) =>
    pages.readPull(token, call, abort ? AbortSignal.any([signal(), abort]) : signal());
  pullEndpoints.set(pull, { root, timeoutMs });

  async function request<T>(path: string, schema: z.ZodType<T>, init: RequestInit): Promise<T> {
    return parseResponse(root, path, schema, await requestText(path, init));
  }

  return {
    describe: () => root,
    health: (options) => request('/health', healthResponseSchema, options?.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    login: (email, password) => request('/auth/login', loginResponseSchema, { body: { email, password } }),
    logout: async (token) => {
      await request('/auth/logout', logoutResponseSchema, { token, body: {} });
    },
    pull,
    close: () => {
      closing.abort();
      pages.close();
    },
    push: (token, call) =>
      request('/sync/push', pushResponseSchema, {
        token,
        body: { protocol: protocolVersion, clientId: call.clientId, mutations: call.mutations },
      }),
    wait: async (token, call, abort) => {
      const answer = await request('/sync/wait', waitResponseSchema, {
        token,
        body: { protocol: protocolVersion, cursor: call.cursor, waitMs: call.waitMs },
        // The backend holds the wait up to `waitMs`: the request's own limit is that and some slack.
        timeoutMs: call.waitMs + waitSlackMs,
        abort,
      });
      return answer.changed;
    },
    revealLicenseKey: (token, call) =>
      request('/keys/reveal', keyRevealResponseSchema, {
        token,
        body: {
          protocol: protocolVersion,
          ...(call.clientId === undefined ? {} : { clientId: call.clientId }),
          licenseKeyId: call.licenseKeyId,
          purpose: call.purpose,
        },
      }),
    snapshotManifest: async (token, clientId) => {
      try {
        return await request('/sync/snapshot', snapshotManifestSchema, { token, body: { protocol: protocolVersion, clientId } });
      } catch (error) {
        if (error instanceof TransportError && error.code === 'no_snapshot') return null;
        throw error;
      }
    },
  };
}

/** How much longer than the wait itself a `/sync/wait` request may take before it counts as lost. */
const waitSlackMs = 10_000;

/**
 * Every way to the backend is built through here: plain http to another machine is refused
 * (`backendUrlProblem`), whoever configured it (settings, `--backend`, a test).
 */
function refuseUnsafeBackendUrl(url: string): void {
  const problem = backendUrlProblem(url);
  if (problem) throw new Error(problem);
}

/** The largest pull answer read: one far beyond any page the console asks for is a backend fault, not data. */
export const maxPullBytes = 512 * 1024 * 1024;

export type PageReader = Readonly<{
  readPull: (token: string, call: PullCall, signal: AbortSignal) => Promise<PulledBytes>;
  close: () => void;
}>;

/**
 * What a pull asks to be compressed with. A first-sync page is megabytes of JSON repeating the
 * same keys record after record: compressed, it crosses an office's link several times faster,
 * and decompressing it as it arrives costs the reading thread little next to parsing it.
 */
export const pullAcceptEncoding = 'gzip, br';

/** A decompressor for a pull answer's `Content-Encoding`; null when it came as is; undefined for one never asked for. */
function decompressorFor(encoding: string): Transform | null | undefined {
  // Large output chunks: fewer, bigger copies into the page's buffer.
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip({ chunkSize: 64 * 1024 });
  if (encoding === 'br') return createBrotliDecompress({ chunkSize: 64 * 1024 });
  return encoding === 'identity' || encoding === '' ? null : undefined;
}

/**
 * Pull answers read through node:http(s) into one buffer (sized once when the backend says how
 * long an uncompressed answer is) and decompressed as they arrive; everything else goes through
 * fetch, whose web streams carry a megabyte page as many small objects the reading thread then
 * has to collect. Used by the HTTP transport's `pull`, and by the page writer's preparer thread
 * (`pullEndpointOf`).
 */
export function createPageReader(root: string): PageReader {
  refuseUnsafeBackendUrl(root);
  const secure = root.startsWith('https:');
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const send = secure ? https.request : http.request;

  function readPull(token: string, call: PullCall, signal: AbortSignal): Promise<PulledBytes> {
    return new Promise<PulledBytes>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => PulledBytes | never) => {
        if (settled) return;
        settled = true;
        try {
          resolve(outcome());
        } catch (error) {
          reject(error);
        }
      };
      const failed = (error: unknown) =>
        settle(() => {
          throw networkError(root, error);
        });
      const cutOff = () => failed(new Error('The answer was cut off.'));
      const refused = (message: string) =>
        settle(() => {
          throw new TransportError('protocol', message);
        });
      const request = send(
        `${root}/sync/pull`,
        {
          method: 'POST',
          agent,
          signal,
          headers: {
            accept: 'application/json',
            'accept-encoding': pullAcceptEncoding,
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
          },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          const declared = response.headers['content-length'] === undefined ? null : Number(response.headers['content-length']);
          if (declared !== null && !(Number.isSafeInteger(declared) && declared <= maxPullBytes)) {
            response.destroy();
            refused(
              `The backend at ${root} announced a pull answer of ${response.headers['content-length']} bytes; this console reads at most ${maxPullBytes}.`,
            );
            return;
          }
          const encoding = (headerText(response.headers['content-encoding']) ?? '').trim().toLowerCase();
          const decompressor = decompressorFor(encoding);
          if (decompressor === undefined) {
            response.destroy();
            refused(`The backend at ${root} answered a pull in an encoding this console did not ask for (${encoding}).`);
            return;
          }
          // The length announced is the compressed one: only an answer sent as is can be sized by it.
          const exact = decompressor === null ? declared : null;
          let bytes = new Uint8Array(exact ?? 64 * 1024);
          let length = 0;
          const body = decompressor ? response.pipe(decompressor) : response;
          body.on('data', (chunk: Buffer) => {
            if (settled) return;
            if (length + chunk.length > bytes.length) {
              // Bounded once decompressed too: a small answer must not expand without limit.
              if (exact !== null || length + chunk.length > maxPullBytes) {
                response.destroy();
                decompressor?.destroy();
                refused(
                  `The backend at ${root} sent a pull answer longer than ${exact ?? maxPullBytes} bytes${decompressor ? ' once decompressed' : ''}.`,
                );
                return;
              }
              const grown = new Uint8Array(Math.min(maxPullBytes, Math.max(bytes.length * 2, length + chunk.length)));
              grown.set(bytes.subarray(0, length));
              bytes = grown;
            }
            bytes.set(chunk, length);
            length += chunk.length;
          });
          const finish = () => {
            if (!response.complete || (exact !== null && length !== exact)) {
              cutOff();
              return;
            }
            const answer = bytes.buffer.byteLength === length ? bytes.buffer : bytes.buffer.slice(0, length);
            settle(() => {
              if (status < 200 || status > 299) throw errorOf(status, decodeUtf8(answer));
              return { body: answer, head: pageHeadOf(root, headerText(response.headers[pullPageHeadHeader])) };
            });
          };
          response.on('error', failed);
          if (decompressor) {
            decompressor.on('error', () =>
              response.complete ? refused(`The backend at ${root} sent a pull answer that is not valid ${encoding}.`) : cutOff(),
            );
            decompressor.on('end', finish);
            response.on('close', () => {
              if (!response.complete) cutOff();
            });
          } else response.on('close', finish);
        },
      );
      request.on('error', failed);
      request.end(JSON.stringify(pullRequestOf(call)));
    });
  }

  return { readPull, close: () => agent.destroy() };
}

const headerText = (value: string | string[] | undefined): string | null =>
  value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;

/** Parses and validates a response body; a failure means the two sides disagree on the protocol. */
function parseResponse<T>(root: string, path: string, schema: z.ZodType<T>, text: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw notJson(root, path);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw notProtocol(path, parsed.error.issues[0]);
  return parsed.data;
}

/** An answer to `path` that does not parse as JSON. */
export function notJson(root: string, path: string): TransportError {
  return new TransportError('protocol', `The backend at ${root} answered ${path} with something that is not JSON.`);
}

/** An answer to `path` that does not follow the protocol; `issue` says where (its path in the body) and what. */
export function notProtocol(path: string, issue?: Readonly<{ path: readonly PropertyKey[]; message: string }>): TransportError {
  return new TransportError(
    'protocol',
    `The backend's answer to ${path} does not follow sync protocol ${protocolVersion}` +
      (issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message}).` : '.'),
  );
}

/** The page head a backend sent as a header; null when it sent none. One it sent wrong is a protocol error. */
function pageHeadOf(root: string, header: string | null): PullPageHead | null {
  if (header === null) return null;
  try {
    return pullPageHeadSchema.parse(JSON.parse(header));
  } catch {
    throw new TransportError('protocol', `The backend at ${root} sent a ${pullPageHeadHeader} header this console cannot read.`);
  }
}

/** A pull answer (text, or the bytes from `pull`), parsed and validated. */
export function parsePullText(root: string, body: string | ArrayBuffer): PullResponse {
  return parseResponse(root, '/sync/pull', pullResponseSchema, typeof body === 'string' ? body : decodeUtf8(body));
}

const utf8 = new TextDecoder();

/**
 * UTF-8 bytes as text (all of `bytes`, or those from `start` to `end`: a pulled page's pieces,
 * page-split.ts). Bytes that are all ASCII (what the reference backend sends: it escapes
 * the rest) are the same text read one byte per character, which skips decoding altogether.
 */
export function decodeUtf8(bytes: ArrayBuffer, start = 0, end = bytes.byteLength): string {
  const view = Buffer.from(bytes, start, end - start);
  return isAscii(view) ? view.toString('latin1') : utf8.decode(view);
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The system error's code: on the error itself (node:http), on its cause (fetch), or on its first attempt (several addresses tried). */
function errorCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const found = [error, error.cause, error instanceof AggregateError ? error.errors[0] : undefined]
    .map((candidate) => (candidate as { code?: unknown } | undefined)?.code)
    .find((code) => typeof code === 'string');
  return found as string | undefined;
}

/** The TransportError a request that got no answer (refused, reset, timed out) stands for. */
export function networkError(root: string, error: unknown): TransportError {
  const code = errorCode(error);
  if (code && unreachableCodes.has(code)) {
    return new TransportError('unreachable', `The backend at ${root} cannot be reached (${code}).`, code);
  }
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  return new TransportError(
    'network',
    timedOut
      ? `The backend at ${root} did not answer in time.`
      : `The connection to the backend at ${root} failed${code ? ` (${code})` : ''}.`,
    code,
  );
}

/** The TransportError a backend's error answer (`status`, body `text`) stands for. */
export function errorOf(status: number, text: string): TransportError {
  let code: string | undefined;
  let message = `The backend answered with HTTP ${status}.`;
  try {
    const parsed = errorResponseSchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      code = parsed.data.error.code;
      message = parsed.data.error.message;
    }
  } catch {
    // Not JSON: keep the status line; the body may be a proxy's error page.
  }
  if (code === 'invalid_credentials') return new TransportError('credentials', message, code);
  if (status === 401 || code === 'unauthorized' || code === 'token_expired')
    return new TransportError('auth', message, code ?? 'unauthorized');
  if (status >= 500) return new TransportError('server', message, code);
  return new TransportError('protocol', message, code);
}
