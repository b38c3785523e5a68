// How the console talks to an account backend (SPEC §5). The sync engine only sees
// `BackendTransport`; tests wrap it to lose, duplicate, delay and reorder messages.
import { isAscii } from 'node:buffer';
import type { z } from 'zod';
import {
  errorResponseSchema, healthResponseSchema, loginResponseSchema, pullPageHeadHeader, pullPageHeadSchema, pullResponseSchema, pushResponseSchema,
  protocolVersion,
} from '../protocol';
import type { HealthResponse, LoginResponse, MutationEnvelope, PullPageHead, PullResponse, PushResponse } from '../protocol';

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

export type BackendTransport = Readonly<{
  describe: () => string;
  health: () => Promise<HealthResponse>;
  login: (email: string, password: string) => Promise<LoginResponse>;
  pull: (token: string, call: PullCall) => Promise<PullResponse>;
  /**
   * The same pull, answered as the response's bytes, not even decoded: a worker thread
   * decodes, parses and validates them (`parsePullText`), so a big first-sync page never
   * blocks this thread (decoding 3 MB of UTF-8 alone takes about 10 ms).
   */
  pullBytes?: (token: string, call: PullCall) => Promise<PulledBytes>;
  push: (token: string, call: PushCall) => Promise<PushResponse>;
  /** Aborts requests in flight and refuses new ones (shutdown). */
  close?: () => void;
}>;

/** A pull answer's bytes, and its head when the backend sent it as a header (`pullPageHeadHeader`). */
export type PulledBytes = Readonly<{ body: ArrayBuffer; head: PullPageHead | null }>;

export type HttpTransportOptions = Readonly<{
  /** Per request; a first-sync page of thousands of records must fit in it. */
  timeoutMs?: number;
}>;

/** The console's side of the sync protocol over HTTP(S). Responses are validated before use. */
export function createHttpTransport(baseUrl: string, options: HttpTransportOptions = {}): BackendTransport {
  const root = baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  // Shutting down must not wait for a slow backend to answer (or time out).
  const closing = new AbortController();

  async function send(path: string, init: Readonly<{ token?: string; body?: unknown }>): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${root}${path}`, {
        method: init.body === undefined ? 'GET' : 'POST',
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), closing.signal]),
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

  async function requestText(path: string, init: Readonly<{ token?: string; body?: unknown }>): Promise<string> {
    const response = await send(path, init);
    try {
      return await response.text();
    } catch (error) {
      throw networkError(root, error);
    }
  }

  async function requestPageBytes(path: string, init: Readonly<{ token?: string; body?: unknown }>): Promise<PulledBytes> {
    const response = await send(path, init);
    const head = pageHeadOf(root, response.headers.get(pullPageHeadHeader));
    try {
      return { body: await response.arrayBuffer(), head };
    } catch (error) {
      throw networkError(root, error);
    }
  }

  async function request<T>(path: string, schema: z.ZodType<T>, init: Readonly<{ token?: string; body?: unknown }>): Promise<T> {
    return parseResponse(root, path, schema, await requestText(path, init));
  }

  const pullBody = (call: PullCall) => ({ protocol: protocolVersion, clientId: call.clientId, cursor: call.cursor, limit: call.limit });

  return {
    describe: () => root,
    health: () => request('/health', healthResponseSchema, {}),
    login: (email, password) => request('/auth/login', loginResponseSchema, { body: { email, password } }),
    pull: (token, call) => request('/sync/pull', pullResponseSchema, { token, body: pullBody(call) }),
    pullBytes: (token, call) => requestPageBytes('/sync/pull', { token, body: pullBody(call) }),
    close: () => closing.abort(),
    push: (token, call) =>
      request('/sync/push', pushResponseSchema, {
        token,
        body: { protocol: protocolVersion, clientId: call.clientId, mutations: call.mutations },
      }),
  };
}

/** Parses and validates a response body; a failure means the two sides disagree on the protocol. */
export function parseResponse<T>(root: string, path: string, schema: z.ZodType<T>, text: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TransportError('protocol', `The backend at ${root} answered ${path} with something that is not JSON.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new TransportError(
      'protocol',
      `The backend's answer to ${path} does not follow sync protocol ${protocolVersion}` +
        (first ? ` (${first.path.join('.') || 'body'}: ${first.message}).` : '.'),
    );
  }
  return parsed.data;
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

/** A pull answer (text, or the bytes from `pullBytes`), parsed and validated. */
export function parsePullText(root: string, body: string | ArrayBuffer): PullResponse {
  return parseResponse(root, '/sync/pull', pullResponseSchema, typeof body === 'string' ? body : decodeUtf8(body));
}

const utf8 = new TextDecoder();

/**
 * UTF-8 bytes as text. Bytes that are all ASCII (what the reference backend sends: it escapes
 * the rest) are the same text read one byte per character, about ten times faster than decoding.
 */
export function decodeUtf8(bytes: ArrayBuffer): string {
  return isAscii(bytes) ? Buffer.from(bytes).toString('latin1') : utf8.decode(bytes);
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function networkError(root: string, error: unknown): TransportError {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code && unreachableCodes.has(code)) {
    return new TransportError('unreachable', `The backend at ${root} cannot be reached (${code}).`, code);
  }
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  return new TransportError(
    'network',
    timedOut ? `The backend at ${root} did not answer in time.` : `The connection to the backend at ${root} failed${code ? ` (${code})` : ''}.`,
    code,
  );
}

function errorOf(status: number, text: string): TransportError {
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
  if (status === 401 || code === 'unauthorized' || code === 'token_expired') return new TransportError('auth', message, code ?? 'unauthorized');
  if (status >= 500) return new TransportError('server', message, code);
  return new TransportError('protocol', message, code);
}
