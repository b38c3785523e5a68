import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultLoginLimits, demoFixtures } from '../../../core/backend';
import { hashPassword, verifyPassword } from '../../../core/backend/auth';
import { startTestBackend, type TestBackend } from './helpers';

let backend: TestBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

describe('backend: password checks run off the event loop', () => {
  it('verifies a password asynchronously: other work runs while scrypt does', async () => {
    const hash = hashPassword('demo');
    const order: string[] = [];
    const verified = verifyPassword('demo', hash).then((ok) => order.push(`verified ${ok}`));
    await new Promise((resolve) => setImmediate(resolve));
    order.push('event loop turned');
    await verified;
    expect(order).toEqual(['event loop turned', 'verified true']);
  });

  it('answers /health while 40 sign-ins are being checked', async () => {
    backend = await startTestBackend({
      customers: 0,
      // Many sign-ins of the same two agents at once: above the per-account burst, on purpose.
      loginLimits: { ...defaultLoginLimits, perAccount: { burst: 1000, refillMs: 1000 } },
    });
    // Every connection is open before any request is written, and all 41 requests are written
    // in one go, /health last: the backend reads them all in one turn of its event loop. With
    // scrypt on the event loop, /health is answered only after all 40 checks ran before it.
    const connections = await Promise.all(Array.from({ length: 41 }, () => openConnection(backend!.port)));
    let finished = 0;
    const logins = connections.slice(0, 40).map((connection, i) => {
      const who = i % 2 === 0 ? demoFixtures.agents.agent : demoFixtures.agents.supervisor;
      return connection.send('POST', '/auth/login', JSON.stringify({ email: who.email, password: who.password })).then((status) => {
        finished += 1;
        return status;
      });
    });
    const health = connections[40]!.send('GET', '/health');
    expect(await health).toBe(200);
    const finishedWhenHealthAnswered = finished;
    expect(await Promise.all(logins)).toEqual(Array<number>(40).fill(200));
    expect(finishedWhenHealthAnswered).toBeLessThan(40);
  });
});

type Connection = { send: (method: string, path: string, body?: string) => Promise<number> };

/** A raw HTTP/1.1 connection, open before anything is sent; answers the status of one request. */
function openConnection(port: number): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve({
        send: (method, path, body) => {
          const answer = new Promise<number>((done, fail) => {
            let text = '';
            socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
            socket.on('end', () => done(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)));
            socket.on('error', fail);
          });
          const headers = [`${method} ${path} HTTP/1.1`, 'host: 127.0.0.1', 'connection: close'];
          if (body !== undefined) headers.push('content-type: application/json', `content-length: ${Buffer.byteLength(body)}`);
          socket.write(`${headers.join('\r\n')}\r\n\r\n${body ?? ''}`);
          return answer;
        },
      });
    });
    socket.once('error', reject);
  });
}
