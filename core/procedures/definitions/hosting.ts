// Hosting reseller area: H1 Add a backup plan to a customer (seed 002 "Adding an Acronis
// product to a customer"). The caller is the reseller; "the customer" is theirs.
import { rolesFor } from '../../domain';
import { seedFiles } from '../traceability/article-steps';
import type { Procedure } from '../format';
import { all, bothModes, consent, doIt, guide } from './helpers';

const seed = seedFiles.hosting;

/**
 * The article's intro names two ways in: "from the Customer details page, or the Acronis
 * overview". Its Option 1 is the customer details page. Its Option 2 walks through the
 * customer list ("Click on 'details' button behind the customer"): the guide quotes those
 * steps word for word. In do-it mode the console's own customer list stands in for them, so
 * the wizard starts with no customer and one is chosen first (SPEC §2.3); the traceability
 * table marks that "read as" (core/procedures/traceability/read-as.ts). The entry point keeps its stored
 * id `product-overview` (runs on disk name it). Both then run the same five-step wizard.
 */
const fromDetails = { entryPoint: 'customer-details' } as const;
const fromOverview = { entryPoint: 'product-overview' } as const;

const H1: Procedure = {
  code: 'H1',
  program: 'hosting',
  title: 'Add a backup plan to a customer',
  summary: 'Add an Acronis backup plan: customer, plan, interval, reference and details, confirm, Create.',
  source: { seed, heading: 'Adding an Acronis product to a customer' },
  roles: rolesFor('H1'),
  modes: bothModes,
  entryPoints: [
    { id: 'customer-details', label: 'Customer details → Customer actions → Add product' },
    { id: 'product-overview', label: 'Option 2: Customers → details → actions → Add product (choose the customer first)' },
  ],
  facts: 'hosting',
  preconditions: ['hostingResellerReady'],
  steps: [
    {
      id: 'prices-set',
      kind: 'say',
      title: 'Prices first',
      text: 'After setting the prices, you can add a license to your customer. Plans whose prices {reseller.name} has not set cannot be chosen.',
      covers: ['002.intro.1'],
    },
    {
      id: 'log-in',
      kind: 'check',
      when: all(guide, fromDetails),
      title: 'Log in',
      text: 'Log in to your Reseller Area.',
      covers: ['002.option1.1'],
    },
    {
      id: 'customer-details',
      kind: 'check',
      when: all(guide, fromDetails),
      title: 'Customer details',
      text: 'Click on ‘Customers’ and find the customer you want to add the plan to. Click on ‘details’ and you will be guided to the customer details page.',
      covers: ['002.option1.2'],
    },
    {
      id: 'customer-actions',
      kind: 'check',
      when: all(guide, fromDetails),
      title: 'Customer actions → Add product',
      text: 'Here you can click on the blue ‘Customer actions’ button and click on ‘Add product’.',
      covers: ['002.option1.3'],
    },
    {
      id: 'log-in-overview',
      kind: 'check',
      when: all(guide, fromOverview),
      title: 'Log in',
      text: 'Log in to the reseller area.',
      covers: ['002.option2.1'],
    },
    {
      id: 'customers',
      kind: 'check',
      when: all(guide, fromOverview),
      title: 'Customers',
      text: 'Click on ‘Customers’',
      covers: ['002.option2.2'],
    },
    {
      id: 'details-button',
      kind: 'check',
      when: all(guide, fromOverview),
      title: 'Details button behind the customer',
      text: 'Click on ‘details’ button behind the customer you would like to manually add the Acronis plan to',
      covers: ['002.option2.3'],
    },
    {
      id: 'overview-add',
      kind: 'check',
      when: all(guide, fromOverview),
      title: 'Actions → Add product',
      text: 'Click on the blue ‘actions’ button and click on ‘Add product’',
      covers: ['002.option2.4'],
    },
    {
      id: 'wizard-customer',
      kind: 'check',
      when: fromDetails,
      title: 'Step 1: customer',
      text: 'You will now be guided through five steps. First, choose the customer you wish to add the product to. It is already filled in ({target.name}): click ‘Next’.',
      covers: ['002.option1.4'],
    },
    {
      id: 'guide-customer',
      kind: 'check',
      when: all(guide, fromOverview),
      title: 'Step 1: customer',
      text: 'Choose the customer first. Check if the details of the customer are right and click ‘next’: {target.details}.',
      covers: ['002.intro.1', '002.option2.5'],
    },
    {
      id: 'choose-customer',
      kind: 'choose',
      when: all(doIt, fromOverview),
      as: 'targetCustomerId',
      from: 'resellerCustomers',
      multiple: false,
      title: 'Step 1: customer',
      text: 'Choose the customer first.',
      covers: ['002.intro.1', '002.option2.2', '002.option2.3', '002.option2.4', '002.option2.5'],
    },
    {
      id: 'check-customer',
      kind: 'check',
      when: all(doIt, fromOverview),
      title: 'Customer details right',
      text: 'Check if the details of the customer are right and click ‘next’: {target.details}.',
      covers: ['002.option2.5'],
    },
    {
      id: 'guide-plan',
      kind: 'check',
      when: guide,
      title: 'Steps 2 and 3: plan and interval',
      text: 'Choose the plan you want to add and click ‘Next’. Choose the interval you want to add the plan for and click ‘Next’. Only plans and intervals {reseller.name} has set prices for can be added.',
      covers: ['002.option1.5', '002.option1.6', '002.option2.6', '002.option2.7'],
    },
    {
      id: 'guide-reference',
      kind: 'check',
      when: guide,
      title: 'Step 4: reference and details',
      text: 'Fill in a reference for your customer to recognize the product with, and details if you want. Click ‘Next’ when you’re done.',
      covers: ['002.option1.7', '002.option2.8'],
    },
    {
      id: 'guide-create',
      kind: 'check',
      when: guide,
      title: 'Step 5: confirm, Create',
      text: 'Step 5 is confirming the product that you want to add. If all the details are correct, click on ‘Create’.',
      verify: { predicate: 'backupPlanAdded', auto: 'guide' },
      covers: ['002.option1.8', '002.option2.8'],
    },
    {
      id: 'plan',
      kind: 'choose',
      when: doIt,
      as: 'planId',
      from: 'backupPlans',
      multiple: false,
      title: 'Step 2: plan',
      text: 'Choose the plan you want to add and click ‘Next’.',
      covers: ['002.option1.5', '002.option2.6'],
    },
    {
      id: 'interval',
      kind: 'input',
      when: doIt,
      title: 'Step 3: interval',
      text: 'Choose the interval you want to add the plan for and click ‘Next’.',
      fields: [{ name: 'interval', label: 'Interval', type: 'select', options: 'backupIntervals', required: true }],
      validate: 'backupInterval',
      covers: ['002.option1.6', '002.option2.7'],
    },
    {
      // Option 2's "product-specific information visible in the reseller and customer area"
      // is Option 1's reference (required) and details (optional).
      id: 'reference',
      kind: 'input',
      when: doIt,
      title: 'Step 4: reference and details',
      text: 'Fill in a reference for your customer to recognize the product with, and details if you want. Click ‘Next’ when you’re done.',
      fields: [
        { name: 'reference', label: 'Reference', type: 'text', required: true, help: 'Visible in the reseller and customer area.' },
        { name: 'details', label: 'Details (optional)', type: 'longText', required: false },
      ],
      validate: 'backupReference',
      covers: ['002.option1.7', '002.option2.8'],
    },
    {
      id: 'confirm-details',
      kind: 'review',
      when: doIt,
      title: 'Step 5: confirm',
      text: 'Step 5 is confirming the product that you want to add. If all the details are correct, click on ‘Create’.',
      compute: 'backupPlanReview',
      covers: ['002.option1.8', '002.option2.8'],
    },
    consent('Shall I add {review.confirms} now?'),
    {
      id: 'create',
      kind: 'act',
      when: doIt,
      title: 'Create',
      text: 'If all the details are correct, click on ‘Create’.',
      button: 'Create',
      mutations: ['product.add'],
      build: 'addBackupPlan',
      covers: ['002.option1.8', '002.option2.8'],
    },
    {
      id: 'result',
      kind: 'result',
      title: 'Tell the reseller',
      text: 'You have now added the product to the customer: say when it will be available and that the customer is emailed.',
      compute: 'backupPlanResult',
      covers: ['002.outcome.1', '002.outcome.2'],
    },
  ],
};

export const hostingProcedures: readonly Procedure[] = [H1];
