// A card number typed into a text field of a procedure is refused at the field, and the run
// (which the console stores on disk) never holds it: not in its values, history or notice.
import { describe, expect, it } from 'vitest';
import { cardNumberInTextMessage } from '../../../core/domain';
import {
  applyTo,
  canStart,
  clientEventSchema,
  pendingMutations,
  procedureFor,
  procedures,
  toStored,
  viewOf,
} from '../../../core/procedures';
import type { Run } from '../../../core/procedures';
import { registry } from '../../../core/procedures/registry';
import { screenedInput } from '../../../core/procedures/registry/fields';
import { writtenCards } from '../domain/rules/fields/card-forms';
import { begin, TestClock } from './driver';
import { partnerData, techSolutionsData } from './fixtures';

const callbackInputs = { name: 'Maria Lopez', phone: '(415) 555-0134', scheduledFor: '2025-03-11T10:00', timeZone: 'America/Los_Angeles' };

function callbackRun(clock: TestClock): Run {
  return begin('T5', { data: techSolutionsData(), mode: 'do-it-for-them', clock });
}

/** Everything of the run the console would write to disk. */
function storedText(run: Run): string {
  return JSON.stringify(toStored(run));
}

function reasonField(run: Run) {
  return viewOf(run)
    .steps.find((s) => s.id === 'callback')
    ?.input?.fields.find((f) => f.name === 'reason');
}

describe('T5: a card number in the callback reason', () => {
  it.each(writtenCards)('is refused at the field and never kept in the run, written %s', (_how, written, digits) => {
    const clock = new TestClock();
    let run = callbackRun(clock);
    expect(run.cursor).toBe('callback');
    run = applyTo(run, {
      type: 'setInputs',
      stepId: 'callback',
      values: { ...callbackInputs, reason: `Customer read out ${written} for a refund` },
      at: clock.tick(),
    });

    const field = reasonField(run);
    expect(field?.error).toEqual({ code: 'card_number_in_text', message: cardNumberInTextMessage });
    expect(field).not.toHaveProperty('value');
    expect(storedText(run)).not.toContain(digits);
    expect(storedText(run)).not.toContain(written);

    const next = applyTo(run, { type: 'next', stepId: 'callback', at: clock.tick() });
    expect(next.notice).toMatchObject({ code: 'card_number_in_text', message: `Reason: ${cardNumberInTextMessage}` });
    expect(next.cursor).toBe('callback');
    expect(pendingMutations(procedureFor('T5'), next)).toEqual([]);
    expect(storedText(next)).not.toContain(digits);
  });

  it('goes through once the reason is retyped without it', () => {
    const clock = new TestClock();
    let run = callbackRun(clock);
    run = applyTo(run, {
      type: 'setInputs',
      stepId: 'callback',
      values: { ...callbackInputs, reason: 'card 4242 4242 4242 4242' },
      at: clock.tick(),
    });
    run = applyTo(run, { type: 'setInputs', stepId: 'callback', values: { reason: 'Printer will not connect' }, at: clock.tick() });
    expect(reasonField(run)).toMatchObject({ value: 'Printer will not connect' });
    expect(reasonField(run)).not.toHaveProperty('error');
    run = applyTo(run, { type: 'next', stepId: 'callback', at: clock.tick() });
    expect(run.notice).toBeUndefined();
    expect(run.cursor).not.toBe('callback');
  });

  it('keeps ordinary text with dates, phone numbers and order numbers as typed', () => {
    const clock = new TestClock();
    const reason = 'Order 123456789012 from 2026-12-06; call +1 833 2020 2695';
    const run = applyTo(callbackRun(clock), {
      type: 'setInputs',
      stepId: 'callback',
      values: { ...callbackInputs, reason },
      at: clock.tick(),
    });
    expect(run.values.reason).toBe(reason);
    expect(reasonField(run)).not.toHaveProperty('error');
  });
});

