// Every step of every seed article, quoted, so the traceability table can show which
// procedure step covers each one. Quotes are verbatim (whitespace aside): the
// traceability script and its test check them against the copy of the articles in seeds/.
// Where a bullet lost its icon name in the article ("click ."), the quote keeps what is left.

export const seedFiles = {
  techsolutions: '000_b34a59af52ba313d.txt',
  partnerOld: '001_4f13cef0841d3376.txt',
  hosting: '002_2322596eb1009e31.txt',
  partner: '003_677711cf7bb83f38.txt',
  member: '004_57b1e3e90702e9eb.txt',
} as const;

export type ArticleStep = Readonly<{ id: string; seed: string; heading: string; quote: string }>;

const signIn =
  'Confirm that the customer is signed into their account by checking the account dropdown on the upper right corner. Have them sign in if they are not.';

function article(seed: string, prefix: string, heading: string, quotes: readonly (string | readonly [string, string])[]): ArticleStep[] {
  let n = 0;
  return quotes.map((q) => {
    const [suffix, quote] = typeof q === 'string' ? [String(++n), q] : q;
    return { id: `${prefix}.${suffix}`, seed, heading, quote };
  });
}

const navigate = 'Navigate to the Customers page.';
const subscriptionsTab = 'Select the Subscriptions tab.';

const ts = seedFiles.techsolutions;
const techSolutions = [
  ...article(ts, '000.billing', 'How to Update Customer Billing Information', [
    signIn,
    'Under Services and Billing, billing history will be listed. Click on Details.',
    "The customer's subscription information is displayed. Credit card information can be changed here. Click on Save Billing Info to commit changes.",
  ]),
  ...article(ts, '000.plan', "How to Change Customer's Subscription Type", [
    signIn,
    'Under Services and Billing, the subscription type will be listed. Click on Details.',
    "The customer's current plan is displayed. To change between an annual or monthly plan, click on Change Plan.",
    'Information for the Annual Plan is displayed. Click on Switch to Plan to continue. The site will pop a confirmation window. Click on OK to confirm.',
  ]),
  ...article(ts, '000.sas', 'How to Generate/Find an SAS Key', [
    signIn,
    "Under Bundled Software, you'll find SUPERAntiSpyware. Click on Details and then Generate (for a new subscriber), or, Find Code to retrieve a code.",
  ]),
  ...article(ts, '000.cancel', 'How to Cancel a Subscription (Turn Off Auto-Renewal)', [
    signIn,
    'Under Services and Billing, the subscription type will be listed. Click on Details.',
    "The customer's current plan is displayed. To change between an annual or monthly plan, click on Cancel.",
  ]),
  ...article(ts, '000.callback', 'How to Schedule a Call Back', [
    signIn,
    'Click on Get Tech Support | 1-833-2020-2695',
    'Click Schedule a callback',
    'Fill out the required info and click Schedule. The customer will get a confirmation of their callback.',
  ]),
];

