// Partner platform procedures P1–P7. Seed 003 (current release) is the behaviour; seed 001
// (older release) is kept for the reseller pages (P6, P7) and its steps are mapped too.
import { rolesFor } from '../../domain';
import { seedFiles } from '../traceability/article-steps';
import type { FieldDefinition, Procedure } from '../format';
import { all, arm, bothModes, consent, doIt, fromCustomer, guide } from './helpers';
import { P8 } from './partner-renewal';

const seed = seedFiles.partner;
const old = seedFiles.partnerOld;

/** Seed 003's table of a customer's details; seed 001's reseller page includes the same table. */
const contactFields: readonly FieldDefinition[] = [
  { name: 'companyName', label: 'Company Name', type: 'text', required: false, help: 'The name of the company.' },
  { name: 'contactName', label: 'Contact Name', type: 'text', required: true, help: 'The name of the primary contact for the company.' },
  { name: 'contactPhone', label: 'Contact Phone', type: 'phone', required: true, help: 'The phone number of the primary contact for the company.' },
  { name: 'contactExtension', label: 'Contact Extension', type: 'text', required: false, help: 'The phone extension of the primary contact for the company, if applicable.' },
  { name: 'contactEmail', label: 'Contact Email', type: 'email', required: true, help: 'The email address of the primary contact for the company.' },
  { name: 'address.line1', label: 'Address Line 1', type: 'text', required: true, help: 'The street address of the company.' },
  { name: 'address.line2', label: 'Address Line 2', type: 'text', required: false },
  { name: 'address.city', label: 'City', type: 'text', required: true, help: 'The city in which the company resides.' },
  { name: 'address.state', label: 'State/Province', type: 'text', required: false, help: 'The state or province in which the company resides.' },
  { name: 'address.postalCode', label: 'ZIP/Postal Code', type: 'text', required: false, help: 'The company’s ZIP/postal code.' },
  { name: 'address.country', label: 'Country', type: 'select', options: 'countries', required: true, help: 'The country in which the company resides.' },
];

const P1: Procedure = {
  code: 'P1',
  program: 'partner',
  title: "Edit a customer's details",
  summary: 'Company and contact details, address, and the reseller managing the account.',
  source: { seed, heading: 'Edit a customer’s details', also: [{ seed: old, heading: 'Edit a customer’s details' }] },
  roles: rolesFor('P1'),
  modes: bothModes,
  entryPoints: [fromCustomer],
  steps: [
    {
      id: 'open', kind: 'check', when: guide, title: 'Open the customer',
      text: 'Navigate to the Customers page. Locate the customer you want to edit, and click the customer’s name.',
      covers: ['003.edit-customer.1', '003.edit-customer.2', '001.edit-customer.1', '001.edit-customer.2'],
    },
    {
      // Seed 001 had one "Edit Details" button; seed 003 has an Edit icon per section.
      id: 'edit-icon', kind: 'check', when: guide, title: 'Details tab, Edit',
      text: 'Select the Details tab, click the Edit icon beside the section you want to update.',
      covers: ['003.edit-customer.3', '001.edit-customer.3'],
    },
    {
      id: 'update-details', kind: 'check', when: guide, title: 'Update the details, Save',
      text: 'Update the customer’s details as needed (Company Name, Contact Name, Contact Phone, Contact Extension, Contact Email, Address Line 1/Line 2, City, State/Province, ZIP/Postal Code, Country). Click Save.',
      covers: ['003.edit-customer.4', '003.edit-customer.5', '001.edit-customer.4', '001.edit-customer.5'],
    },
    {
      id: 'update-management', kind: 'check', when: guide, title: 'Partner Management, Save',
      text: 'Update the customer’s service and account management details as needed (Partner Management: the reseller that manages the customer account, if applicable). Click Save.',
      verify: { predicate: 'customerChanged', auto: 'guide' },
      covers: ['003.edit-customer.6', '003.edit-customer.7'],
    },
    {
      // Seed 001's "Address 1, 2, 3" became seed 003's "Address Line 1/Line 2": we keep 003's two lines.
      id: 'details', kind: 'input', when: doIt, title: 'Customer details',
      text: 'Update the customer’s details as needed based on the information provided in the following table.',
      fields: contactFields,
      prefill: 'customerDetails',
      validate: 'customerDetails',
      covers: ['003.edit-customer.3', '003.edit-customer.4', '001.edit-customer.3', '001.edit-customer.4'],
    },
    {
      // Seed 001 called it "Customer Partner"; seed 003 "Partner Management".
      id: 'management', kind: 'input', when: doIt, title: 'Partner Management',
      text: 'Update the customer’s service and account management details as needed: Partner Management, the reseller that manages the customer account, if applicable.',
      fields: [{ name: 'resellerId', label: 'Partner Management', type: 'select', options: 'managingResellers', required: false }],
      prefill: 'partnerManagement',
      covers: ['003.edit-customer.6', '001.edit-customer.4'],
    },
    { id: 'review', kind: 'review', when: doIt, title: 'What changes', text: 'Read back what changes.', compute: 'customerChangesReview', covers: ['003.edit-customer.5', '003.edit-customer.7'] },
    consent('Shall I save your {review.confirms} now?'),
    {
      // The article saves each section on its own; the console sends one change with both,
      // so a second save can never be refused as stale by the first.
      id: 'save', kind: 'act', when: doIt, title: 'Save',
      text: 'Click Save.',
      button: 'Save', mutations: ['customer.updateDetails'], build: 'updateCustomerDetails',
      covers: ['003.edit-customer.5', '003.edit-customer.7', '001.edit-customer.5'],
    },
    { id: 'result', kind: 'result', title: 'Saved', text: 'The details are saved.', compute: 'detailsSaved', covers: [] },
  ],
};

