// P8 Enable auto-renewal before it expires. Seed 003 names the option in Add a subscription's
// renewal table (One-Time Renewal: "you will have the option to enable auto-renewal for the
// subscription before it expires") and gives no clicks for it: the way to the subscription is
// read as its other subscription procedures' (Customers page, the customer, Subscriptions tab,
// the subscription), and "before it expires" is the rule (the domain's `checkEnableAutoRenew`).
import { rolesFor } from '../../domain';
import { seedFiles } from '../traceability/article-steps';
import type { Procedure } from '../format';
import { bothModes, consent, doIt, fromCustomer, guide } from './helpers';

const oneTime = '003.add-subscription.one-time';

export const P8: Procedure = {
  code: 'P8',
  program: 'partner',
  title: 'Enable auto-renewal before it expires',
  summary: 'A One-Time Renewal subscription renews automatically from now on: only before it expires.',
  source: { seed: seedFiles.partner, heading: 'Add a subscription' },
  roles: rolesFor('P8'),
  modes: bothModes,
  entryPoints: [fromCustomer],
  steps: [
    {
      id: 'one-time',
      kind: 'say',
      title: 'One-Time Renewal',
      text: 'One-Time Renewal: The subscription will not automatically renew at the end of the selected term, but you will have the option to enable auto-renewal for the subscription before it expires.',
      talk: [
        'Your subscription is on One-Time Renewal, so it will not renew automatically at the end of its term. Auto-renewal can be turned on any time before it expires.',
      ],
      covers: [oneTime],
    },
    {
      id: 'open',
      kind: 'check',
      when: guide,
      title: 'Subscriptions tab',
      text: 'Navigate to the Customers page. Locate the customer, and click the customer’s name. Select the Subscriptions tab.',
      covers: [],
    },
    {
      id: 'subscription',
      kind: 'choose',
      as: 'subscriptionId',
      from: 'partnerSubscriptionsForAutoRenew',
      multiple: false,
      title: 'Subscription',
      text: 'Locate the subscription you want to renew automatically, and click the subscription’s name. Auto-renewal can be enabled only before it expires.',
      covers: [oneTime],
    },
    {
      id: 'guide-enable',
      kind: 'check',
      when: guide,
      title: 'Enable auto-renewal',
      text: 'Enable auto-renewal for the subscription, before it expires.',
      verify: { predicate: 'autoRenewEnabled', auto: 'guide' },
      covers: [oneTime],
    },
    {
      id: 'review',
      kind: 'review',
      when: doIt,
      title: 'What changes',
      text: 'Read back what changes: the subscription will automatically renew at the end of the selected term.',
      compute: 'autoRenewReview',
      covers: [oneTime],
    },
    consent('Shall I turn on auto-renewal for {chosen.subscriptionId} now, so that it renews automatically at the end of its term?'),
    {
      id: 'enable',
      kind: 'act',
      when: doIt,
      title: 'Enable auto-renewal',
      text: 'Enable auto-renewal for the subscription.',
      button: 'Enable auto-renewal',
      mutations: ['subscription.enableAutoRenew'],
      build: 'enableAutoRenew',
      covers: [oneTime],
    },
    {
      id: 'result',
      kind: 'result',
      title: 'Auto-renewal on',
      text: 'Tell the customer when the subscription renews.',
      compute: 'autoRenewResult',
      covers: [],
    },
  ],
};