const p1 = seedFiles.partnerOld;
const partnerOld = [
  ...article(p1, '001.edit-customer', 'Edit a customer’s details', [
    navigate,
    'Locate the customer you want to edit, and click the customer’s name.',
    'Select the Details tab, and in the Details panel, click Edit Details.',
    'Update the customer’s details as needed based on the information provided in the following table.',
    'Click Save.',
  ]),
  ...article(p1, '001.add-subscription', 'Add a subscription', [
    [
      'note',
      'You can add multiple subscriptions to a customer. This can be useful if you want to avoid charging the customer a pro-rated amount for services by updating their current inventory, or if you want some subscriptions to renew and others to not renew.',
    ],
    navigate,
    'Locate the customer you want to add a service for, and click the customer’s name.',
    subscriptionsTab,
    'Click',
    'Select the subscriptions you want to add from the list.',
    '(Optional) Select Automatically renew subscriptions to enable automatic renewal for the selected subscriptions.',
    'Click Add.',
    'Select the number of certificates (inventory) you want to add for each certificate type.',
    'Click Continue.',
    'Review the subscription details, and click Confirm.',
  ]),
  ...article(p1, '001.inventory', 'Manage inventory', [
    [
      'current',
      'Current Inventory — This is the inventory available for immediate use under the subscription and will result in a pro-rated charge in the next invoice.',
    ],
    ['renewal', 'Renewal Inventory — This is the inventory that will be available for use when the subscription is renewed.'],
  ]),
  ...(['first', 'second'] as const).flatMap((which) =>
    article(p1, `001.inventory-${which}`, `Manage inventory (${which} procedure)`, [
      navigate,
      'Locate the customer you want to manage the inventory for, and click the customer’s name.',
      subscriptionsTab,
      'Locate the subscription you want to manage, and click the subscription’s name.',
      'In the Subscription Details panel, click',
      'Select the number of certificates (inventory) you want to add for each certificate type.',
      'Click Continue.',
      'Review the subscription details, and click Confirm.',
    ]),
  ),
  ...article(p1, '001.suspend', 'Suspend a subscription', [
    navigate,
    'Locate the customer you want to cancel a subscription for, and click the customer’s name.',
    subscriptionsTab,
    'Locate the subscription you want to cancel, and click the subscription’s name.',
    'In the Subscriptions Details panel, click',
    'Click Confirm to suspend the service.',
    ['note', 'Suspended services can be reactivated at any time by following the same steps and clicking Enable.'],
  ]),
  ...article(p1, '001.edit-reseller', 'Edit a reseller’s details', [
    navigate,
    'Select the Resellers tab.',
    'Locate the reseller you want to edit, and click the reseller’s name.',
    'Select the Details tab, and in the Reseller Details panel, click',
    'Update the reseller’s details as needed based on the information provided in the following table.',
    'Click Save.',
  ]),
  ...article(p1, '001.disable-reseller', 'Disable a reseller', [
    navigate,
    'Select the Resellers tab.',
    'Locate the reseller you want to disable, and click the reseller’s name.',
    'Select the Details tab, and in the Reseller Details panel, click',
    'Click Yes to confirm disabling the reseller.',
    ['note', 'Disabled resellers can be reactivated at any time by following the same steps and clicking Enable.'],
  ]),
];

const h = seedFiles.hosting;
const hosting = [
  ...article(h, '002.intro', 'Adding an Acronis product to a customer', [
    'After setting the prices, you can add a license to your customer. This can be done from the Customer details page, or the Acronis overview.',
  ]),
  ...article(h, '002.option1', 'Option 1', [
    'Log in to your Reseller Area',
    'Click on ‘Customers’ and find the customer you want to add the plan to. Click on ‘details’ and you will be guided to the customer details page',
    'Here you can click on the blue ‘Customer actions’ button and click on ‘Add product’',
    'You will now be guided through five steps. First, choose the customer you wish to add the product to. If it is already filled in, click ‘Next’',
    'Choose the plan you want to add and click ‘Next’',
    'Step 3 is to choose the interval you want to add the plan for and click ‘Next’',
    'Now, you have to fill in a reference for your customer to recognize the product with and you can fill in details if you want. Click ‘Next’ when you’re done',
    'Step 5 is confirming the product that you want to add. If all the details are correct, click on ‘Create’',
  ]),
  ...article(h, '002.option2', 'Option 2', [
    'Log in to the reseller area',
    'Click on ‘Customers’',
    'Click on ‘details’ button behind the customer you would like to manually add the Acronis plan to',
    'Click on the blue ‘actions’ button and click on ‘Add product’',
    'Check if the details of the customer are right and click ‘next’',
    'Select the Acronis plan you would like to provide to this customer and click ‘next’',
    'Select the interval for which you would like to provide this Acronis plan',
    'Fill in the product-specific information visible in the reseller and customer area and click ‘next’. Click ‘create’ to add the product.',
  ]),
  ...article(h, '002.outcome', 'Adding an Acronis product to a customer', [
    'You have now added the product to the customer. The account will be available within a maximum of four hours during business days.',
    'The customer will receive an email with further instructions to activate his license and a guide with information about how to get started.',
  ]),
];

