// vitest global setup of the backend suite's PostgreSQL run (vitest.config.ts, project
// `backend-postgres`): one throwaway cluster for the whole run, handed to the test files as
// `inject('postgres')`. Where PostgreSQL is not installed the run says so and its tests skip,
// with the reason; under CI it fails instead (.ci/run installs it).
import type { TestProject } from 'vitest/node';
import { findPostgresBin, startCluster, type Cluster } from './postgres';

export type PostgresProvided = Readonly<{ socketDir: string; port: number }> | Readonly<{ skip: string }>;

export const postgresMissing =
  "PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/initdb): the backend suite on PostgreSQL is skipped. Install Debian's postgresql package to run it.";

declare module 'vitest' {
  // An interface: vitest's provided context is declared by merging into it.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    postgres: PostgresProvided;
  }
}

let cluster: Cluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  const bin = findPostgresBin();
  if (!bin) {
    if (process.env.CI === 'true') throw new Error(`${postgresMissing} CI must run it.`);
    process.stderr.write(`${postgresMissing}\n`);
    project.provide('postgres', { skip: postgresMissing });
    return;
  }
  cluster = await startCluster(bin);
  project.provide('postgres', { socketDir: cluster.socketDir, port: cluster.port });
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
