// H1 from both entry points, in both modes, replayed by hosting.test.ts and the traceability script.
import type { Subscription } from '../../../../core/domain';
import type { Scenario, ScriptStep } from '../driver';
import { hostingSubscription } from '../../domain/fixtures';
import { hostingData } from '../fixtures';

export const file = 'test/core/procedures/definitions/hosting.test.ts';

/** The subscription H1 creates, as the next sync brings it. */
const provisioned: Subscription = {
  ...hostingSubscription,
  id: 'sub_h_new',
  updatedAt: '2025-03-10T16:01:00.000Z',
  customerId: 'cus_h',
  readyBy: '2025-03-11T11:00:00.000Z',
  createdAt: '2025-03-10T16:01:00.000Z',
};
const afterCreate = () => ({ ...hostingData(), subscriptions: [provisioned] });
const productResult = {
  product: {
    subscriptionId: 'sub_h_new',
    messageId: 'msg_9',
    price: { amount: 550, currency: 'EUR' },
    readyBy: '2025-03-11T11:00:00.000Z',
    message: 'Provisioning.',
  },
};

const wizard: ScriptStep[] = [
  { type: 'choose', stepId: 'plan', ids: ['acronis-backup-50gb'] },
  { type: 'next', stepId: 'plan' },
  { type: 'setInputs', stepId: 'interval', values: { interval: 'monthly' } },
  { type: 'next', stepId: 'interval' },
  { type: 'setInputs', stepId: 'reference', values: { reference: 'Office laptop backup', details: 'Front desk PC' } },
  { type: 'next', stepId: 'reference' },
  { type: 'next', stepId: 'confirm-details' },
  { type: 'tick', stepId: 'consent' },
  { type: 'act', stepId: 'create' },
  { type: 'actResult', results: productResult },
  { type: 'next', stepId: 'result' },
];

export const scenarios: readonly Scenario[] = [
  {
    name: 'H1 do-it from the customer details: Customer actions → Add product',
    code: 'H1',
    mode: 'do-it-for-them',
    entryPoint: 'customer-details',
    data: () => hostingData(),
    script: [{ type: 'next', stepId: 'prices-set' }, { type: 'tick', stepId: 'wizard-customer' }, ...wizard],
    expect: { status: 'done', mutations: ['product.add'] },
  },
  {
    name: 'H1 do-it from the product overview: the customer is chosen first',
    code: 'H1',
    mode: 'do-it-for-them',
    entryPoint: 'product-overview',
    data: () => hostingData(),
    script: [
      { type: 'next', stepId: 'prices-set' },
      { type: 'choose', stepId: 'choose-customer', ids: ['cus_h2'] },
      { type: 'next', stepId: 'choose-customer' },
      { type: 'tick', stepId: 'check-customer' },
      ...wizard,
    ],
    expect: { status: 'done', mutations: ['product.add'] },
  },
  {
    name: 'H1 guide from the customer details',
    code: 'H1',
    mode: 'guide',
    entryPoint: 'customer-details',
    data: () => hostingData(),
    script: [
      { type: 'next', stepId: 'prices-set' },
      { type: 'tick', stepId: 'log-in' },
      { type: 'tick', stepId: 'customer-details' },
      { type: 'tick', stepId: 'customer-actions' },
      { type: 'tick', stepId: 'wizard-customer' },
      { type: 'tick', stepId: 'guide-plan' },
      { type: 'tick', stepId: 'guide-reference' },
      { type: 'refresh', data: afterCreate() },
      { type: 'next', stepId: 'result' },
    ],
    expect: { status: 'done', mutations: [] },
  },
  {
    name: 'H1 guide from the product overview',
    code: 'H1',
    mode: 'guide',
    entryPoint: 'product-overview',
    data: () => hostingData(),
    script: [
      { type: 'next', stepId: 'prices-set' },
      { type: 'tick', stepId: 'log-in-overview' },
      { type: 'tick', stepId: 'customers' },
      { type: 'tick', stepId: 'details-button' },
      { type: 'tick', stepId: 'overview-add' },
      { type: 'tick', stepId: 'guide-customer' },
      { type: 'tick', stepId: 'guide-plan' },
      { type: 'tick', stepId: 'guide-reference' },
      { type: 'tick', stepId: 'guide-create' },
      { type: 'next', stepId: 'result' },
    ],
    expect: { status: 'done', mutations: [] },
  },
];
