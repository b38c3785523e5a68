// TechSolutions procedures T1–T5 (seed 000 "How to Manage a Support.com TechSolutions Account").
// In guide mode the customer clicks through their own portal and the agent ticks each
// step; in do-it-for-them mode the console's form and action replace the portal clicks.
import { rolesFor } from '../../domain';
import { seedFiles } from '../traceability/article-steps';
import type { Procedure } from '../format';
import { arm, all, bothModes, consent, doIt, fromCustomer, guide, signInGate } from './helpers';

const seed = seedFiles.techsolutions;

const T1: Procedure = {
  code: 'T1',
  program: 'techsolutions',
  title: 'Update billing information',
  summary: 'Replace the card on file. Only the brand and last four digits are kept.',
  source: { seed, heading: 'How to Update Customer Billing Information' },
  roles: rolesFor('T1'),
  modes: bothModes,
  entryPoints: [fromCustomer],
  facts: 'techSolutions',
  steps: [
    signInGate(['000.billing.1']),
    {
      id: 'open-billing', kind: 'check', when: guide, title: 'Open billing details',
      text: 'Under Services and Billing, billing history will be listed. Click on Details.',
      talk: ['Under Services and Billing you will see your billing history. Please click on Details.'],
      covers: ['000.billing.2'],
    },
    {
      id: 'change-card', kind: 'check', when: guide, title: 'Change the card and save',
      text: "The customer's subscription information is displayed. Credit card information can be changed here. Click on Save Billing Info to commit changes.",
      talk: ['You will see your subscription information and the card on file. Enter the new card there, then click Save Billing Info.'],
      verify: { predicate: 'cardChanged', auto: 'guide' },
      covers: ['000.billing.3'],
    },
    {
      id: 'billing-details', kind: 'say', when: doIt, title: 'Billing details',
      text: "Under Services and Billing → Details, the customer's subscription information is displayed. Card on file: {card.current}. Credit card information can be changed here.",
      talk: ['I can see the card on file is {card.current}. I can change it for you now; please have the new card ready.'],
      covers: ['000.billing.2', '000.billing.3'],
    },
    {
      // The article says only "credit card information": the fields are what a card payment
      // needs (SPEC §2.1 T1). Number and CVC are secret: never stored, never shown back.
      id: 'new-card', kind: 'input', when: doIt, title: 'New card',
      text: 'Credit card information can be changed here: take the new card details.',
      talk: ['Please read me the card number, the expiry month and year, the security code, the name on the card and the billing ZIP or postal code.'],
      fields: [
        { name: 'number', label: 'Card number', type: 'cardNumber', required: true, secret: true },
        { name: 'expMonth', label: 'Expiry month', type: 'month', required: true },
        { name: 'expYear', label: 'Expiry year', type: 'year', required: true },
        { name: 'cvc', label: 'Security code (CVC)', type: 'cvc', required: true, secret: true },
        { name: 'holderName', label: 'Name on card', type: 'text', required: true },
        { name: 'postalCode', label: 'Billing ZIP/postal code', type: 'text', required: true },
      ],
      validate: 'newCard',
      covers: ['000.billing.3'],
    },
    {
      id: 'review-card', kind: 'review', when: doIt, title: 'Check the new card',
      text: 'Read back the brand, the last four digits and the expiry date.',
      compute: 'newCardReview',
      covers: ['000.billing.3'],
    },
    consent('Shall I save {review.confirms} as the card on your account now?'),
    {
      id: 'save', kind: 'act', when: doIt, title: 'Save Billing Info',
      text: 'Click on Save Billing Info to commit changes.',
      button: 'Save Billing Info', mutations: ['billing.updateCard'], build: 'updateCard',
      covers: ['000.billing.3'],
    },
    { id: 'result', kind: 'result', title: 'Tell the customer', text: 'Tell the customer which card is now on file.', compute: 'cardResult', covers: ['000.billing.3'] },
  ],
};

