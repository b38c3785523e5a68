import type { RunnerPage } from '../pages/runner';

/** T4 started and walked to the customer's agreement: the current step's button is "Cancel auto-renewal". */
export async function t4UpToCancel(runner: RunnerPage) {
  await runner.start('T4');
  await runner.next('Subscription');
  await runner.next('Current plan');
  await runner.next('What changes');
  await runner.tick('Customer agrees');
}

export type CallbackDetails = Readonly<{ name: string; phone: string; preferred: string; reason: string }>;

/** T5 started and its first step filled in; the step stays current (Next is the test's to press). */
export async function t5FillDetails(runner: RunnerPage, details: CallbackDetails) {
  await runner.start('T5');
  await runner.expectStep('Callback details');
  await runner.fill('Name', details.name);
  await runner.fill('Phone', details.phone);
  await runner.fill(/Preferred time/, details.preferred);
  await runner.fill('Reason', details.reason);
}

/** From T5's filled-in details: Next, read it back, the customer agrees, Schedule; the result step is current. */
export async function t5Schedule(runner: RunnerPage) {
  await runner.next();
  await runner.next('Read it back');
  await runner.tick('Customer agrees');
  await runner.act('Schedule');
  await runner.expectStep('Tell the customer');
}

/** P7 as a supervisor: the reseller, the article's Yes in its window, Apply; the Done step is current. */
export async function p7DisableReseller(runner: RunnerPage) {
  await runner.start('P7');
  await runner.next('Reseller');
  await runner.expectStep('Yes');
  await runner.confirmWindow('Yes');
  await runner.act('Apply');
  await runner.expectStep('Done');
}