const P2: Procedure = {
  code: 'P2',
  program: 'partner',
  title: 'Add a subscription',
  summary: 'Product, term and start date, CLM tier, products and quantities, renewal: Confirm & Purchase.',
  source: { seed, heading: 'Add a subscription', also: [{ seed: old, heading: 'Add a subscription' }] },
  roles: rolesFor('P2'),
  modes: bothModes,
  entryPoints: [fromCustomer],
  steps: [
    {
      id: 'why', kind: 'say', title: 'One subscription or several',
      text: 'You can add multiple subscriptions to a customer: useful to avoid a pro-rated charge for inventory added to a running subscription, or if some subscriptions should renew while others do not.',
      covers: ['003.add-subscription.note', '001.add-subscription.note'],
    },
    {
      id: 'open', kind: 'check', when: guide, title: 'Subscriptions tab, Add',
      text: 'Navigate to the Customers page. Locate the customer you want to add a service for, and click the customer’s name. Select the Subscriptions tab. Click Add.',
      covers: ['003.add-subscription.1', '003.add-subscription.2', '003.add-subscription.3', '003.add-subscription.4', '001.add-subscription.1', '001.add-subscription.2', '001.add-subscription.3', '001.add-subscription.4'],
    },
    {
      id: 'guide-product', kind: 'check', when: guide, title: 'Product (and ECA email), Next',
      text: 'Select the subscription. Select the product you want to add from the list. If required, provide the email address of a customer representative who can accept the Enterprise Certificate Agreement (ECA). Click Next.',
      covers: ['003.add-subscription.5', '003.add-subscription.6', '003.add-subscription.7', '003.add-subscription.8'],
    },
    {
      id: 'guide-term', kind: 'check', when: guide, title: 'Term and start date, Next',
      text: 'Set the subscription term: specify the term (duration), and optionally a start date. You may backdate the subscription start date by up to the length of the selected term minus one day from today; the cost is then prorated. Click Next.',
      covers: ['003.add-subscription.9', '003.add-subscription.10', '003.add-subscription.11', '003.add-subscription.12', '003.add-subscription.13'],
    },
    {
      id: 'guide-inventory', kind: 'check', when: guide, title: 'CLM tier and inventory, Next',
      text: 'Configure the product inventory: select the CLM tier, click Add Products & Services, select the product(s), click Apply, select the number of certificates for each added product. Click Next.',
      covers: ['003.add-subscription.14', '003.add-subscription.15', '003.add-subscription.16', '003.add-subscription.17', '003.add-subscription.18', '003.add-subscription.19', '003.add-subscription.20', '003.add-subscription.21'],
    },
    {
      id: 'guide-renewal', kind: 'check', when: guide, title: 'Renewal, Next',
      text: 'Set the renewal preferences: Auto-Renewal or One-Time Renewal. Auto-Renewal: The subscription will automatically renew at the end of the selected term. One-Time Renewal: The subscription will not automatically renew at the end of the selected term, but you will have the option to enable auto-renewal for the subscription before it expires. Click Next.',
      covers: ['003.add-subscription.22', '003.add-subscription.23', '003.add-subscription.auto', '003.add-subscription.one-time', '003.add-subscription.24'],
    },
    {
      id: 'guide-review', kind: 'check', when: guide, title: 'Review, Reference ID',
      text: 'Review the subscription details. (Optional) Add a Reference ID for your internal tracking. Click Back to make any necessary changes.',
      covers: ['003.add-subscription.25', '003.add-subscription.26', '003.add-subscription.27'],
    },
    {
      id: 'guide-purchase', kind: 'check', when: guide, title: 'Confirm & Purchase',
      text: 'Click Confirm & Purchase.',
      verify: { predicate: 'subscriptionAdded', auto: 'guide' },
      covers: ['003.add-subscription.28'],
    },
    {
      // Seed 001 selected "subscriptions" from a list; seed 003 selects one product per
      // subscription ("Select the subscription. Select the product ..."): we follow 003.
      id: 'product', kind: 'choose', when: doIt, as: 'productId', from: 'certificateProducts', multiple: false,
      title: 'Product',
      text: 'Select the subscription. Select the product you want to add from the list.',
      covers: ['003.add-subscription.4', '003.add-subscription.5', '003.add-subscription.6', '001.add-subscription.5'],
    },
    {
      id: 'eca', kind: 'input', when: doIt, title: 'ECA acceptor',
      text: 'If required, provide the email address of a customer representative who can accept the Enterprise Certificate Agreement (ECA). Click Next.',
      fields: [{ name: 'ecaEmail', label: 'ECA acceptor email', type: 'email', required: false, requiredIf: 'ecaRequired', help: 'Required for products issued under an Enterprise Certificate Agreement.' }],
      validate: 'ecaEmail',
      covers: ['003.add-subscription.7', '003.add-subscription.8'],
    },
    {
      id: 'term', kind: 'input', when: doIt, title: 'Subscription term',
      text: 'Set the subscription term. Specify the term (duration) of the subscription. (Optional) Select a start date for the subscription. Click Next.',
      fields: [
        { name: 'termMonths', label: 'Term', type: 'select', options: 'terms', required: true },
        {
          name: 'startDate', label: 'Start date (optional)', type: 'date', required: false,
          help: 'You may backdate the subscription start date by up to the length of the selected term minus one day from today. If an earlier start date is chosen, the subscription cost will be prorated accordingly.',
        },
      ],
      prefill: 'subscriptionTerm',
      validate: 'subscriptionTerm',
      covers: ['003.add-subscription.9', '003.add-subscription.10', '003.add-subscription.11', '003.add-subscription.12', '003.add-subscription.13'],
    },
    {
      id: 'clm', kind: 'input', when: doIt, title: 'CLM tier',
      text: 'Configure the product inventory. Select the CLM tier for the subscription: its CLM features apply to all certificates issued under the subscription (the plans and benefits are in each option).',
      fields: [{ name: 'clmTier', label: 'CLM tier', type: 'select', options: 'clmTiers', required: true }],
      covers: ['003.add-subscription.14', '003.add-subscription.15', '003.add-subscription.16'],
    },
    {
      id: 'products', kind: 'choose', when: doIt, as: 'itemIds', from: 'inventoryProducts', multiple: true,
      title: 'Products & Services',
      text: 'Click Add Products & Services. Select the product(s) you want to add to the subscription. Click Apply.',
      covers: ['003.add-subscription.17', '003.add-subscription.18', '003.add-subscription.19'],
    },
    {
      // The article asks for the ECA acceptor with the first product only, but a product added
      // here can require the ECA too: the email is asked now, where it becomes needed, rather
      // than the purchase being refused at Review.
      id: 'eca-added', kind: 'branch', when: doIt, as: 'ecaForAddedProducts', decide: { by: 'data', decider: 'ecaForAddedProducts' },
      title: 'ECA for the added products',
      text: 'If an added product requires it, provide the email address of a customer representative who can accept the Enterprise Certificate Agreement (ECA).',
      arms: [{ id: 'ask', label: 'ECA acceptor email needed' }, { id: 'not-needed', label: 'No ECA acceptor email needed' }],
      covers: ['003.add-subscription.7'],
    },
    {
      id: 'eca-added-email', kind: 'input', when: all(doIt, arm('ecaForAddedProducts', 'ask')), title: 'ECA acceptor',
      text: 'If required, provide the email address of a customer representative who can accept the Enterprise Certificate Agreement (ECA).',
      talk: ['One of the products we are adding requires an Enterprise Certificate Agreement. What is the email address of the person at your company who can accept it?'],
      fields: [{ name: 'ecaEmail', label: 'ECA acceptor email', type: 'email', required: true, help: 'An added product is issued under an Enterprise Certificate Agreement.' }],
      validate: 'ecaEmailForAddedProducts',
      covers: ['003.add-subscription.7'],
    },
    {
      // Seed 001: "for each certificate type"; seed 003: "for each added product".
      id: 'quantities', kind: 'input', when: doIt, title: 'Inventory',
      text: 'Select the number of certificates (inventory) you want for each added product. Click Next.',
      fields: [{ name: 'quantities', label: 'Certificates', type: 'quantities', lines: 'addSubscriptionLines', required: true }],
      validate: 'addSubscriptionQuantities',
      covers: ['003.add-subscription.20', '003.add-subscription.21', '001.add-subscription.8', '001.add-subscription.9'],
    },
    {
      // Seed 001's optional "Automatically renew subscriptions" box is seed 003's choice
      // between Auto-Renewal and One-Time Renewal; 001's "Click Add" ends that page.
      id: 'renewal', kind: 'input', when: doIt, title: 'Renewal',
      text: 'Set the renewal preferences. Select the renewal term for the subscription. Auto-Renewal: The subscription will automatically renew at the end of the selected term. One-Time Renewal: The subscription will not automatically renew at the end of the selected term, but you will have the option to enable auto-renewal for the subscription before it expires. Click Next.',
      fields: [{ name: 'renewal', label: 'Renewal', type: 'select', options: 'renewalOptions', required: true }],
      covers: ['003.add-subscription.22', '003.add-subscription.23', '003.add-subscription.auto', '003.add-subscription.one-time', '003.add-subscription.24', '001.add-subscription.6', '001.add-subscription.7'],
    },
    {
      id: 'reference', kind: 'input', when: doIt, title: 'Reference ID',
      text: 'Review the subscription details. (Optional) Add a Reference ID for your internal tracking.',
      fields: [{ name: 'referenceId', label: 'Reference ID (optional)', type: 'text', required: false }],
      covers: ['003.add-subscription.25', '003.add-subscription.26'],
    },
    {
      id: 'review', kind: 'review', when: doIt, title: 'Review',
      text: 'Review the subscription details, and click Back to make any necessary changes.',
      compute: 'addSubscriptionReview',
      covers: ['003.add-subscription.27', '001.add-subscription.10'],
    },
    consent('Shall I purchase {review.confirms} now?'),
    {
      id: 'purchase', kind: 'act', when: doIt, title: 'Confirm & Purchase',
      text: 'Click Confirm & Purchase.',
      button: 'Confirm & Purchase', mutations: ['subscription.add'], build: 'addSubscription',
      covers: ['003.add-subscription.28', '001.add-subscription.10'],
    },
    { id: 'result', kind: 'result', title: 'Subscription added', text: 'Tell the customer the term and the charge.', compute: 'addSubscriptionResult', covers: [] },
  ],
};

