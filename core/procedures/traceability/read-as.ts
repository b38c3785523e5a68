// Article steps the console reads differently from their words, each with the reason. Every
// other article step is quoted word for word by a procedure step that covers it; the
// traceability table (`npm run traceability`) shows which, and its test fails on a step that
// is neither, and on a mark left on a step that is quoted after all.

const matrixRow =
  "a row of the permission matrix: M4 shows it as a choice and answers it for the caller's level (with the matrix's marks and footnotes), instead of reading the label out";
const oldRelease = (what: string) =>
  `seed 001 is the older release of the partner platform; the console follows the current release (003): ${what}`;
const missingIcon = 'the article lost the name of the icon to click ("click ."); the console names the control by what it does';
const inventoryKinds =
  "a definition, not an instruction: P3 offers Inventory and Renewal Inventory as its first choice, each with the article's explanation shortened to fit the option";
const p3Open =
  "the article's sub-steps are several clicks on one page; the console groups them into one step per screen (open, products, quantities), keeping the article's words";

export const readAs: Readonly<Record<string, string>> = {
  // 000 TechSolutions
  '000.plan.3': 'the console names the plan on file ("is displayed: Monthly Plan …") between the article\'s two sentences',
  '000.plan.4':
    '"Information for the Annual Plan" assumes a monthly customer; read as the other plan\'s information, whichever way the customer switches (the clicks that follow are quoted word for word in T2.switch and T2.switch-plan)',
  '000.sas.2':
    'one sentence with two arms; the console decides Generate or Find Code from the records (a key on file means Find Code) and quotes each arm in its own step',
  '000.cancel.3':
    'the article repeats T2\'s "To change between an annual or monthly plan" before "click on Cancel": a copy slip, read as "To cancel, click on Cancel"',
  '000.callback.4':
    'quoted in two steps: "Fill out the required info and click Schedule." (T5.fill-out) and "The customer will get a confirmation of their callback." (T5.result)',
  // 001 Partner platform, older release
  '001.edit-customer.3': oldRelease(
    '"click the Edit icon beside the section you want to update" (003) replaces the single Edit Details button',
  ),
  '001.add-subscription.note':
    'the note is shortened for the agent to read out; its meaning (several subscriptions avoid a pro-rated charge, or renew some and not others) is kept',
  '001.add-subscription.5': oldRelease('"Select the subscription. Select the product you want to add from the list."'),
  '001.add-subscription.6': oldRelease(
    'the renewal preference (Auto-Renewal or One-Time Renewal) replaces the "Automatically renew subscriptions" box',
  ),
  '001.add-subscription.7': oldRelease('its wizard has Next where this release has Add'),
  '001.add-subscription.8': oldRelease('"Select the number of certificates (inventory) you want for each added product."'),
  '001.add-subscription.9': oldRelease('its wizard has Next where this release has Continue'),
  '001.add-subscription.10': oldRelease(
    '"Review the subscription details, and click Back to make any necessary changes." then "Click Confirm & Purchase."',
  ),
  '001.inventory.current': inventoryKinds,
  '001.inventory.renewal': inventoryKinds,
  '001.inventory-first.5': `${missingIcon}; the current release's "click Add Products & Services" (003)`,
  '001.inventory-first.6': oldRelease('"Select the number of certificates (inventory) you want for each product."'),
  '001.inventory-first.7': oldRelease('its wizard has Next where this release has Continue'),
  '001.inventory-first.8': oldRelease('review with Back, then Confirm & Purchase'),
  '001.inventory-second.5': `${missingIcon}: the renewal inventory control`,
  '001.inventory-second.6': oldRelease('"Select the number of certificates (inventory) you want for each product."'),
  '001.inventory-second.7': oldRelease('its wizard has Next where this release has Continue'),
  '001.inventory-second.8': oldRelease('review with Back, then Confirm & Purchase'),
  '001.suspend.2': 'the article\'s heading is "Suspend" but its words say "cancel"; read as suspend, which is what the steps do',
  '001.suspend.4':
    'the article\'s heading is "Suspend" but its words say "cancel"; read as suspend (or enable), which is what the steps do',
  '001.suspend.5': `${missingIcon}: the suspend control`,
  '001.suspend.note': 'the note is a procedure of its own: P4 offers Enable for a suspended subscription and follows the same steps',
  '001.disable-reseller.3': 'P7 disables or enables, so it reads "the reseller you want to disable (or enable)"',
  '001.disable-reseller.note': 'the note is a procedure of its own: P7 offers Enable for a disabled reseller and follows the same steps',
  // 002 Hosting reseller area
  '002.intro.1':
    'the console splits the sentence: the prices come first (H1.prices-set, quoted up to "your customer."); the two ways in are H1\'s two entry points',
  '002.option1.4': '"If it is already filled in" is known to the console: it says the customer is already filled in and names them',
  '002.option1.6': 'the wizard\'s step number is left out ("Step 3 is to"); the instruction is quoted',
  '002.option1.7':
    'shortened to the instruction ("Fill in a reference … and details if you want. Click ‘Next’ when you’re done"); "Now, you have to" is left out',
  '002.option2.6':
    'Option 2 runs the same wizard as Option 1; its plan step is read with Option 1\'s words ("Choose the plan you want to add and click ‘Next’")',
  '002.option2.7':
    'Option 2 runs the same wizard as Option 1; its interval step is read with Option 1\'s words ("Choose the interval you want to add the plan for")',
  '002.option2.8':
    '"The product-specific information visible in the reseller and customer area" is Option 1\'s reference (required) and details (optional); "Click ‘create’" is Option 1\'s Step 5',
  '002.outcome.1':
    'the result line is computed: "The account will be available by <time>, within a maximum of four hours during business days" (the time from the backend, in the reseller\'s time zone); "You have now added the product to the customer" is the result step\'s own text',
  '002.outcome.2': 'the result line reads "to activate the license" for the article\'s "to activate his license"',
  // 003 Partner platform, current release
  '003.edit-customer.6':
    'the table the article refers to is not part of it; the console names its fields (Partner Management and account management) after "as needed"',
  '003.add-subscription.note':
    'the note is shortened for the agent to read out; its meaning (several subscriptions avoid a pro-rated charge, or renew some and not others) is kept',
  '003.add-subscription.12':
    "quoted word for word in the start date field's help (P2.term) and, shortened, in P2.guide-term; the start date field refuses a date outside the rule",
  '003.add-subscription.15':
    'the console says what the tier does in the same step ("Select the CLM tier for the subscription: its CLM features …")',
  '003.add-subscription.16':
    'the console shows each tier\'s features next to it, in place of "select one of the three CLM tiers, and click View Plans & Benefits"',
  '003.add-subscription.23':
    'the table the article refers to is not part of it; its two options are named: Auto-Renewal or One-Time Renewal',
  '003.inventory.current': inventoryKinds,
  '003.inventory.renewal': inventoryKinds,
  '003.inventory-current.6': p3Open,
  '003.inventory-current.7': p3Open,
  '003.inventory-current.8': p3Open,
  '003.inventory-current.9': p3Open,
  '003.inventory-current.10': p3Open,
  '003.inventory-renewal.5': `${missingIcon}: the renewal inventory control`,
  '003.inventory-renewal.6': p3Open,
  '003.inventory-renewal.7': p3Open,
  '003.inventory-renewal.8': p3Open,
  '003.inventory-renewal.9': p3Open,
  '003.inventory-renewal.10': p3Open,
  '003.inventory-renewal.12': p3Open,
  '003.inventory-renewal.15':
    'P3 serves both inventories with one review step, worded as the current inventory\'s "(Optional) Add a Reference ID for your internal tracking." (without "purposes")',
  '003.inventory-renewal.16': 'P3 serves both inventories with one review step, worded as the current inventory\'s "use the Back button"',
  '003.suspend.2': 'the article\'s heading is "Suspend" but its words say "cancel"; read as suspend, which is what the steps do',
  '003.suspend.4':
    'the article\'s heading is "Suspend" but its words say "cancel"; read as suspend (or enable), which is what the steps do',
  '003.suspend.5': `${missingIcon}: the suspend control`,
  '003.suspend.note': 'the note is a procedure of its own: P4 offers Enable for a suspended subscription and follows the same steps',
  '003.refund.outcome': "quoted word for word in the result lines the console computes for P5, not in the result step's own text",
  // 004 Member support portal
  '004.accounts.2':
    'split in M1: who may ask (M1.requester, with "and set permission levels" from the matrix) and "Provide the full name, email address and permission level." (M1.new-user)',
  '004.accounts.3':
    'split: "They\'ll be added and sent an activation email to create a password to login online." (M1.add); "Staff members should never share logins." is M1\'s talk track to the caller',
  '004.accounts.4':
    'M3 reads it for the caller\'s case: the sentences on the password email and on what needs a password are quoted in M3.explain-activation, "The forgot password will not work …" in M3.help',
  '004.levels.intro':
    'the console checks the account is activated and says so ("Please ensure account is ACTIVATED") where the permission level decides',
  '004.levels.portal-access': matrixRow,
  '004.levels.create-tickets': matrixRow,
  '004.levels.request-staff-accounts': `${matrixRow}; M1 and M2 also apply it to the requester`,
  '004.levels.see-all-tickets': matrixRow,
  '004.levels.training-newsletters': matrixRow,
  '004.levels.update-notices': matrixRow,
  '004.levels.schedule-live-sessions': `${matrixRow}; M5 also applies it to the booker`,
  '004.levels.order-paid-services': matrixRow,
  '004.levels.license-information': matrixRow,
  '004.levels.order-licenses': matrixRow,
  '004.levels.download-links': matrixRow,
  '004.levels.license-keys': matrixRow,
  '004.notes.tickets': 'a footnote of the matrix: M4 reads it among the notes of the answer it applies to',
  '004.notes.live-sessions':
    'a footnote: M4 shows it with the live-session row; M5 applies it (portal account needed, free inside the initial support period, coupon code)',
  '004.notes.opt-out': 'a footnote of the matrix: M4 reads it among the notes of the update-notice answer',
};
