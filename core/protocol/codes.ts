// Stable codes of a `rejected` mutation result. A code never changes meaning once shipped:
// add new ones, never rename. The console branches on them (retry after editing, show both
// versions, ask a supervisor); the message beside each outcome is for the agent.
import type { RuleCode } from '../domain';

/** Codes the backend itself answers with, before or around the domain rules. */
export const backendRejectionCodes = {
  invalid_args: 'The args do not have the shape this mutation takes (wrong type, missing or unknown field). Nothing was changed.',
  not_found: 'A record the mutation names (customer, subscription, transaction, reseller, portal user, plan or product) does not exist.',
  stale:
    'The record changed since the version the change was based on (`baseVersion`). `result` carries `currentVersion`, `type` and the record as it is now (`current`).',
  forbidden_role:
    "The signed-in agent's role may not do this (deciding an approval needs a supervisor). Refunds and disabling a reseller without an approval are `approval_required`.",
  wrong_program:
    'The customer belongs to a program this mutation does not serve (e.g. a SAS key for a partner customer, a backup plan for a member company).',
  license_key_exists:
    'The customer already has a key for this product: use Find Code (its masked key is in the cache; revealing it asks the backend) instead of Generate.',
  subscription_required: 'The customer has no subscription that includes this (e.g. no TechSolutions subscription for a bundled SAS key).',
  reseller_required: 'The customer has no managing reseller, so there are no reseller prices or business hours to use.',
} as const;
export type BackendRejectionCode = keyof typeof backendRejectionCodes;

/**
 * Domain rule codes the backend reports under its own names (the brief for the protocol
 * fixed `not_found` and `forbidden_role`), and standing warnings, which are never refusals.
 */
export const notRejectionCodes = [
  'record_not_found',
  'role_not_permitted',
  'supervisor_required',
  'stale',
  'no_primary',
  'single_primary',
  'notifications_uncovered',
] as const satisfies readonly RuleCode[];
export type RuleRejectionCode = Exclude<RuleCode, (typeof notRejectionCodes)[number]>;