const current = arm('target', 'current');
const renewal = arm('target', 'renewal');

const P3: Procedure = {
  code: 'P3',
  program: 'partner',
  title: 'Manage inventory',
  summary: 'Current inventory (now, prorated on the next invoice) or renewal inventory (at renewal; products may be removed).',
  source: { seed, heading: 'Manage inventory', also: [{ seed: old, heading: 'Manage inventory' }] },
  roles: rolesFor('P3'),
  modes: bothModes,
  entryPoints: [fromCustomer],
  steps: [
    {
      id: 'open', kind: 'check', when: guide, title: 'Subscriptions tab',
      text: 'Navigate to the Customers page. Locate the customer you want to manage the inventory for, and click the customer’s name. Select the Subscriptions tab.',
      covers: [
        '003.inventory-current.1', '003.inventory-current.2', '003.inventory-current.3',
        '003.inventory-renewal.1', '003.inventory-renewal.2', '003.inventory-renewal.3',
        '001.inventory-first.1', '001.inventory-first.2', '001.inventory-first.3',
        '001.inventory-second.1', '001.inventory-second.2', '001.inventory-second.3',
      ],
    },
    {
      id: 'subscription', kind: 'choose', as: 'subscriptionId', from: 'partnerSubscriptionsForInventory', multiple: false,
      title: 'Subscription',
      text: 'Locate the subscription you want to manage, and click the subscription’s name.',
      covers: ['003.inventory-current.4', '003.inventory-renewal.4', '001.inventory-first.4', '001.inventory-second.4'],
    },
    {
      // Seed 001 lists the same steps twice without saying which is which; read as the
      // current inventory first and the renewal inventory second, like seed 003.
      id: 'target', kind: 'branch', as: 'target', decide: { by: 'answer' },
      title: 'Which inventory',
      text: 'Inventory: available for immediate use under the subscription, a pro-rated charge in the next invoice. Renewal Inventory: available for use when the subscription is renewed.',
      talk: ['Do you want the certificates now, charged pro rata on your next invoice, or from the renewal on?'],
      arms: [{ id: 'current', label: 'Inventory (now, prorated)' }, { id: 'renewal', label: 'Renewal Inventory (at renewal)' }],
      covers: ['003.inventory.current', '003.inventory.renewal', '001.inventory.current', '001.inventory.renewal'],
    },
    {
      id: 'open-current', kind: 'check', when: all(guide, current), title: 'Add Products & Services',
      text: 'On the Subscription Details page, click Add Products & Services. Update the subscription inventory: add new products (Add Products & Services, select the product(s), Apply) and select the number of certificates for each product. Click Next.',
      covers: ['003.inventory-current.5', '003.inventory-current.6', '003.inventory-current.7', '003.inventory-current.8', '003.inventory-current.9', '003.inventory-current.10', '003.inventory-current.11', '003.inventory-current.12', '001.inventory-first.5', '001.inventory-first.6', '001.inventory-first.7'],
    },
    {
      // The article's control for the renewal inventory lost its name ("click ."): we say what it does.
      id: 'open-renewal', kind: 'check', when: all(guide, renewal), title: 'Renewal inventory',
      text: 'On the Subscription Details page, click the renewal inventory control. Update the subscription renewal inventory: add new products (Add Products & Services, select the product(s), Apply), select the number of certificates for each product, and remove any products you do not want to renew with the subscription. Click Next.',
      covers: ['003.inventory-renewal.5', '003.inventory-renewal.6', '003.inventory-renewal.7', '003.inventory-renewal.8', '003.inventory-renewal.9', '003.inventory-renewal.10', '003.inventory-renewal.11', '003.inventory-renewal.12', '003.inventory-renewal.13', '001.inventory-second.5', '001.inventory-second.6', '001.inventory-second.7'],
    },
    {
      id: 'guide-review', kind: 'check', when: guide, title: 'Review, Reference ID',
      text: 'Review the subscription details. (Optional) Add a Reference ID for your internal tracking. Use the Back button to make any necessary changes.',
      covers: ['003.inventory-current.13', '003.inventory-current.14', '003.inventory-current.15', '003.inventory-renewal.14', '003.inventory-renewal.15', '003.inventory-renewal.16', '001.inventory-first.8', '001.inventory-second.8'],
    },
    {
      id: 'guide-purchase', kind: 'check', when: guide, title: 'Confirm & Purchase',
      text: 'Click Confirm & Purchase.',
      verify: { predicate: 'inventoryChanged', auto: 'guide' },
      covers: ['003.inventory-current.16', '003.inventory-renewal.17'],
    },
    {
      id: 'new-products', kind: 'choose', when: doIt, as: 'newProductIds', from: 'newInventoryProducts', multiple: true, optional: true,
      title: 'Add new products',
      text: 'Add new products: click Add Products & Services, select the product(s) you want to add to the subscription, click Apply. (None, to change only quantities.)',
      covers: ['003.inventory-current.5', '003.inventory-current.6', '003.inventory-current.7', '003.inventory-current.8', '003.inventory-current.9', '003.inventory-current.10', '003.inventory-renewal.5', '003.inventory-renewal.6', '003.inventory-renewal.7', '003.inventory-renewal.8', '003.inventory-renewal.9', '003.inventory-renewal.10', '001.inventory-first.5', '001.inventory-second.5'],
    },
    {
      id: 'quantities', kind: 'input', when: all(doIt, current), title: 'Inventory',
      text: 'Select the number of certificates (inventory) you want for each product. Click Next.',
      fields: [{ name: 'quantities', label: 'Certificates', type: 'quantities', lines: 'inventoryLines', required: true }],
      prefill: 'inventoryBase',
      validate: 'inventoryQuantities',
      covers: ['003.inventory-current.11', '003.inventory-current.12', '001.inventory-first.6', '001.inventory-first.7'],
    },
    {
      id: 'renewal-quantities', kind: 'input', when: all(doIt, renewal), title: 'Renewal inventory',
      text: 'Select the number of certificates (inventory) you want for each product. Remove any products you do not want to renew with the subscription (0 removes it). Click Next.',
      fields: [{ name: 'quantities', label: 'Certificates at renewal', type: 'quantities', lines: 'inventoryLines', required: true }],
      prefill: 'inventoryBase',
      validate: 'inventoryQuantities',
      covers: ['003.inventory-renewal.11', '003.inventory-renewal.12', '003.inventory-renewal.13', '001.inventory-second.6', '001.inventory-second.7'],
    },
    {
      id: 'reference', kind: 'input', when: doIt, title: 'Reference ID',
      text: 'Review the subscription details. (Optional) Add a Reference ID for your internal tracking.',
      fields: [{ name: 'referenceId', label: 'Reference ID (optional)', type: 'text', required: false }],
      covers: ['003.inventory-current.13', '003.inventory-current.14', '003.inventory-renewal.14', '003.inventory-renewal.15'],
    },
    {
      id: 'review', kind: 'review', when: doIt, title: 'Review',
      text: 'Review the subscription details, and use the Back button to make any necessary changes.',
      compute: 'inventoryReview',
      covers: ['003.inventory-current.15', '003.inventory-renewal.16', '001.inventory-first.8', '001.inventory-second.8'],
    },
    consent('Shall I update the inventory: {review.confirms}?'),
    {
      id: 'purchase', kind: 'act', when: doIt, title: 'Confirm & Purchase',
      text: 'Click Confirm & Purchase.',
      button: 'Confirm & Purchase', mutations: ['subscription.updateInventory'], build: 'updateInventory',
      covers: ['003.inventory-current.16', '003.inventory-renewal.17', '001.inventory-first.8', '001.inventory-second.8'],
    },
    { id: 'result', kind: 'result', title: 'Inventory updated', text: 'Tell the customer what is charged and when.', compute: 'inventoryResult', covers: [] },
  ],
};