const T2: Procedure = {
  code: 'T2',
  program: 'techsolutions',
  title: 'Change subscription type',
  summary: 'Switch between the monthly and the annual plan.',
  source: { seed, heading: "How to Change Customer's Subscription Type" },
  roles: rolesFor('T2'),
  modes: bothModes,
  entryPoints: [fromCustomer],
  facts: 'techSolutions',
  steps: [
    signInGate(['000.plan.1']),
    {
      // The article shows "the subscription type" as if there were one; a customer may have
      // more, so the console asks which (the only one is preselected).
      id: 'subscription', kind: 'choose', as: 'subscriptionId', from: 'tsSubscriptionsForPlanChange', multiple: false,
      title: 'Subscription',
      text: 'Under Services and Billing, the subscription type will be listed. Click on Details.',
      talk: ['Under Services and Billing you will see your subscription. Please click on Details.'],
      covers: ['000.plan.2'],
    },
    {
      id: 'current-plan', kind: 'say', title: 'Current plan',
      text: "The customer's current plan is displayed: {subscription.plan}. To change between an annual or monthly plan, click on Change Plan.",
      talk: ['You are on the {subscription.plan}, paid up to {subscription.endDate}. To switch, click on Change Plan.'],
      covers: ['000.plan.3'],
    },
    {
      // "Information for the Annual Plan is displayed" assumes monthly → annual; read as the
      // other plan's information, whichever way the customer switches.
      id: 'plan', kind: 'choose', as: 'planId', from: 'tsTargetPlans', multiple: false, title: 'New plan',
      text: 'Information for the other plan is displayed (the article: "Information for the Annual Plan is displayed").',
      talk: ['Here is the other plan and its price.'],
      covers: ['000.plan.4'],
    },
    {
      id: 'prices', kind: 'review', title: 'Both prices and when it takes effect',
      text: 'Read both prices and the date the new plan takes effect.',
      compute: 'planSwitchReview',
      covers: ['000.plan.4'],
    },
    {
      id: 'switch', kind: 'check', when: guide, title: 'Switch to Plan, then OK',
      text: 'Click on Switch to Plan to continue. The site will pop a confirmation window. Click on OK to confirm.',
      talk: ['Click on Switch to Plan. A confirmation window will open: click OK.'],
      verify: { predicate: 'planChanged', auto: 'guide' },
      covers: ['000.plan.4'],
    },
    {
      // The article's order: Switch to Plan pops the confirmation window, and its OK (given
      // with the customer's consent) is what switches the plan.
      id: 'switch-plan', kind: 'act', when: doIt, title: 'Switch to Plan, then OK',
      text: 'Click on Switch to Plan to continue. The site will pop a confirmation window. Click on OK to confirm.',
      talk: ['Shall I switch you to {review.confirms}?'],
      button: 'Switch to Plan', confirmation: { title: 'Confirmation window', button: 'OK' },
      mutations: ['subscription.changePlan'], build: 'changePlan',
      covers: ['000.plan.4'],
    },
    { id: 'result', kind: 'result', title: 'Tell the customer', text: 'Tell the customer the new plan and when it takes effect.', compute: 'planResult', covers: ['000.plan.4'] },
  ],
};