describe('every text field of every procedure', () => {
  const fields = procedures.flatMap((procedure) =>
    procedure.steps.flatMap((step) =>
      step.kind === 'input' ? step.fields.map((field) => [procedure.code, field.name, field] as const) : [],
    ),
  );

  it.each(fields.filter(([, , field]) => !field.secret))('%s %s refuses a card number and keeps none of it', (_code, _name, field) => {
    const { parse, widget } = registry.fieldTypes[field.type];
    for (const [, written, digits] of writtenCards) {
      const typed = field.type === 'quantities' ? { line: written } : `note ${written}`;
      const kept = screenedInput(typed, false);
      expect(JSON.stringify(kept)).not.toContain(digits);
      expect(parse(kept)).toEqual({ ok: false, code: 'card_number_in_text', message: cardNumberInTextMessage });
      // Text fields also say so when handed the text itself (a number field just finds no number in it).
      if (typeof typed === 'string' && widget !== 'number') expect(parse(typed)).toMatchObject({ ok: false, code: 'card_number_in_text' });
    }
  });

  it('T1 keeps the card number in its own field (a secret, never stored) and refuses it in the name on the card', () => {
    const secret = fields.filter(([, , field]) => field.secret).map(([code, name]) => `${code} ${name}`);
    expect(secret).toEqual(['T1 number', 'T1 cvc']);
    expect(registry.fieldTypes.cardNumber.parse(screenedInput('4242 4242 4242 4242', true))).toEqual({
      ok: true,
      value: '4242 4242 4242 4242',
    });
    expect(fields.some(([code, name, field]) => code === 'T1' && name === 'holderName' && !field.secret)).toBe(true);
  });
});

describe('run events', () => {
  it('refuses a card number in the reason a run is abandoned for, at the console API', () => {
    const parsed = clientEventSchema.safeParse({ type: 'abandon', reason: 'customer gave 4242-4242-4242-4242' });
    expect(parsed.error?.issues).toEqual([
      { code: 'custom', path: ['reason'], message: cardNumberInTextMessage, params: { code: 'card_number_in_text' } },
    ]);
    expect(clientEventSchema.safeParse({ type: 'abandon', reason: 'customer hung up at 14:30' }).success).toBe(true);
  });

  it('does not keep a chosen id that looks like a card number', () => {
    const clock = new TestClock();
    let run = begin('P2', { data: partnerData(), mode: 'do-it-for-them', clock });
    run = applyTo(run, { type: 'next', stepId: 'why', at: clock.tick() });
    const chosen = applyTo(run, { type: 'choose', stepId: 'product', ids: ['4242 4242 4242 4242'], at: clock.tick() });
    expect(chosen.notice).toMatchObject({ code: 'choice_unknown' });
    expect(storedText(chosen)).not.toMatch(/4242.?4242/);
    expect(applyTo(run, { type: 'choose', stepId: 'product', ids: ['pp-dv-ssl'], at: clock.tick() }).notice).toBeUndefined();
  });

  it('never repeats a card number sent as an entry point', () => {
    const refused = canStart(procedureFor('T5'), {
      runId: 'run-x',
      data: techSolutionsData(),
      agent: { id: 'agent_1', name: 'Alex Agent', role: 'agent' },
      mode: 'do-it-for-them',
      entryPoint: '4242-4242-4242-4242',
      online: true,
      now: new TestClock().now,
    });
    expect(refused).toMatchObject({ ok: false, code: 'entry_point_unknown', message: 'T5 has no entry point "[card number]".' });
  });

  it('never repeats a card number sent as a field name or a step id in the notice it stores', () => {
    const clock = new TestClock();
    const run = callbackRun(clock);
    const unknownField = applyTo(run, { type: 'setInputs', stepId: 'callback', values: { '4242 4242 4242 4242': 'x' }, at: clock.tick() });
    expect(unknownField.notice?.code).toBe('unknown_field');
    const wrongStep = applyTo(run, { type: 'next', stepId: '4242424242424242', at: clock.tick() });
    expect(wrongStep.notice?.code).toBe('not_current_step');
    for (const refused of [unknownField, wrongStep]) {
      expect(refused.notice?.message).toContain('[card number]');
      expect(storedText(refused)).not.toMatch(/4242.?4242/);
    }
  });
});
