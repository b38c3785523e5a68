// Issue 21 through the console, as an agent meets it: a callback booked during a call while the
// backend is down waits in the outbox with the wrap-up, which can only name it by its queued
// change (`clientId:mutationId`). Once the backend is back the call must list the callback by
// the id the backend gave it, once, here and on another agent's console. The backend's side of
// the link is tested in test/core/backend/mutations-interaction.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoFixtures } from '../../../core/backend';
import type { RunningBackend } from '../../../core/backend';
import { readOutboxRow } from '../../../core/cache';
import type { RunView } from '../../../core/procedures';
import { testBackend } from '../sync/harness';
import { testConsole, type TestConsole } from './runtime-harness';

const olivia = demoFixtures.techSolutions.withSasKey.customerId;
const reason = 'Printer still offline after the driver update';
const notes = 'Printer offline; callback booked for Tuesday morning.';

/** Books a callback for Olivia with T5 (do it for them), from its start until it is done. */
async function bookCallback(console_: TestConsole): Promise<RunView> {
  let view = await console_.call('procedures.start', { customerId: olivia, code: 'T5', mode: 'do-it-for-them' });
  while (view.status !== 'done') {
    const step = view.steps.find((s) => s.id === view.currentStepId)!;
    const stepId = step.id;
    if (step.kind === 'check') view = await console_.call('procedures.apply', { runId: view.runId, event: { type: 'tick', stepId } });
    else if (step.kind === 'act') view = await console_.call('procedures.apply', { runId: view.runId, event: { type: 'act', stepId } });
    else {
      if (step.kind === 'input') {
        const values = {
          name: 'Olivia Bennett',
          phone: '(415) 555-0134',
          // A Tuesday morning in her zone: inside support hours, years ahead of the test's clock.
          scheduledFor: '2031-03-11T10:00',
          timeZone: 'America/Los_Angeles',
          reason,
        };
        await console_.call('procedures.apply', { runId: view.runId, event: { type: 'setInputs', stepId, values } });
      }
      view = await console_.call('procedures.apply', { runId: view.runId, event: { type: 'next', stepId } });
    }
    expect(view.notice ?? null, `at ${stepId}`).toBeNull();
  }
  return view;
}

describe('console: a callback booked offline during a call', () => {
  // The backend keeps its data in a folder so it can be stopped and started again on the same
  // port with the same records, as test/core/sync/outcomes.test.ts and the e2e outage fixtures do.
  let backend: RunningBackend | undefined;
  let backendDir: string | undefined;
  const consoles: TestConsole[] = [];
  afterEach(async () => {
    for (const console_ of consoles.splice(0)) await console_.runtime.close();
    await backend?.close();
    backend = undefined;
    if (backendDir) rmSync(backendDir, { recursive: true, force: true });
    backendDir = undefined;
  });

  it("is listed by its backend id under the call's interaction once the outbox drains, here and on another agent's console", async () => {
    // No snapshots: the consoles page their first sync, as on the in-memory backend of consolePerTest.
    backendDir = mkdtempSync(join(tmpdir(), 'sc-backend-'));
    const options = { dataDir: backendDir, snapshotEvery: 0 };
    backend = await testBackend(options);
    const port = backend.port;
    const agentConsole = await testConsole(backend.url);
    consoles.push(agentConsole);
    const { agent } = demoFixtures.agents;
    await agentConsole.call('auth.login', { email: agent.email, password: agent.password });
    await agentConsole.call('sync.now');
    const callbacksBefore = backend.store.byOwner(olivia, 'callback').length;
    expect(backend.store.byOwner(olivia, 'interaction')).toEqual([]);

    // Opening the customer starts the call.
    await agentConsole.call('customers.get', { customerId: olivia });
    const call = await agentConsole.call('interactions.start', { customerId: olivia });

    // The backend goes down mid-call.
    await backend.close();
    backend = undefined;
    await agentConsole.call('sync.now');
    expect(await agentConsole.call('sync.status')).toMatchObject({ online: false });

    const booked = await bookCallback(agentConsole);
    expect(booked.steps.find((s) => s.kind === 'result')?.result?.queued).toBe(true);
    expect((await agentConsole.call('interactions.history', { customerId: olivia })).openCall).toMatchObject({
      interactionId: call.interactionId,
      changes: 1,
    });
    const wrapped = await agentConsole.call('interactions.wrapUp', { customerId: olivia, disposition: 'Callback booked', notes });
    expect(wrapped).toMatchObject({ status: 'queued', interactionId: call.interactionId });
    const queued = (await agentConsole.call('outbox.list')).entries.filter((entry) => entry.kind === 'change');
    expect(queued.map((entry) => entry.name)).toEqual(['callback.schedule', 'interaction.log']);
    // The callback has no id yet: the wrap-up names it only as its queued change, for the backend to look up.
    const change = readOutboxRow(agentConsole.runtime.db, queued[0]!.id)!;
    expect(queued[1]?.args).toMatchObject({
      callbackIds: [],
      changes: [{ id: `${change.clientId}:${change.mutationId}`, name: 'callback.schedule' }],
    });

    // The backend is back on the same port and data: the queue drains in one sync.
    backend = await testBackend({ ...options, port });
    await agentConsole.call('sync.now');
    expect(await agentConsole.call('sync.status')).toMatchObject({ online: true, queued: 0, rejected: 0 });

    const callbacks = backend.store.byOwner(olivia, 'callback');
    expect(callbacks).toHaveLength(callbacksBefore + 1);
    const callback = callbacks.find((c) => c.reason === reason);
    expect(callback).toMatchObject({ scheduledBy: agent.id });
    const interactions = backend.store.byOwner(olivia, 'interaction');
    expect(interactions).toHaveLength(1);
    expect(interactions[0]).toMatchObject({
      id: call.interactionId,
      disposition: 'Callback booked',
      notes,
      version: 1,
      callbackIds: [callback!.id],
      changes: [{ name: 'callback.schedule' }],
    });

    // Each console's History (the History tab's call) shows the callback under that call, once.
    const { supervisor } = demoFixtures.agents;
    const otherConsole = await testConsole(backend.url);
    consoles.push(otherConsole);
    await otherConsole.call('auth.login', { email: supervisor.email, password: supervisor.password });
    await otherConsole.call('sync.now');
    for (const console_ of [agentConsole, otherConsole]) {
      const { entries } = await console_.call('interactions.history', { customerId: olivia });
      expect(entries.filter((entry) => entry.kind === 'interaction')).toMatchObject([
        { interactionId: call.interactionId, disposition: 'Callback booked', notes, pending: false },
      ]);
      expect(entries.filter((entry) => entry.kind === 'callback' && entry.summary === reason)).toEqual([
        expect.objectContaining({ key: `callback:${callback!.id}`, interactionId: call.interactionId, pending: false }),
      ]);
      expect(entries.filter((entry) => entry.pending)).toEqual([]);
    }
  }, 60_000);
});