const T3: Procedure = {
  code: 'T3',
  program: 'techsolutions',
  title: 'Generate or find a SAS key',
  summary: 'Generate a SUPERAntiSpyware key for a new subscriber, or find the existing one.',
  source: { seed, heading: 'How to Generate/Find an SAS Key' },
  roles: rolesFor('T3'),
  modes: bothModes,
  entryPoints: [fromCustomer],
  facts: 'techSolutions',
  steps: [
    signInGate(['000.sas.1']),
    {
      id: 'open-sas', kind: 'check', when: guide, title: 'Open SUPERAntiSpyware',
      text: "Under Bundled Software, you'll find SUPERAntiSpyware. Click on Details.",
      talk: ['Under Bundled Software you will find SUPERAntiSpyware. Please click on Details.'],
      covers: ['000.sas.2'],
    },
    {
      // "(for a new subscriber)": read as "no key on file yet"; a key on file means Find Code.
      id: 'key-action', kind: 'branch', as: 'keyAction', decide: { by: 'data', decider: 'sasKeyAction' },
      title: 'Generate or Find Code',
      text: 'Generate (for a new subscriber), or, Find Code to retrieve a code.',
      arms: [{ id: 'generate', label: 'Generate (no key yet)' }, { id: 'find', label: 'Find Code (key on file)' }],
      covers: ['000.sas.2'],
    },
    {
      id: 'generate', kind: 'check', when: all(guide, arm('keyAction', 'generate')), title: 'Click Generate',
      text: 'Click on Generate (for a new subscriber).',
      talk: ['Please click on Generate; your key will appear.'],
      verify: { predicate: 'sasKeyGenerated', auto: 'guide' },
      covers: ['000.sas.2'],
    },
    {
      id: 'find-code', kind: 'check', when: all(guide, arm('keyAction', 'find')), title: 'Click Find Code',
      text: 'Click on Find Code to retrieve a code.',
      talk: ['Please click on Find Code; your key will be shown.'],
      covers: ['000.sas.2'],
    },
    consent('Shall I generate your SUPERAntiSpyware key for you now?', all(doIt, arm('keyAction', 'generate'))),
    {
      id: 'generate-key', kind: 'act', when: all(doIt, arm('keyAction', 'generate')), title: 'Generate',
      text: 'Generate (for a new subscriber).',
      button: 'Generate', mutations: ['license.generate'], build: 'generateSasKey',
      covers: ['000.sas.2'],
    },
    {
      id: 'result', kind: 'result', title: 'The key',
      text: 'The key is shown masked; reveal it only to read it out or copy it for the customer.',
      compute: 'sasKeyResult',
      covers: ['000.sas.2'],
    },
  ],
};

const T4: Procedure = {
  code: 'T4',
  program: 'techsolutions',
  title: 'Cancel a subscription (turn off auto-renewal)',
  summary: 'Turn off auto-renewal; the subscription stays active until its end date.',
  source: { seed, heading: 'How to Cancel a Subscription (Turn Off Auto-Renewal)' },
  roles: rolesFor('T4'),
  modes: bothModes,
  entryPoints: [fromCustomer],
  facts: 'techSolutions',
  steps: [
    signInGate(['000.cancel.1']),
    {
      id: 'subscription', kind: 'choose', as: 'subscriptionId', from: 'tsSubscriptionsToCancel', multiple: false,
      title: 'Subscription',
      text: 'Under Services and Billing, the subscription type will be listed. Click on Details.',
      talk: ['Under Services and Billing you will see your subscription. Please click on Details.'],
      covers: ['000.cancel.2'],
    },
    {
      // The article repeats T2's "To change between an annual or monthly plan" before
      // "click on Cancel": a copy slip, read as "To cancel, click on Cancel".
      id: 'current-plan', kind: 'say', title: 'Current plan',
      text: "The customer's current plan is displayed: {subscription.plan}. To cancel, click on Cancel.",
      talk: ['You are on the {subscription.plan}. Cancelling turns off auto-renewal: the subscription stays active until {subscription.endDate}.'],
      covers: ['000.cancel.3'],
    },
    {
      id: 'cancel', kind: 'check', when: guide, title: 'Click Cancel',
      text: 'Click on Cancel.',
      talk: ['Please click on Cancel.'],
      verify: { predicate: 'autoRenewTurnedOff', auto: 'guide' },
      covers: ['000.cancel.3'],
    },
    { id: 'review', kind: 'review', when: doIt, title: 'What changes', text: 'Auto-renewal goes off; nothing else changes.', compute: 'cancelReview', covers: ['000.cancel.3'] },
    consent('Shall I turn off auto-renewal for {review.confirms} now?'),
    {
      id: 'turn-off', kind: 'act', when: doIt, title: 'Cancel',
      text: 'Click on Cancel (turns off auto-renewal).',
      button: 'Cancel auto-renewal', mutations: ['subscription.setAutoRenew'], build: 'turnOffAutoRenew',
      covers: ['000.cancel.3'],
    },
    {
      id: 'result', kind: 'result', title: 'Tell the customer',
      text: 'Tell the customer the subscription stays active until its end date.',
      compute: 'cancelResult',
      covers: ['000.cancel.3'],
    },
  ],
};