const suspend = arm('statusAction', 'suspend');
const enable = arm('statusAction', 'enable');

const P4: Procedure = {
  code: 'P4',
  program: 'partner',
  title: 'Suspend or enable a subscription',
  summary: 'Suspend an active subscription, or enable a suspended one again.',
  source: { seed, heading: 'Suspend a subscription', also: [{ seed: old, heading: 'Suspend a subscription' }] },
  roles: rolesFor('P4'),
  modes: bothModes,
  entryPoints: [fromCustomer],
  steps: [
    {
      // The article says "cancel" under the heading "Suspend a subscription" and ends with
      // "Click Confirm to suspend the service": read as suspend throughout.
      id: 'open', kind: 'check', when: guide, title: 'Subscriptions tab',
      text: 'Navigate to the Customers page. Locate the customer you want to suspend a subscription for, and click the customer’s name. Select the Subscriptions tab.',
      covers: ['003.suspend.1', '003.suspend.2', '003.suspend.3', '001.suspend.1', '001.suspend.2', '001.suspend.3'],
    },
    {
      id: 'subscription', kind: 'choose', as: 'subscriptionId', from: 'partnerSubscriptionsForStatus', multiple: false,
      title: 'Subscription',
      text: 'Locate the subscription you want to suspend (or enable), and click the subscription’s name.',
      covers: ['003.suspend.4', '001.suspend.4'],
    },
    {
      id: 'action', kind: 'branch', as: 'statusAction', decide: { by: 'data', decider: 'subscriptionStatusAction' },
      title: 'Suspend or Enable',
      text: 'An active subscription is suspended; a suspended one can be reactivated by following the same steps and clicking Enable.',
      arms: [{ id: 'suspend', label: 'Suspend' }, { id: 'enable', label: 'Enable' }],
      covers: ['003.suspend.note', '001.suspend.note'],
    },
    {
      // The control's name is missing in both releases ("click ."): we say what it does.
      id: 'click-suspend', kind: 'check', when: all(guide, suspend), title: 'Suspend',
      text: 'On the Subscriptions Details page, click the suspend control. Click Confirm to suspend the service.',
      verify: { predicate: 'subscriptionStatusChanged', auto: 'guide' },
      covers: ['003.suspend.5', '003.suspend.6', '001.suspend.5', '001.suspend.6'],
    },
    {
      id: 'click-enable', kind: 'check', when: all(guide, enable), title: 'Enable',
      text: 'On the Subscriptions Details page, follow the same steps and click Enable.',
      verify: { predicate: 'subscriptionStatusChanged', auto: 'guide' },
      covers: ['003.suspend.note', '001.suspend.note'],
    },
    {
      id: 'confirm-suspend', kind: 'confirm', when: all(doIt, suspend), title: 'Confirm',
      text: 'Click Confirm to suspend the service (with the customer’s consent).',
      talk: ['Shall I suspend {chosen.subscriptionId} now?'],
      button: 'Confirm',
      covers: ['003.suspend.5', '003.suspend.6', '001.suspend.5', '001.suspend.6'],
    },
    {
      id: 'confirm-enable', kind: 'confirm', when: all(doIt, enable), title: 'Enable',
      text: 'Click Enable to reactivate the subscription (with the customer’s consent).',
      talk: ['Shall I enable {chosen.subscriptionId} again now?'],
      button: 'Enable',
      covers: ['003.suspend.note', '001.suspend.note'],
    },
    {
      id: 'set-status', kind: 'act', when: doIt, title: 'Apply',
      text: 'The console suspends or enables the subscription.',
      button: 'Apply', mutations: ['subscription.setStatus'], build: 'setSubscriptionStatus',
      covers: ['003.suspend.6', '001.suspend.6'],
    },
    { id: 'result', kind: 'result', title: 'Done', text: 'Tell the customer the subscription’s status.', compute: 'statusResult', covers: [] },
  ],
};

