import type { Page } from '@playwright/test';
import { ConsoleApp } from '../pages/console-app';
import type { agents } from '../pages/console-app';
import { RunnerPage } from '../pages/runner';
import { WorkspacePage } from '../pages/workspace';

export type Who = (typeof agents)[keyof typeof agents];

/** Opens the console, signs in and opens a customer: the start of most procedure tests. */
export async function openCustomerAs(page: Page, url: string, who: Who, customer: Readonly<{ query: string; name: string }>) {
  const app = new ConsoleApp(page);
  await app.open(url);
  await app.signIn(who);
  await app.openCustomer(customer.query, customer.name);
  return { app, runner: new RunnerPage(page), workspace: new WorkspacePage(page) };
}
