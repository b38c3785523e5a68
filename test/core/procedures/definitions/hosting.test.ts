import { describe, expect, it } from 'vitest';
import { canStart, procedureFor, viewOf } from '../../../../core/procedures';
import type { StartContext } from '../../../../core/procedures';
import type { ScriptStep } from '../driver';
import { checkScenario, reach, refusal } from '../driver';
import { hostingData, now } from '../fixtures';
import { scenarios } from '../scenarios/hosting';

describe('H1 happy paths from both entry points', () => {
  for (const scenario of scenarios) {
    it(scenario.name, () => {
      const { run } = checkScenario(scenario);
      expect(run.audit?.event.procedure).toBe('H1');
      expect(run.audit?.event.details.entryPoint).toBe(scenario.entryPoint);
    });
  }
});

const toPlan: ScriptStep[] = [
  { type: 'next', stepId: 'prices-set' },
  { type: 'tick', stepId: 'wizard-customer' },
];

describe('H1 Add a backup plan: rules at their steps', () => {
  it('refuses a plan whose prices the reseller has not set, with that reason', () => {
    const { run, clock } = reach('H1', { data: hostingData() }, toPlan);
    const option = viewOf(run)
      .steps.find((s) => s.id === 'plan')
      ?.choose?.options.find((o) => o.id === 'acronis-backup-1tb');
    expect(option?.disabled?.code).toBe('backup_plan_price_not_set');
    const chosen = refusal(run, { type: 'choose', stepId: 'plan', ids: ['acronis-backup-1tb'] }, clock);
    const next = refusal(chosen.run, { type: 'next', stepId: 'plan' }, clock);
    expect(next.code).toBe('backup_plan_price_not_set');
    expect(next.message).toContain('has not set prices');
  });

  it('refuses an interval without a price, and accepts one with a price', () => {
    const { run, clock } = reach('H1', { data: hostingData() }, [
      ...toPlan,
      { type: 'choose', stepId: 'plan', ids: ['acronis-backup-250gb'] },
      { type: 'next', stepId: 'plan' },
    ]);
    const annual = refusal(run, { type: 'setInputs', stepId: 'interval', values: { interval: 'annual' } }, clock);
    expect(refusal(annual.run, { type: 'next', stepId: 'interval' }, clock).code).toBe('backup_plan_price_not_set');
    const monthly = refusal(run, { type: 'setInputs', stepId: 'interval', values: { interval: 'monthly' } }, clock);
    expect(refusal(monthly.run, { type: 'next', stepId: 'interval' }, clock).code).toBeUndefined();
  });

  it('requires the reference and leaves the details optional', () => {
    const { run, clock } = reach('H1', { data: hostingData() }, [
      ...toPlan,
      { type: 'choose', stepId: 'plan', ids: ['acronis-backup-50gb'] },
      { type: 'next', stepId: 'plan' },
      { type: 'setInputs', stepId: 'interval', values: { interval: 'monthly' } },
      { type: 'next', stepId: 'interval' },
    ]);
    expect(refusal(run, { type: 'next', stepId: 'reference' }, clock).code).toBe('field_required');
    const typed = refusal(run, { type: 'setInputs', stepId: 'reference', values: { reference: 'Laptop' } }, clock);
    expect(refusal(typed.run, { type: 'next', stepId: 'reference' }, clock).code).toBeUndefined();
  });

  it('says when it will be ready: four business hours in the reseller’s time zone', () => {
    // Monday 17:00 in Amsterdam is closing time: the four hours run Tuesday 9:00–13:00.
    const { run } = reach('H1', { data: hostingData() }, [
      ...toPlan,
      { type: 'choose', stepId: 'plan', ids: ['acronis-backup-50gb'] },
      { type: 'next', stepId: 'plan' },
      { type: 'setInputs', stepId: 'interval', values: { interval: 'monthly' } },
      { type: 'next', stepId: 'interval' },
      { type: 'setInputs', stepId: 'reference', values: { reference: 'Laptop' } },
      { type: 'next', stepId: 'reference' },
    ]);
    const ready = viewOf(run)
      .steps.find((s) => s.id === 'confirm-details')
      ?.review?.summary?.lines.find((l) => l.label === 'Available by');
    expect(ready?.value).toContain('Tuesday, March 11, 2025 at 1:00 PM');
  });

  it('prefills the customer from the customer details page; from the overview the customer is chosen first', () => {
    const details = reach('H1', { data: hostingData(), entryPoint: 'customer-details' }, [{ type: 'next', stepId: 'prices-set' }]);
    expect(viewOf(details.run).steps.find((s) => s.id === 'wizard-customer')?.text).toContain('Bakkerij Jansen');
    const overview = reach('H1', { data: hostingData(), entryPoint: 'product-overview' }, [{ type: 'next', stepId: 'prices-set' }]);
    expect(overview.run.cursor).toBe('choose-customer');
    expect(overview.run.values.targetCustomerId).toEqual(['cus_h']);
  });

  it('cannot start for a customer whose reseller is disabled, or who has none', () => {
    const context = (data: StartContext['data']): StartContext => ({
      runId: 'r',
      data,
      agent: { id: 'a', name: 'A', role: 'agent' },
      mode: 'do-it-for-them',
      online: true,
      now,
    });
    expect(canStart(procedureFor('H1'), context(hostingData({ reseller: { status: 'disabled' } })))).toMatchObject({
      ok: false,
      code: 'reseller_disabled',
    });
    const orphan = { ...hostingData(), resellers: [] };
    expect(canStart(procedureFor('H1'), context(orphan))).toMatchObject({ ok: false, code: 'record_not_found' });
    expect(canStart(procedureFor('H1'), context(hostingData()))).toEqual({ ok: true });
  });
});
