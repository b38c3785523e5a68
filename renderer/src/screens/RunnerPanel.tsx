import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { JsonValue } from '../../../core/procedures/run';
import { Checklist } from '../components/runner/Checklist';
import { ProcedureList } from '../components/runner/ProcedureList';
import type { StepActions } from '../components/runner/StepCard';
import { flushPendingInput } from '../lib/pending-input';
import { markRendered } from '../lib/timing';
import { useApprovalsStore } from '../stores/approvals-store';
import { useProceduresStore } from '../stores/procedures-store';
import { useWorkspaceStore } from '../stores/workspace-store';

/** The checklist runner beside the customer's data: the procedures that apply, or the run in progress. */
export function RunnerPanel({ customerId }: Readonly<{ customerId: string }>) {
  const store = useProceduresStore();
  const revealed = useWorkspaceStore((state) => state.revealed);
  const keyMessage = useWorkspaceStore((state) => state.keyMessage);
  const keyOffline = useWorkspaceStore((state) => state.keyOffline);
  const keys = useMemo(() => ({ revealed, message: keyMessage, offline: keyOffline }), [revealed, keyMessage, keyOffline]);

  useEffect(() => {
    void useProceduresStore.getState().load(customerId);
  }, [customerId]);

  const actions: StepActions = useMemo(
    () => ({
      send: (event) => void useProceduresStore.getState().send(event),
      next: (stepId) => {
        // Typed values still waiting for a pause go first; the store keeps the order.
        flushPendingInput();
        void useProceduresStore.getState().send({ type: 'next', stepId });
      },
      inputs: (stepId: string, values: Readonly<Record<string, JsonValue>>) => void useProceduresStore.getState().inputs(stepId, values),
      reveal: (licenseKeyId) => void useWorkspaceStore.getState().reveal(licenseKeyId),
      copy: (licenseKeyId) => void useWorkspaceStore.getState().copy(licenseKeyId),
      startOffer: (code) => void useProceduresStore.getState().start(customerId, code),
      requestApproval: async (reason) => {
        const runId = useProceduresStore.getState().run?.runId;
        return runId ? useApprovalsStore.getState().request(runId, reason) : 'No run is open.';
      },
    }),
    [customerId],
  );
  const onRendered = useCallback(() => markRendered('step'), []);
  // "Close checklist" leaves with the checklist: focus lands on the procedure list it returns to,
  // where the agent picks what the caller needs next.
  const closedRun = useRef(false);
  const showsRun = store.run !== null && store.run.customerId === customerId;
  useLayoutEffect(() => {
    if (showsRun || !closedRun.current) return;
    closedRun.current = false;
    document.getElementById('procedures-heading')?.focus();
  }, [showsRun]);

  if (store.run && showsRun) {
    return (
      <Checklist
        run={store.run}
        busy={store.busy}
        error={store.error}
        keys={keys}
        actions={actions}
        onBack={() => void store.send({ type: 'back' })}
        onAbandon={() => void store.send({ type: 'abandon' })}
        onClose={() => {
          closedRun.current = true;
          store.closeRun();
        }}
        onRendered={onRendered}
      />
    );
  }
  return (
    <ProcedureList
      procedures={store.procedures}
      resumable={store.resumable}
      mode={store.mode}
      busy={store.busy}
      error={store.error}
      onModeChange={store.setMode}
      onStart={(code, entryPoint) => void store.start(customerId, code, entryPoint)}
      onResume={(runId) => void store.resume(runId)}
      onOffer={(code) => void store.start(customerId, code)}
    />
  );
}