const P5: Procedure = {
  code: 'P5',
  program: 'partner',
  title: 'Apply a refund',
  summary: 'Refund certificates of transactions made within the last 30 days.',
  source: { seed, heading: 'Apply a refund' },
  roles: rolesFor('P5'),
  modes: bothModes,
  entryPoints: [fromCustomer],
  steps: [
    {
      id: 'window', kind: 'say', title: 'Last 30 days only',
      text: 'Refunds can only be processed through the UI for transactions made within the last 30 days. If you have needs outside of this functionality, please contact Sectigo for assistance.',
      covers: ['003.refund.note'],
    },
    {
      id: 'open', kind: 'check', when: guide, title: 'Transactions & Refunds',
      text: 'Navigate to the Customers page. Locate the customer you want to issue a refund for, and click the customer’s name. Select the Transactions & Refunds tab.',
      covers: ['003.refund.1', '003.refund.2', '003.refund.3'],
    },
    {
      id: 'transactions', kind: 'choose', as: 'transactionIds', from: 'refundableTransactions', multiple: true,
      title: 'Transactions',
      text: 'Select the transaction(s) you want to refund, and click Process Refund.',
      covers: ['003.refund.4'],
    },
    {
      id: 'guide-quantities', kind: 'check', when: guide, title: 'Confirm Refund Details',
      text: 'In the Confirm Refund Details dialog, update the number of certificates to refund for each selected certificate order. Click Process Refund.',
      verify: { predicate: 'refundRecorded', auto: 'guide' },
      covers: ['003.refund.5', '003.refund.6'],
    },
    {
      id: 'quantities', kind: 'input', when: doIt, title: 'Confirm Refund Details',
      text: 'In the Confirm Refund Details dialog, update the number of certificates to refund for each selected certificate order.',
      fields: [{ name: 'quantities', label: 'Certificates to refund', type: 'quantities', lines: 'refundLines', required: true }],
      validate: 'refundQuantities',
      covers: ['003.refund.5'],
    },
    { id: 'review', kind: 'review', when: doIt, title: 'Refund amounts', text: 'Read back what is refunded.', compute: 'refundReview', covers: ['003.refund.5'] },
    consent('Refund {review.confirms}?'),
    {
      id: 'process', kind: 'act', when: doIt, title: 'Process Refund',
      text: 'Click Process Refund.',
      button: 'Process Refund', mutations: ['refund.process'], build: 'processRefunds',
      covers: ['003.refund.6'],
    },
    { id: 'result', kind: 'result', title: 'Refund applied', text: 'Tell the customer where the refund shows.', compute: 'refundResult', covers: ['003.refund.outcome'] },
  ],
};