const p3 = seedFiles.partner;
const renewalTail = (purposes: boolean) => [
  'Review the subscription details.',
  `(Optional) Add a Reference ID for your internal tracking${purposes ? ' purposes' : ''}.`,
];
const partner = [
  ...article(p3, '003.edit-customer', 'Edit a customer’s details', [
    navigate,
    'Locate the customer you want to edit, and click the customer’s name.',
    'Select the Details tab, click the Edit icon beside the section you want to update.',
    'Update the customer’s details as needed based on the information provided in the following table.',
    'Click Save.',
    'Update the customer’s service and account management details as needed based on the information provided in the following table.',
    'Click Save.',
  ]),
  ...article(p3, '003.add-subscription', 'Add a subscription', [
    [
      'note',
      'You can add multiple subscriptions to a customer. This can be useful if you want to avoid charging the customer a pro-rated amount for services by updating their inventory, or If you want some subscriptions to renew while others do not.',
    ],
    navigate,
    'Locate the customer you want to add a service for, and click the customer’s name.',
    subscriptionsTab,
    'Click Add.',
    'Select the subscription.',
    'Select the product you want to add from the list.',
    'If required, provide the email address of a customer representative who can accept the Enterprise Certificate Agreement (ECA).',
    'Click Next.',
    'Set the subscription term.',
    'Specify the term (duration) of the subscription.',
    '(Optional) Select a start date for the subscription.',
    'You may backdate the subscription start date by up to the length of the selected term minus one day from today. If an earlier start date is chosen, the subscription cost will be prorated accordingly.',
    'Click Next.',
    'Configure the product inventory.',
    'Select the CLM tier for the subscription.',
    'Selecting a CLM tier will apply the associated CLM features to all certificates issued under the subscription. For more information on CLM tiers and features, select one of the three CLM tiers, and click View Plans & Benefits.',
    'Click Add Products & Services.',
    'Select the product(s) you want to add to the subscription.',
    'Click Apply.',
    'Select the number of certificates (inventory) you want for each added product.',
    'Click Next.',
    'Set the renewal preferences.',
    'Select the renewal term for the subscription based on the information provided in the following table.',
    // The table's two options; One-Time Renewal's "option to enable auto-renewal" is P8.
    ['auto', 'The subscription will automatically renew at the end of the selected term.'],
    [
      'one-time',
      'The subscription will not automatically renew at the end of the selected term, but you will have the option to enable auto-renewal for the subscription before it expires.',
    ],
    'Click Next.',
    'Review the subscription details.',
    '(Optional) Add a Reference ID for your internal tracking.',
    'Review the subscription details, and click Back to make any necessary changes.',
    'Click Confirm & Purchase.',
  ]),
  ...article(p3, '003.inventory', 'Manage inventory', [
    [
      'current',
      'Inventory — This is the inventory available for immediate use under the subscription and will result in a pro-rated charge in the next invoice.',
    ],
    ['renewal', 'Renewal Inventory — This is the inventory that will be available for use when the subscription is renewed.'],
  ]),
  ...article(p3, '003.inventory-current', 'Manage inventory (inventory)', [
    navigate,
    'Locate the customer you want to manage the inventory for, and click the customer’s name.',
    subscriptionsTab,
    'Locate the subscription you want to manage, and click the subscription’s name.',
    'On the Subscription Details page, click Add Products & Services.',
    'Update the subscription inventory.',
    'Add new products.',
    'Click Add Products & Services.',
    'Select the product(s) you want to add to the subscription.',
    'Click Apply.',
    'Select the number of certificates (inventory) you want for each product.',
    'Click Next.',
    ...renewalTail(false),
    'Review the subscription details, and use the Back button to make any necessary changes.',
    'Click Confirm & Purchase.',
  ]),
  ...article(p3, '003.inventory-renewal', 'Manage inventory (renewal inventory)', [
    navigate,
    'Locate the customer you want to manage the inventory for, and click the customer’s name.',
    subscriptionsTab,
    'Locate the subscription you want to manage, and click the subscription’s name.',
    'On the Subscription Details page, click .',
    'Update the subscription renewal inventory.',
    'Add new products.',
    'Click Add Products & Services',
    'Select the product(s) you want to add to the subscription.',
    'Click Apply.',
    'Select the number of certificates (inventory) you want for each product.',
    'Remove any products you do not want to renew with the subscription.',
    'Click Next.',
    ...renewalTail(true),
    'Review the subscription details, and click Back to make any necessary changes.',
    'Click Confirm & Purchase.',
  ]),
  ...article(p3, '003.suspend', 'Suspend a subscription', [
    navigate,
    'Locate the customer you want to cancel a subscription for, and click the customer’s name.',
    subscriptionsTab,
    'Locate the subscription you want to cancel, and click the subscription’s name.',
    'On the Subscriptions Details page, click .',
    'Click Confirm to suspend the service.',
    ['note', 'Suspended subscriptions can be reactivated at any time by following the same steps and clicking Enable.'],
  ]),
  ...article(p3, '003.refund', 'Apply a refund', [
    [
      'note',
      'Refunds can only be processed through the UI for transactions made within the last 30 days. If you have needs outside of this functionality, please contact Sectigo for assistance.',
    ],
    navigate,
    'Locate the customer you want to issue a refund for, and click the customer’s name.',
    'Select the Transactions & Refunds tab.',
    'Select the transaction(s) you want to refund, and click Process Refund.',
    'In the Confirm Refund Details dialog, update the number of certificates to refund for each selected certificate order.',
    'Click Process Refund.',
    [
      'outcome',
      'Once applied, the refund is visible on the Transaction & Refunds page, as well as in invoices, and in transaction reports for the associated customer.',
    ],
  ]),
];

