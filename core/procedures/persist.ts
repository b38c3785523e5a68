// Storing runs: the console keeps each run in the cache (`procedure_runs`) so a restarted
// console resumes it. What is stored never holds a secret input (card number, CVC).
import { procedureFor } from './definitions';
import { secretFields } from './evaluate';
import type { Procedure } from './format';
import { runSchema } from './run';
import type { Run } from './run';

/** One stored run, as the cache's `procedure_runs` table holds it (core/cache/procedure-runs.ts). */
export type StoredRun = Readonly<{
  runId: string;
  customerId: string | null;
  status: string;
  updatedAt: string;
  /** The run as plain JSON data, secrets removed (the cache serialises it). */
  run: unknown;
}>;

/**
 * Where runs are kept. Implemented by the cache over `procedure_runs`; an in-memory one
 * serves tests. `listActive` returns runs with status `active`, most recently updated first.
 */
export type RunStore = Readonly<{
  save: (run: StoredRun) => void | Promise<void>;
  load: (runId: string) => StoredRun | undefined | Promise<StoredRun | undefined>;
  listActive: () => readonly StoredRun[] | Promise<readonly StoredRun[]>;
}>;

/** The run without its secret inputs; steps that held one are marked so the view can ask again. */
function withoutSecrets(run: Run, procedure: Procedure = procedureFor(run.code)): Run {
  const secrets = secretFields(procedure);
  if (secrets.size === 0) return run;
  const values = { ...run.values };
  const steps = { ...run.steps };
  for (const [stepId, names] of secrets) {
    const held = names.filter((name) => values[name] !== undefined);
    if (held.length === 0) continue;
    for (const name of held) delete values[name];
    steps[stepId] = { ...steps[stepId], secretsCleared: true };
  }
  return { ...run, values, steps };
}

export function toStored(run: Run): StoredRun {
  return {
    runId: run.id,
    customerId: run.customerId,
    status: run.status,
    updatedAt: run.updatedAt,
    // Runs are JSON by their schema and never changed in place, so no copy is needed: the
    // cache serialises it once, and `fromStored` parses what it reads back.
    run: withoutSecrets(run),
  };
}

export type Restored = Readonly<{ ok: true; run: Run }> | Readonly<{ ok: false; message: string }>;

/** Parses a stored run back; a run the code no longer understands is reported, not guessed. */
export function fromStored(stored: StoredRun): Restored {
  let json: unknown = stored.run;
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch {
      return { ok: false, message: `Stored run ${stored.runId} is not valid JSON.` };
    }
  }
  const parsed = runSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      message: `Stored run ${stored.runId} does not match the run format: ${parsed.error.issues[0]?.message ?? 'invalid'}.`,
    };
  }
  return { ok: true, run: parsed.data };
}

/** A RunStore in memory: for tests, and for a console without a cache. */
export function createMemoryRunStore(): RunStore & { readonly size: () => number } {
  const runs = new Map<string, StoredRun>();
  return {
    save: (run) => void runs.set(run.runId, run),
    load: (runId) => runs.get(runId),
    listActive: () => [...runs.values()].filter((r) => r.status === 'active').sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    size: () => runs.size,
  };
}
