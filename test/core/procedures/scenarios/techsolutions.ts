// Happy paths and branches of T1–T5, replayed by techsolutions.test.ts and the traceability script.
import type { Scenario } from '../driver';
import { techSolutionsData, tsCard, tsSubscription } from '../fixtures';
import { toTurnOff } from './steps';

export const file = 'test/core/procedures/definitions/techsolutions.test.ts';

const withData = (change: (d: ReturnType<typeof techSolutionsData>) => Partial<ReturnType<typeof techSolutionsData>>) => {
  const data = techSolutionsData();
  return { ...data, ...change(data) };
};

const newCard = { number: '4111 1111 1111 1111', expMonth: 5, expYear: 2029, cvc: '123', holderName: 'Maria Lopez', postalCode: '94105' };

export const scenarios: readonly Scenario[] = [
  {
    name: 'T1 guide: the customer saves a new card and the console notices it',
    code: 'T1',
    mode: 'guide',
    data: () => techSolutionsData(),
    script: [
      { type: 'tick', stepId: 'open-billing' },
      {
        type: 'refresh',
        data: withData(() => ({ paymentMethods: [{ ...tsCard, version: 2, last4: '1111', updatedAt: '2025-03-10T16:01:00.000Z' }] })),
      },
      { type: 'next', stepId: 'result' },
    ],
    expect: { status: 'done', outcome: 'completed', mutations: [] },
  },
  {
    name: 'T1 do-it: the agent replaces the card',
    code: 'T1',
    mode: 'do-it-for-them',
    data: () => techSolutionsData(),
    script: [
      { type: 'next', stepId: 'billing-details' },
      { type: 'setInputs', stepId: 'new-card', values: newCard },
      { type: 'next', stepId: 'new-card' },
      { type: 'next', stepId: 'review-card' },
      { type: 'tick', stepId: 'consent' },
      { type: 'act', stepId: 'save' },
      {
        type: 'actResult',
        results: { card: { paymentMethodId: 'pm_2', version: 1, brand: 'visa', last4: '1111', expMonth: 5, expYear: 2029 } },
      },
      { type: 'next', stepId: 'result' },
    ],
    expect: { status: 'done', outcome: 'completed', mutations: ['billing.updateCard'] },
  },
  {
    name: 'T1 sign-in gate: not signed in, the have-them-sign-in steps, then confirmed',
    code: 'T1',
    mode: 'guide',
    data: () => techSolutionsData({ signedIn: false }),
    script: [
      { type: 'next', stepId: 'signed-in', refused: 'wrong_event' },
      { type: 'notYet', stepId: 'signed-in' },
      { type: 'tickSub', stepId: 'signed-in', subStepId: 'open-sign-in' },
      { type: 'tickSub', stepId: 'signed-in', subStepId: 'credentials' },
      // One sub-step still open: "Confirmed" must say it skips it (issue 19, item 15).
      { type: 'tick', stepId: 'signed-in', refused: 'sub_steps_open' },
      { type: 'tickSub', stepId: 'signed-in', subStepId: 'dropdown-shows' },
      { type: 'tick', stepId: 'signed-in' },
      { type: 'tick', stepId: 'open-billing' },
      { type: 'tick', stepId: 'change-card' },
      { type: 'next', stepId: 'result' },
    ],
    expect: { status: 'done' },
  },
  {
    name: 'T2 do-it: monthly to annual with the confirmation window',
    code: 'T2',
    mode: 'do-it-for-them',
    data: () => techSolutionsData(),
    script: [
      { type: 'next', stepId: 'subscription' },
      { type: 'next', stepId: 'current-plan' },
      { type: 'next', stepId: 'plan' },
      { type: 'next', stepId: 'prices' },
      { type: 'act', stepId: 'switch-plan', confirmed: 'OK' },
      {
        type: 'actResult',
        results: {
          plan: {
            subscriptionId: 'sub_ts',
            version: 2,
            planId: 'ts-plan-annual',
            interval: 'annual',
            effectiveDate: '2025-04-01',
            price: { amount: 14999, currency: 'USD' },
            message: 'Switched to the Annual Plan ($149.99 a year). It takes effect on 2025-04-01, when the current monthly period ends.',
          },
        },
      },
      { type: 'next', stepId: 'result' },
    ],
    expect: { status: 'done', mutations: ['subscription.changePlan'] },
  },
  {
    name: 'T2 guide: the plan change shows on the next sync',
    code: 'T2',
    mode: 'guide',
    data: () => techSolutionsData(),
    script: [
      { type: 'next', stepId: 'subscription' },
      { type: 'next', stepId: 'current-plan' },
      { type: 'next', stepId: 'plan' },
      { type: 'next', stepId: 'prices' },
      {
        type: 'refresh',
        data: withData(() => ({ subscriptions: [{ ...tsSubscription, version: 2, planId: 'ts-plan-annual', interval: 'annual' }] })),
      },
      { type: 'next', stepId: 'result' },
    ],
    expect: { status: 'done', mutations: [] },
  },
  {
    name: 'T3 do-it, no key yet: Generate',
    code: 'T3',
    mode: 'do-it-for-them',
    data: () => techSolutionsData(),
    script: [
      { type: 'tick', stepId: 'consent' },
      { type: 'act', stepId: 'generate-key' },
      { type: 'actResult', results: { key: { licenseKeyId: 'lk_new', product: 'SUPERAntiSpyware', maskedKey: '••••-••••-••••-WXYZ' } } },
      { type: 'next', stepId: 'result' },
    ],
    expect: { status: 'done', mutations: ['license.generate'] },
  },
  {
    name: 'T3 do-it, key on file: Find Code works offline',
    code: 'T3',
    mode: 'do-it-for-them',
    online: false,
    data: () => techSolutionsData({ withKey: true }),
    script: [{ type: 'next', stepId: 'result' }],
    expect: { status: 'done', mutations: [] },
  },
  {
    name: 'T3 guide: Generate, the key appears on the next sync',
    code: 'T3',
    mode: 'guide',
    data: () => techSolutionsData(),
    script: [
      { type: 'tick', stepId: 'open-sas' },
      { type: 'refresh', data: withData(() => techSolutionsData({ withKey: true })) },
      { type: 'next', stepId: 'result' },
    ],
    expect: { status: 'done' },
  },
  {
    name: 'T3 guide: Find Code',
    code: 'T3',
    mode: 'guide',
    data: () => techSolutionsData({ withKey: true }),
    script: [
      { type: 'tick', stepId: 'open-sas' },
      { type: 'tick', stepId: 'find-code' },
      { type: 'next', stepId: 'result' },
    ],
    expect: { status: 'done' },
  },
  {
    name: 'T4 do-it: auto-renewal off, active until the end date',
    code: 'T4',
    mode: 'do-it-for-them',
    data: () => techSolutionsData(),
    script: [
      ...toTurnOff,
      {
        type: 'actResult',
        results: {
          autoRenew: { subscriptionId: 'sub_ts', version: 2, autoRenew: false, activeUntil: '2025-04-01', message: 'Auto-renewal is off.' },
        },
      },
      { type: 'next', stepId: 'result' },
    ],
    expect: { status: 'done', mutations: ['subscription.setAutoRenew'] },
  },
  {
    name: 'T4 guide: the customer clicks Cancel',
    code: 'T4',
    mode: 'guide',
    data: () => techSolutionsData(),
    script: [
      { type: 'next', stepId: 'subscription' },
      { type: 'next', stepId: 'current-plan' },
      { type: 'refresh', data: withData(() => ({ subscriptions: [{ ...tsSubscription, version: 2, autoRenew: false }] })) },
      { type: 'next', stepId: 'result' },
    ],
    expect: { status: 'done' },
  },
  {
    name: 'T5 do-it: callback in support hours',
    code: 'T5',
    mode: 'do-it-for-them',
    data: () => techSolutionsData(),
    script: [
      { type: 'setInputs', stepId: 'callback', values: { scheduledFor: '2025-03-11T10:00', reason: 'Printer will not connect' } },
      { type: 'next', stepId: 'callback' },
      { type: 'next', stepId: 'review' },
      { type: 'tick', stepId: 'consent' },
      { type: 'act', stepId: 'schedule' },
      {
        type: 'actResult',
        results: {
          callback: {
            callbackId: 'cb_1',
            messageId: 'msg_1',
            scheduledFor: '2025-03-11T17:00:00.000Z',
            localTime: 'Tuesday, March 11, 2025 at 10:00 AM PDT',
          },
        },
      },
      { type: 'next', stepId: 'result' },
    ],
    expect: { status: 'done', mutations: ['callback.schedule'] },
  },
  {
    name: 'T5 do-it offline: the callback is queued',
    code: 'T5',
    mode: 'do-it-for-them',
    online: false,
    data: () => techSolutionsData(),
    script: [
      { type: 'setInputs', stepId: 'callback', values: { scheduledFor: '2025-03-11T10:00', reason: 'Printer will not connect' } },
      { type: 'next', stepId: 'callback' },
      { type: 'next', stepId: 'review' },
      { type: 'tick', stepId: 'consent' },
      { type: 'act', stepId: 'schedule' },
      { type: 'actResult', status: 'queued' },
      { type: 'next', stepId: 'result' },
    ],
    expect: { status: 'done', outcome: 'queued', mutations: ['callback.schedule'] },
  },
  {
    name: 'T5 guide: Get Tech Support, Schedule a callback, Schedule',
    code: 'T5',
    mode: 'guide',
    data: () => techSolutionsData(),
    script: [
      { type: 'tick', stepId: 'get-support' },
      { type: 'tick', stepId: 'schedule-callback' },
      {
        type: 'refresh',
        data: withData(() => ({
          callbacks: [
            {
              id: 'cb_9',
              version: 1,
              updatedAt: '2025-03-10T16:01:00.000Z',
              customerId: 'cus_ts',
              name: 'Maria Lopez',
              phone: '+14155550134',
              scheduledFor: '2025-03-11T17:00:00.000Z',
              timeZone: 'America/Los_Angeles',
              reason: 'Printer',
              status: 'scheduled',
              createdAt: '2025-03-10T16:01:00.000Z',
            },
          ],
        })),
      },
      { type: 'next', stepId: 'result' },
    ],
    expect: { status: 'done' },
  },
];