/** What each domain rule code means when it comes back as a rejection. */
export const ruleRejectionCodes: Readonly<Record<RuleRejectionCode, string>> = {
  refund_window_expired: "P5: the transaction is more than 30 days old; the message carries the article's advice (contact the vendor).",
  refund_empty: 'P5: no order item was chosen.',
  refund_item_unknown: 'P5: an order item is not part of the transaction.',
  refund_item_duplicate: 'P5: an order item is listed twice.',
  refund_quantity_invalid: 'P5: a quantity is not a whole number of at least 1.',
  refund_quantity_exceeded: 'P5: more certificates than were bought minus those already refunded.',
  refund_item_not_certificate: 'P5: the order item is not a certificate order (e.g. the CLM tier fee); only certificates are refunded.',
  term_invalid: 'P2/P3: the term is not 12, 24 or 36 months, or the product is not offered for it.',
  start_date_invalid: 'P2: the start date is not a YYYY-MM-DD date.',
  start_date_in_future: 'P2: the start date is after today (only backdating is allowed).',
  start_date_too_early: 'P2: backdated by more than the term minus one day.',
  product_unknown: 'P2/P3: a product is not in the catalogue.',
  clm_tier_invalid: 'P2: not one of the three CLM tiers.',
  eca_email_required: 'P2: the product needs the email of a customer representative who can accept the ECA.',
  inventory_empty: 'P2/P3: no product with a quantity was given.',
  inventory_quantity_invalid: 'P2/P3: a quantity is not a whole number in range, or a product is listed twice.',
  inventory_reduction_not_allowed: 'P3: current inventory can only grow.',
  subscription_wrong_program: 'T2/T4/P3/P4: the subscription belongs to another program than the procedure.',
  subscription_cancelled: 'The subscription is cancelled and can no longer be changed this way.',
  subscription_provisioning: 'P4: the subscription is still being provisioned.',
  status_unchanged: 'P4/P7: the subscription or reseller already has that status.',
  subscription_expired: 'P8: the subscription has reached its end date; auto-renewal can only be enabled before it expires.',
  plan_unknown: 'T2/H1: no such plan in the catalogue (or not of this program).',
  plan_unchanged: 'T2: the customer is already on that plan.',
  auto_renew_off:
    'T2: auto-renewal is off, so the subscription does not renew and a new plan would never take effect; turn auto-renewal back on first.',
  backup_plan_price_not_set: 'H1: the reseller has not set a price for this plan and interval.',
  interval_not_offered: 'H1: the plan is not offered for that interval.',
  reference_required: 'H1: the reference for the customer is empty.',
  reseller_disabled: 'H1: the managing reseller is disabled.',
  scheduled_time_invalid: 'T5/M5: the time is not a UTC instant.',
  scheduled_time_in_past: 'T5/M5: the time has passed.',
  outside_support_hours: "T5/M5: the time is outside support hours in the customer's time zone.",
  time_zone_invalid: 'T5/M5: not an IANA time zone.',
  reason_required: 'T5: the callback reason is empty.',
  portal_account_required: 'M5: the person booking has no (active) portal account with this company.',
  portal_account_not_activated: "M5: the booker's portal account is not activated yet.",
  coupon_code_invalid: "M5: the coupon code is not in the portal's format.",
  requester_not_found: 'M1/M2: the requester has no portal account.',
  requester_not_in_company: 'M1/M2: the requester belongs to another member company.',
  requester_not_active: "M1/M2: the requester's account is not activated or is deactivated.",
  requester_level_insufficient: 'M1/M2: the requester is neither Primary nor Manager.',
  level_not_grantable: 'M1/M2: the requester may not grant that level (a Manager grants up to Manager).',
  cannot_change_primary: 'M2: only a Primary may change or deactivate a Primary.',
  last_primary: 'M2: the change would leave the company without an active Primary.',
  target_not_in_company: 'M2: the portal user belongs to another company than the requester.',
  portal_user_exists: 'M1: that email already has a portal account with the company.',
  nothing_to_change: 'P1/P3/P6/M2: the change would leave the record as it is.',
  portal_user_deactivated: 'M3: the account is deactivated; it must be reactivated first.',
  already_activated: 'M3: activation email asked for an activated account (send a password reset).',
  not_activated: 'M3: password reset asked for a never-activated account (resend activation).',
  capability_unknown: 'M4: no such capability in the matrix.',
  level_unknown: 'M4: no such permission level.',
  disposition_unknown:
    "Wrap-up: the disposition is not one of the customer's program's list (`programDispositions` in core/domain/dispositions.ts).",
  interaction_time_invalid:
    'Wrap-up: the call starts after its wrap-up, an edit comes before it, or a time is ahead of the backend clock by more than five minutes.',
  interaction_not_yours: 'Wrap-up: the interaction was logged by another agent; only they may reopen it.',
  interaction_customer_changed: 'Wrap-up: the interaction id was logged for another customer.',
  interaction_closed:
    'Wrap-up: the edit was made more than 10 minutes after the first wrap-up (the reopen window), so the interaction is closed.',
  name_required: 'A required name is empty.',
  email_invalid: 'An email address is not valid.',
  phone_invalid: 'A phone number is not valid for its country.',
  extension_invalid: 'A phone extension is not digits only.',
  postal_code_invalid: 'A postal code does not fit its country.',
  country_invalid: 'Not an ISO 3166-1 alpha-2 country code.',
  address_incomplete: 'Address line 1 or city is missing.',
  details_invalid: 'P1/P6: one or more fields are invalid; `result.fieldErrors` has one {code, message} per field.',
  card_number_invalid: 'T1: the card number fails the Luhn check or has the wrong length.',
  card_brand_unknown: 'T1: the card brand is not accepted.',
  card_expiry_invalid: 'T1: the expiry month or year is not valid.',
  card_expired: 'T1: the card has expired.',
  cvc_invalid: 'T1: the CVC has the wrong length for the brand.',
  approval_required:
    'The change needs a supervisor (P5 refund, P7 disable): send it with the `approvalId` of an approval a supervisor gave (`approval.request`), or a supervisor makes it. Also: an `approvalId` no approval has.',
  approval_pending: 'The approval sent has not been decided yet.',
  approval_mismatch:
    "The approval was given for another change (another mutation, other args, or another agent's request): only the exact change approved goes through.",
  approval_expired:
    'The approval is past its `expiresAt` (15 minutes after the request): it can be neither decided nor used. Ask for a new one.',
  approval_used: 'The approval has let its change through already: each approval is used once.',
  approval_declined: 'A supervisor declined the approval; the message carries their reason.',
  approval_self: '`approval.decide`: a supervisor cannot decide their own request.',
  approval_decided: '`approval.decide`: the request has been approved or declined already.',
  approval_not_applicable:
    "`approval.request`: the change needs no approval for the agent's role, is not a change of the procedure named, carries an `approvalId`, or would carry a secret.",
  card_number_in_text:
    'A free-text field (a reason, name, address line, reference, topic, …) holds what looks like a card number (13–19 digits passing Luhn, however separated). Nothing was changed or stored; the message names the field, never the value.',
};

/** Every code a `rejected` outcome can carry, with its meaning: the backend's own and the domain rules'. */
export const rejectionCodes: Readonly<Record<BackendRejectionCode | RuleRejectionCode, string>> = {
  ...backendRejectionCodes,
  ...ruleRejectionCodes,
};
export type RejectionCode = keyof typeof rejectionCodes;

export function isRejectionCode(value: string): value is RejectionCode {
  return Object.hasOwn(rejectionCodes, value);
}