const P6: Procedure = {
  code: 'P6',
  program: 'partner',
  title: "Edit a reseller's details",
  summary: "The same fields as a customer's details.",
  source: { seed: old, heading: 'Edit a reseller’s details' },
  roles: rolesFor('P6'),
  modes: bothModes,
  entryPoints: [fromCustomer],
  steps: [
    {
      id: 'open', kind: 'check', when: guide, title: 'Resellers tab',
      text: 'Navigate to the Customers page. Select the Resellers tab.',
      covers: ['001.edit-reseller.1', '001.edit-reseller.2'],
    },
    {
      id: 'reseller', kind: 'choose', as: 'resellerId', from: 'partnerResellers', multiple: false,
      title: 'Reseller',
      text: 'Locate the reseller you want to edit, and click the reseller’s name.',
      covers: ['001.edit-reseller.3'],
    },
    {
      // The edit control's name is missing ("click ."); the field table is an unresolved
      // include of the customer page's: read as the same fields as a customer's (SPEC P6).
      id: 'edit-icon', kind: 'check', when: guide, title: 'Details tab, edit',
      text: 'Select the Details tab, and in the Reseller Details panel, click the edit icon.',
      covers: ['001.edit-reseller.4'],
    },
    {
      id: 'update', kind: 'check', when: guide, title: 'Update, Save',
      text: 'Update the reseller’s details as needed (the same fields as a customer’s). Click Save.',
      verify: { predicate: 'resellerChanged', auto: 'guide' },
      covers: ['001.edit-reseller.5', '001.edit-reseller.6'],
    },
    {
      id: 'details', kind: 'input', when: doIt, title: 'Reseller details',
      text: 'Update the reseller’s details as needed based on the information provided in the following table.',
      fields: contactFields,
      prefill: 'resellerDetails',
      validate: 'resellerDetails',
      covers: ['001.edit-reseller.4', '001.edit-reseller.5'],
    },
    { id: 'review', kind: 'review', when: doIt, title: 'What changes', text: 'Read back what changes.', compute: 'resellerChangesReview', covers: ['001.edit-reseller.6'] },
    consent('Shall I save the reseller’s {review.confirms} now?'),
    {
      id: 'save', kind: 'act', when: doIt, title: 'Save',
      text: 'Click Save.',
      button: 'Save', mutations: ['reseller.updateDetails'], build: 'updateResellerDetails',
      covers: ['001.edit-reseller.6'],
    },
    { id: 'result', kind: 'result', title: 'Saved', text: 'The details are saved.', compute: 'detailsSaved', covers: [] },
  ],
};