const T5: Procedure = {
  code: 'T5',
  program: 'techsolutions',
  title: 'Schedule a callback',
  summary: 'Book a call back from tech support at a time that suits the customer.',
  source: { seed, heading: 'How to Schedule a Call Back' },
  roles: rolesFor('T5'),
  modes: bothModes,
  entryPoints: [fromCustomer],
  facts: 'techSolutions',
  steps: [
    signInGate(['000.callback.1']),
    {
      id: 'get-support', kind: 'check', when: guide, title: 'Get Tech Support',
      text: 'Click on Get Tech Support | 1-833-2020-2695',
      talk: ['Please click on Get Tech Support, next to the number {support.phone}.'],
      covers: ['000.callback.2'],
    },
    {
      id: 'schedule-callback', kind: 'check', when: guide, title: 'Schedule a callback',
      text: 'Click Schedule a callback',
      talk: ['Now click Schedule a callback.'],
      covers: ['000.callback.3'],
    },
    {
      id: 'fill-out', kind: 'check', when: guide, title: 'Fill out and Schedule',
      text: 'Fill out the required info and click Schedule.',
      talk: ['Fill in your name, phone number, a preferred time and the reason, then click Schedule.'],
      verify: { predicate: 'callbackScheduled', auto: 'guide' },
      covers: ['000.callback.4'],
    },
    {
      // "The required info": name, phone, preferred time, reason (SPEC §2.1 T5); the time is
      // the customer's local time, in support hours.
      id: 'callback', kind: 'input', when: doIt, title: 'Callback details',
      text: 'Fill out the required info: name, phone, preferred time (the customer\'s local time, within support hours) and the reason.',
      talk: ['What number should we call, at what time, and what is it about?'],
      fields: [
        { name: 'name', label: 'Name', type: 'text', required: true },
        { name: 'phone', label: 'Phone', type: 'phone', required: true },
        { name: 'scheduledFor', label: 'Preferred time (customer\'s local time)', type: 'localDateTime', required: true, help: 'Support hours: Monday to Friday, 8:00 a.m. to 8:00 p.m. in the customer\'s time zone.' },
        { name: 'timeZone', label: 'Customer\'s time zone', type: 'timeZone', required: true },
        { name: 'reason', label: 'Reason', type: 'longText', required: true },
      ],
      prefill: 'callbackContact',
      validate: 'callbackRequest',
      covers: ['000.callback.4'],
    },
    { id: 'review', kind: 'review', when: doIt, title: 'Read it back', text: 'Read the callback details back to the customer.', compute: 'callbackReview', covers: ['000.callback.4'] },
    consent('Shall I schedule {review.confirms} now?'),
    {
      id: 'schedule', kind: 'act', when: doIt, title: 'Schedule',
      text: 'Click Schedule.',
      button: 'Schedule', mutations: ['callback.schedule'], build: 'scheduleCallback',
      covers: ['000.callback.4'],
    },
    {
      id: 'result', kind: 'result', title: 'Tell the customer',
      text: 'The customer will get a confirmation of their callback.',
      compute: 'callbackResult',
      covers: ['000.callback.4'],
    },
  ],
};

export const techSolutionsProcedures: readonly Procedure[] = [T1, T2, T3, T4, T5];
