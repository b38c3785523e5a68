import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { agents, ConsoleApp } from '../pages/console-app';
import { RunnerPage } from '../pages/runner';
import { WorkspacePage } from '../pages/workspace';
import type { AgentConsole } from './fixtures';

export type Who = (typeof agents)[keyof typeof agents];

/** Opens the console and signs in (the agent unless told), waiting for the first sync. */
export async function signInAs(page: Page, url: string, who: Who = agents.agent): Promise<ConsoleApp> {
  const app = new ConsoleApp(page);
  await app.open(url);
  await app.signIn(who);
  return app;
}

/** Opens the console, signs in and opens a customer: the start of most procedure tests. */
export async function openCustomerAs(page: Page, url: string, who: Who, customer: Readonly<{ query: string; name: string }>) {
  const app = await signInAs(page, url, who);
  await app.openCustomer(customer.query, customer.name);
  return { app, runner: new RunnerPage(page), workspace: new WorkspacePage(page) };
}

/** The backend stops; asked to sync, the console finds it gone and says Offline. */
export async function goOffline(app: ConsoleApp, agentConsole: AgentConsole) {
  await agentConsole.stopBackend();
  await app.syncNow();
  await expect(app.connection).toHaveText('Offline');
}
