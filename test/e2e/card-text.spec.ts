import { demoFixtures } from '../../core/backend';
import { expect, test } from './support/fixtures';
import { agents } from './pages/console-app';
import { customers } from './support/customers';
import { nextWeekdayAt } from './support/dates';
import { openCustomerAs } from './support/open';
import { t5FillDetails, t5Schedule } from './support/procedures';

const ts = demoFixtures.techSolutions;

test.describe('a card number typed into a text field (issue 18, finding 6)', () => {
  test('T5: the reason field says why it refuses it, Next stays, and the retyped callback is scheduled without it', async ({
    page,
    agentConsole,
  }) => {
    const { runner } = await openCustomerAs(page, agentConsole.url, agents.agent, customers.olivia);
    await t5FillDetails(runner, {
      name: 'Olivia Bennett',
      phone: '(415) 555-0134',
      preferred: nextWeekdayAt('America/Los_Angeles', 10),
      reason: 'Refund to ６０１１ ０００９ ９０１３ ９４２４ please',
    });
    await expect(runner.field('Reason')).toHaveAccessibleDescription(/This looks like a card number/);
    await runner.next();
    await expect(runner.notice).toContainText('This looks like a card number');
    await runner.expectCurrent('Callback details');

    await runner.fill('Reason', 'Refund to the card on file please');
    await expect(runner.field('Reason')).not.toHaveAccessibleDescription(/card number/);
    await t5Schedule(runner);
    const reasons = agentConsole
      .backend()
      .store.byOwner(ts.withSasKey.customerId, 'callback')
      .map((callback) => callback.reason);
    expect(reasons).toContain('Refund to the card on file please');
    expect(reasons.join(' ')).not.toMatch(/６０１１|6011/);
  });
});
