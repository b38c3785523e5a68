import type { ProcedureListItem, RunAhead, RunAnswer } from '../../../core/api/procedures';
import type { ProcedureCode, ProcedureMode } from '../../../core/domain';
import { procedureCodes } from '../../../core/domain';
import type { ClientEvent } from '../../../core/procedures/run';
import type { RunView } from '../../../core/procedures/view';
import { consoleClient } from '../api/client';
import type { ResumableRun } from '../components/runner/ProcedureList';

type Failure = Readonly<{ ok: false; error: string; code: string }>;
type RunResult = Readonly<{ ok: true; run: RunView; ahead: RunAhead | null }> | Failure;

/** The view apart from the views one move ahead: the store keeps the view on screen and the guesses beside it. */
function split({ ahead, ...run }: RunAnswer): Readonly<{ ok: true; run: RunView; ahead: RunAhead | null }> {
  return { ok: true, run, ahead: ahead ?? null };
}

function isCode(code: string): code is ProcedureCode {
  return (procedureCodes as readonly string[]).includes(code);
}

/** The procedures calls of the console API, shaped for the procedures store. */
export const proceduresApi = {
  async list(
    customerId: string,
  ): Promise<Readonly<{ ok: true; procedures: readonly ProcedureListItem[]; resumable: ResumableRun[] }> | Failure> {
    const [list, active] = await Promise.all([
      consoleClient.invoke('procedures.list', { customerId }),
      consoleClient.invoke('procedures.active', {}),
    ]);
    if (!list.ok) return { ok: false, error: list.error.message, code: list.error.code };
    const resumable = active.ok
      ? active.value.runs
          .filter((run) => run.customerId === customerId)
          .map((run) => ({
            runId: run.runId,
            code: run.code,
            title: run.title,
            mode: run.mode,
            currentStepTitle: run.currentStepTitle,
            updatedAt: run.updatedAt,
          }))
      : [];
    return { ok: true, procedures: list.value.procedures, resumable };
  },
  async start(input: Readonly<{ customerId: string; code: string; mode: ProcedureMode; entryPoint?: string }>): Promise<RunResult> {
    if (!isCode(input.code)) return { ok: false, code: 'unknown_procedure', error: `${input.code} is not a procedure code.` };
    const result = await consoleClient.invoke('procedures.start', { ...input, code: input.code });
    return result.ok ? split(result.value) : { ok: false, error: result.error.message, code: result.error.code };
  },
  async get(runId: string): Promise<RunResult> {
    const result = await consoleClient.invoke('procedures.get', { runId });
    return result.ok ? split(result.value) : { ok: false, error: result.error.message, code: result.error.code };
  },
  async apply(runId: string, event: ClientEvent): Promise<RunResult> {
    const result = await consoleClient.invoke('procedures.apply', { runId, event });
    return result.ok ? split(result.value) : { ok: false, error: result.error.message, code: result.error.code };
  },
};
