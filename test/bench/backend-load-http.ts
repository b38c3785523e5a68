// The load bench's HTTP client: one keep-alive connection per simulated console, as a console
// holds one to its backend, and the pull answer read as the console reads it (compressed when
// the backend compresses, then parsed).
import http from 'node:http';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip } from 'node:zlib';

const unbrotli = promisify(brotliDecompress);
const ungzip = promisify(gunzip);

/** As the console's transport: a request with no answer in this long has failed. */
const requestTimeoutMs = 30_000;

export type Answer = Readonly<{ status: number; body: unknown; ms: number }>;

/** Nothing usable came back: refused, reset, cut off, timed out, or a 5xx. The console retries these. */
export class RequestFailed extends Error {
  constructor(
    readonly kind: 'network' | 'server',
    message: string,
  ) {
    super(message);
  }
}

export type ConsoleConnection = Readonly<{
  post: (path: string, token: string | null, body: unknown) => Promise<Answer>;
  health: () => Promise<boolean>;
  close: () => void;
}>;

export function openConnection(root: string): ConsoleConnection {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  function request(method: 'GET' | 'POST', path: string, token: string | null, body: unknown): Promise<Answer> {
    const started = performance.now();
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        `${root}${path}`,
        {
          method,
          agent,
          signal: AbortSignal.timeout(requestTimeoutMs),
          headers: {
            accept: 'application/json',
            'accept-encoding': 'gzip, br',
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => reject(new RequestFailed('network', error.message)));
          res.on('end', () => {
            if (!res.complete) {
              reject(new RequestFailed('network', 'The answer was cut off.'));
              return;
            }
            void decode(Buffer.concat(chunks), res.headers['content-encoding']).then(
              (text) => {
                const status = res.statusCode ?? 0;
                if (status >= 500) {
                  reject(new RequestFailed('server', `${path} answered ${status}`));
                  return;
                }
                resolve({ status, body: text === '' ? null : (JSON.parse(text) as unknown), ms: performance.now() - started });
              },
              (error: unknown) => reject(new RequestFailed('network', error instanceof Error ? error.message : String(error))),
            );
          });
        },
      );
      req.on('error', (error) => reject(new RequestFailed('network', error.message)));
      req.end(payload);
    });
  }

  return {
    post: (path, token, body) => request('POST', path, token, body),
    health: async () => {
      try {
        return (await request('GET', '/health', null, undefined)).status === 200;
      } catch {
        return false;
      }
    },
    close: () => agent.destroy(),
  };
}

async function decode(bytes: Buffer, encoding: string | undefined): Promise<string> {
  if (encoding === 'br') return (await unbrotli(bytes)).toString('utf8');
  if (encoding === 'gzip') return (await ungzip(bytes)).toString('utf8');
  return bytes.toString('utf8');
}