const m = seedFiles.member;
/** Seed 004 has no headings; ours name its parts. Matrix rows are quoted by their label. */
const member = [
  ...article(m, '004.accounts', 'Staff portal accounts', [
    'All staff should have an account into the member support portal. There is no additional cost for online portal accounts.',
    'Members with Primary or Manager permission levels may send a request to add staff. Provide the full name, email address and permission level.',
    "They'll be added and sent an activation email to create a password to login online. Staff members should never share logins.",
    'An email with a password request will be sent. Without a password you are unable to access Installation and Update documents or your Profile page with your discount codes for free or discounted live sessions. The forgot password will not work if a password has not been created.',
    'We recommend that your company have more than one Primary portal member.',
  ]),
  ...article(m, '004.levels', 'Permission Levels', [
    ['intro', 'Permission Levels: Please ensure account is ACTIVATED.'],
    ['portal-access', 'Support Portal Account with Access to Solution Articles and Forums'],
    ['create-tickets', 'Can Create Support Tickets'],
    ['request-staff-accounts', 'Request Addition of New Portal Accounts for Staff and set Permission Levels'],
    ['see-all-tickets', 'Can see and reply to ALL tickets generated by staff (via portal login)'],
    ['training-newsletters', 'Receive Newsletters with Training Hints and Tips'],
    ['update-notices', 'Receive Notice of Available Updates to Software'],
    ['schedule-live-sessions', 'Able to schedule live session support and call returns'],
    ['order-paid-services', 'Order Paid Support Services for custom development'],
    ['license-information', 'Receive license specific information'],
    ['order-licenses', 'Order Additional Computer Licenses and/or Concurrent Connection licenses'],
    ['download-links', 'Receive Software download links'],
    ['license-keys', 'Receive License Keys and Activation Codes'],
  ]),
  ...article(m, '004.notes', 'Footnotes', [
    [
      'tickets',
      '* Ticket support is currently available to all members at no cost. This policy may change for customers without a maintenance plan',
    ],
    [
      'live-sessions',
      '** Live sessions for installation, configuration and training are available for free to companies within the initial support period after purchase. Person booking a live session must have a portal account. Portal members will receive a coupon code to enter when scheduling a live session to receive free / discounted sessions.',
    ],
    [
      'opt-out',
      'IMPORTANT: Notification of available updates is sent via Mailchimp newsletter. You may Opt Out of notifications, however, that means you will not be notified if an update is available. If you Opt Out we recommend having at least one valid account still able to receive notifications.',
    ],
  ]),
];

export const articleSteps: readonly ArticleStep[] = [...techSolutions, ...partnerOld, ...hosting, ...partner, ...member];