const disable = arm('resellerAction', 'disable');
const reenable = arm('resellerAction', 'enable');

const P7: Procedure = {
  code: 'P7',
  program: 'partner',
  title: 'Disable or enable a reseller',
  summary: 'Disable a reseller (a supervisor), or enable a disabled one again.',
  source: { seed: old, heading: 'Disable a reseller' },
  roles: rolesFor('P7'),
  modes: bothModes,
  entryPoints: [fromCustomer],
  steps: [
    {
      id: 'open', kind: 'check', when: guide, title: 'Resellers tab',
      text: 'Navigate to the Customers page. Select the Resellers tab.',
      covers: ['001.disable-reseller.1', '001.disable-reseller.2'],
    },
    {
      id: 'reseller', kind: 'choose', as: 'resellerId', from: 'partnerResellers', multiple: false,
      title: 'Reseller',
      text: 'Locate the reseller you want to disable (or enable), and click the reseller’s name.',
      covers: ['001.disable-reseller.3'],
    },
    {
      // Disabling needs a supervisor (SPEC §7); enabling does not (the domain's role policy).
      id: 'action', kind: 'branch', as: 'resellerAction', decide: { by: 'data', decider: 'resellerStatusAction' },
      title: 'Disable or Enable',
      text: 'An enabled reseller is disabled; disabled resellers can be reactivated at any time by following the same steps and clicking Enable.',
      arms: [{ id: 'disable', label: 'Disable', variant: 'disable' }, { id: 'enable', label: 'Enable' }],
      covers: ['001.disable-reseller.note'],
    },
    {
      id: 'click-disable', kind: 'check', when: all(guide, disable), title: 'Disable, Yes',
      text: 'Select the Details tab, and in the Reseller Details panel, click the disable control. Click Yes to confirm disabling the reseller.',
      verify: { predicate: 'resellerStatusChanged', auto: 'guide' },
      covers: ['001.disable-reseller.4', '001.disable-reseller.5'],
    },
    {
      id: 'click-enable', kind: 'check', when: all(guide, reenable), title: 'Enable',
      text: 'Select the Details tab, and in the Reseller Details panel, follow the same steps and click Enable.',
      verify: { predicate: 'resellerStatusChanged', auto: 'guide' },
      covers: ['001.disable-reseller.note'],
    },
    {
      id: 'confirm-disable', kind: 'confirm', when: all(doIt, disable), title: 'Yes',
      text: 'Select the Details tab, and in the Reseller Details panel, click the disable control. Click Yes to confirm disabling the reseller.',
      talk: ['Shall I disable {chosen.resellerId} now?'],
      button: 'Yes',
      covers: ['001.disable-reseller.4', '001.disable-reseller.5'],
    },
    {
      id: 'confirm-enable', kind: 'confirm', when: all(doIt, reenable), title: 'Enable',
      text: 'Follow the same steps and click Enable.',
      talk: ['Shall I enable {chosen.resellerId} again now?'],
      button: 'Enable',
      covers: ['001.disable-reseller.note'],
    },
    {
      id: 'set-status', kind: 'act', when: doIt, title: 'Apply',
      text: 'The console disables or enables the reseller.',
      button: 'Apply', mutations: ['reseller.setStatus'], build: 'setResellerStatus',
      covers: ['001.disable-reseller.5'],
    },
    { id: 'result', kind: 'result', title: 'Done', text: 'Say what changed.', compute: 'resellerStatusResult', covers: [] },
  ],
};

export const partnerProcedures: readonly Procedure[] = [P1, P2, P3, P4, P5, P6, P7, P8];
