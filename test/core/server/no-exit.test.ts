// Issue 18, finding 1: a 2.9 KB `procedures.apply` body nested ~1,400 deep ended browser mode,
// over HTTP and over the call socket. Node ends a process on an unhandled rejection, but
// vitest's worker catches those itself, so an in-process server would not show the exit:
// browser mode runs here as its own process (`npm run web`'s entry), as an agent runs it.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openClient } from './socket-client';

type BrowserModeProcess = Readonly<{
  origin: string;
  token: string;
  /** Set once the process has ended, by itself or by `stop`. */
  exited: () => { code: number | null; stderr: string } | undefined;
  stop: () => void;
}>;

const started: BrowserModeProcess[] = [];
afterAll(() => {
  for (const process_ of started) process_.stop();
});

/** `npm run web`'s entry on a fresh data folder, once it has printed its address. */
async function startBrowserModeProcess(): Promise<BrowserModeProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sc-no-exit-'));
  // Port 9 (discard) answers nothing: no demo backend is started, none is needed.
  const child = spawn(process.execPath, ['--import', 'tsx', 'core/server/cli.ts', '--data', dataDir, '--backend', 'http://127.0.0.1:9'], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let exited: { code: number | null; stderr: string } | undefined;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.on('exit', (code) => (exited = { code, stderr }));
  const address = await new Promise<URL>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const printed = /Support Console at (\S+)/.exec(stdout)?.[1];
      if (printed) resolve(new URL(printed));
    });
    child.on('exit', () => reject(new Error(`browser mode did not start: ${stderr}`)));
  });
  const running: BrowserModeProcess = {
    origin: address.origin,
    token: address.hash.slice('#token='.length),
    exited: () => exited,
    stop: () => {
      if (exited === undefined && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
    },
  };
  started.push(running);
  return running;
}

/** The body: 2.9 KB, arrays nested 1,400 deep inside a `setInputs` event. */
const depth = 1_400;
const deepBody = `{"runId":"run-1","event":{"type":"setInputs","stepId":"s1","values":{"v":${'['.repeat(depth)}${']'.repeat(depth)}}}}`;

async function appInfoStatus({ origin, token }: BrowserModeProcess): Promise<number> {
  const response = await fetch(`${origin}/api/app.info`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: '{}' });
  await response.body?.cancel();
  return response.status;
}

describe('browser mode as its own process, sent arrays nested 1,400 deep', () => {
  it('answers procedures.apply over HTTP with invalid_input, and keeps answering', async () => {
    const console_ = await startBrowserModeProcess();
    const { origin, token } = console_;
    expect(deepBody.length).toBeLessThan(3_000);
    const response = await fetch(`${origin}/api/procedures.apply`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: deepBody,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'The input for procedures.apply is not valid: it is nested deeper than 32 levels.' },
    });
    expect(await appInfoStatus(console_)).toBe(200);
    expect(console_.exited()).toBeUndefined();
  });

  it('answers procedures.apply over the call socket with invalid_input, and keeps answering', async () => {
    const console_ = await startBrowserModeProcess();
    const { origin, token } = console_;
    const client = await openClient(`ws://127.0.0.1:${new URL(origin).port}/api/socket`, { origin });
    client.send({ token });
    expect(await client.next()).toEqual({ ready: true });
    client.socket.send(`{"id":1,"call":"procedures.apply","input":${deepBody}}`);
    expect(await client.next()).toMatchObject({ id: 1, result: { ok: false, error: { code: 'invalid_input' } } });
    client.send({ id: 2, call: 'app.info', input: {} });
    expect(await client.next()).toMatchObject({ id: 2, result: { ok: true } });
    client.socket.close();
    expect(await appInfoStatus(console_)).toBe(200);
    expect(console_.exited()).toBeUndefined();
  });
});
