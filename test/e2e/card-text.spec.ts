import { demoFixtures } from '../../core/backend';
import { expect, test } from './support/fixtures';
import { ConsoleApp } from './pages/console-app';
import { RunnerPage } from './pages/runner';
import { nextWeekdayAt } from './support/dates';

const ts = demoFixtures.techSolutions;

test.describe('a card number typed into a text field (issue 18, finding 6)', () => {
  test('T5: the reason field says why it refuses it, Next stays, and the retyped callback is scheduled without it', async ({
    page,
    agentConsole,
  }) => {
    const app = new ConsoleApp(page);
    await app.open(agentConsole.url);
    await app.signIn();
    await app.openCustomer(ts.withSasKey.accountNumber, 'Olivia Bennett');
    const runner = new RunnerPage(page);
    await runner.start('T5');
    await runner.expectStep('Callback details');
    await runner.fill('Name', 'Olivia Bennett');
    await runner.fill('Phone', '(415) 555-0134');
    await runner.fill(/Preferred time/, nextWeekdayAt('America/Los_Angeles', 10));
    await runner.fill('Reason', 'Refund to ６０１１ ０００９ ９０１３ ９４２４ please');
    await expect(runner.field('Reason')).toHaveAccessibleDescription(/This looks like a card number/);
    await runner.next();
    await expect(runner.notice).toContainText('This looks like a card number');
    await runner.expectCurrent('Callback details');

    await runner.fill('Reason', 'Refund to the card on file please');
    await expect(runner.field('Reason')).not.toHaveAccessibleDescription(/card number/);
    await runner.next();
    await runner.next('Read it back');
    await runner.tick('Customer agrees');
    await runner.act('Schedule');
    await runner.expectStep('Tell the customer');
    const reasons = agentConsole
      .backend()
      .store.byOwner(ts.withSasKey.customerId, 'callback')
      .map((callback) => callback.reason);
    expect(reasons).toContain('Refund to the card on file please');
    expect(reasons.join(' ')).not.toMatch(/６０１１|6011/);
  });
});
