// Issue 20, items 4 and 8: open views follow every record they show; the layout keeps the
// customer in view; focus goes where the agent's next move is; signing out mid-call asks first.
import type { Locator } from '@playwright/test';
import { demoFixtures } from '../../core/backend';
import { expect, test } from './support/fixtures';
import { ConsoleApp, agents } from './pages/console-app';
import { customers } from './support/customers';
import { openCustomerAs } from './support/open';
import { p7DisableReseller } from './support/procedures';
import { checkScreen } from './support/screens';

const pp = demoFixtures.partner;
const harborlight = customers.harborlight;

/** Whether `element` lies wholly inside the window: not scrolled away, not cut by a scrolling pane. */
async function whollyInView(element: Locator): Promise<boolean> {
  return element.evaluate(
    (node) =>
      new Promise<boolean>((resolve) => {
        const observer = new IntersectionObserver(([entry]) => {
          observer.disconnect();
          resolve((entry?.intersectionRatio ?? 0) > 0.99);
        });
        observer.observe(node);
      }),
  );
}

test.describe('Views that stay true and in view (issue 20)', () => {
  test('P7 disables the reseller and the open Reseller tab says so, without reopening the customer', async ({ page, agentConsole }) => {
    const { runner, workspace } = await openCustomerAs(page, agentConsole.url, agents.supervisor, harborlight);
    const tab = await workspace.openTab('Reseller');
    const status = tab.getByRole('heading', { level: 2 });
    await expect(status).toContainText('enabled');

    await p7DisableReseller(runner);
    expect(agentConsole.backend().store.get('reseller', pp.enabledReseller.resellerId)?.status).toBe('disabled');
    // The same tab, never reopened: it follows the reseller's record.
    await expect(status).toContainText('disabled');
    await expect(workspace.tab('Reseller')).toHaveAttribute('aria-selected', 'true');
  });

  test('the customer header stays in view while a long checklist scrolls', async ({ page, agentConsole }) => {
    await page.setViewportSize({ width: 1280, height: 560 });
    const { runner, workspace } = await openCustomerAs(page, agentConsole.url, agents.agent, harborlight);
    await runner.start('P2');
    const lastControl = runner.checklist.getByRole('button', { name: 'Abandon run' });
    await lastControl.scrollIntoViewIfNeeded();
    await expect.poll(() => whollyInView(lastControl)).toBe(true);
    await expect.poll(() => whollyInView(workspace.name)).toBe(true);
    // The checklist itself scrolled, not the page under the header.
    const headerBox = await workspace.name.boundingBox();
    const bannerBox = await page.getByRole('banner').first().boundingBox();
    expect(headerBox && bannerBox && headerBox.y >= bannerBox.y + bannerBox.height).toBe(true);

    // One column (a narrow window): the page scrolls and the header sticks to its top.
    await page.setViewportSize({ width: 900, height: 560 });
    await lastControl.scrollIntoViewIfNeeded();
    await expect.poll(() => whollyInView(lastControl)).toBe(true);
    await expect.poll(() => whollyInView(workspace.name)).toBe(true);
    await checkScreen(page, 'views-long-checklist');
  });

  test('after sign-in, focus is in the search box: the first move is to type the caller', async ({ page, agentConsole }) => {
    const app = new ConsoleApp(page);
    await app.open(agentConsole.url);
    await app.signIn();
    await expect(app.findCustomer).toBeFocused();
    await page.keyboard.type(harborlight.query);
    await expect(page.getByRole('option').first()).toContainText(harborlight.name);
  });

  test('after Finish, focus is on Close checklist beside the outcome, then on the procedure list', async ({ page, agentConsole }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.supervisor, harborlight);
    await p7DisableReseller(runner);
    await runner.finish();
    await expect(runner.outcome).toContainText('Completed');
    const close = runner.checklist.getByRole('button', { name: 'Close checklist' });
    await expect(close).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(runner.procedures.getByRole('heading', { level: 2, name: 'Procedures' })).toBeFocused();
  });

  test('signing out with a run open asks first; staying keeps the customer and the run', async ({ page, agentConsole }) => {
    const { app, runner, workspace } = await openCustomerAs(page, agentConsole.url, agents.supervisor, harborlight);
    await runner.start('P7');
    await runner.next('Reseller');
    await runner.expectStep('Yes');

    const signOut = app.agentBadge.getByRole('button', { name: 'Sign out' });
    await signOut.click();
    const question = app.signOutQuestion();
    await expect(question).toBeVisible();
    await expect(question).toContainText('Harborlight Logistics');
    await expect(question).toContainText('P7');
    // Staying is the default: Enter on it, or Escape, keeps everything.
    await expect(question.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
    await checkScreen(page, 'views-sign-out-question');
    await page.keyboard.press('Escape');
    await expect(question).toBeHidden();
    await expect(signOut).toBeFocused();
    await expect(workspace.name).toHaveText(harborlight.name);
    await runner.expectCurrent('Yes');
    await expect(app.agentBadge).toContainText(agents.supervisor.name);

    await signOut.click();
    await page.keyboard.press('Enter');
    await expect(question).toBeHidden();
    await expect(runner.current).toBeVisible();

    // With the keyboard alone: Shift+Tab to Sign out, Enter.
    await signOut.click();
    await page.keyboard.press('Shift+Tab');
    await expect(question.getByRole('button', { name: 'Sign out' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(app.signInButton).toBeVisible();
  });
});
