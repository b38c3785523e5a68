// A throwaway PostgreSQL cluster for tests: `initdb` into a temporary folder, `postgres` on a
// free port with its socket in that folder (no TCP), a database per backend a test starts, and
// everything stopped and removed at the end. Used by the vitest global setup of the backend
// suite's PostgreSQL run (postgres-global-setup.ts).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where Debian's postgresql package puts its programs, newest version first. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find((bin) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres')));
}

export type Cluster = Readonly<{
  /** The socket folder and port: what a connection string needs. */
  socketDir: string;
  port: number;
  stop: () => Promise<void>;
}>;

/** The URL of `database` on the cluster (over its Unix socket). */
export function clusterUrl(cluster: Pick<Cluster, 'socketDir' | 'port'>, database: string): string {
  return `postgres://postgres@localhost:${cluster.port}/${database}?host=${encodeURIComponent(cluster.socketDir)}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user, who owns
 * the folder (spawned with its uid directly: `runuser` in between does not pass a stop on).
 */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startCluster(bin: string): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  const data = join(dir, 'data');
  let server: ChildProcess | undefined;
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const user = postgresUser();
    if (user) chownSync(dir, user.uid, user.gid);
    chmodSync(dir, 0o700);
    execFileSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], {
      stdio: 'pipe',
      ...user,
    });
    const port = await freePort();
    // Durability is of no use to a cluster removed after the run.
    const args = [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ];
    const child = spawn(join(bin, 'postgres'), args, { stdio: ['ignore', 'ignore', 'pipe'], ...user });
    server = child;
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    });
    const cluster = { socketDir: dir, port };
    // A test run that ends without its teardown (an error in the setup, Ctrl+C) takes the cluster with it.
    const leftBehind = () => {
      child.kill('SIGKILL');
      remove();
    };
    process.once('exit', leftBehind);
    await waitUntilReady(clusterUrl(cluster, 'postgres'), child, () => output);
    const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return {
      ...cluster,
      stop: async () => {
        process.off('exit', leftBehind);
        // SIGINT: "fast" shutdown, connections closed, no checkpoint wait beyond what is needed.
        child.kill('SIGINT');
        await stopped;
        remove();
      },
    };
  } catch (error) {
    server?.kill('SIGKILL');
    remove();
    throw error;
  }
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode}) before it was ready: ${output()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 30 s: ${String(error)} ${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Creates an empty database on the cluster and returns its URL and how to drop it. */
export async function createDatabase(
  cluster: Pick<Cluster, 'socketDir' | 'port'>,
  name: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: clusterUrl(cluster, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: clusterUrl(cluster, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: clusterUrl(cluster, 'postgres') });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
