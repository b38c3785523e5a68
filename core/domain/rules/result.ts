// Every rule answers with a typed result: `{ ok: true, ...facts }` or a failure with a
// stable machine code (what code branches on, what the backend returns as a rejection
// code) and a message a person can read (what the agent sees).

/** Every code a rule can answer with. Codes never change meaning once shipped; add, don't rename. */
export const ruleCodes = [
  // Sync and records
  'stale',
  'record_not_found',
  // Roles (SPEC §7 least privilege)
  'role_not_permitted',
  'supervisor_required',
  // Supervisor approvals (issue 21)
  'approval_required',
  'approval_pending',
  'approval_mismatch',
  'approval_expired',
  'approval_used',
  'approval_declined',
  'approval_self',
  'approval_decided',
  'approval_not_applicable',
  // Refunds (P5)
  'refund_window_expired',
  'refund_empty',
  'refund_item_unknown',
  'refund_item_duplicate',
  'refund_quantity_invalid',
  'refund_quantity_exceeded',
  'refund_item_not_certificate',
  // Partner subscriptions (P2, P3, P4)
  'term_invalid',
  'start_date_invalid',
  'start_date_in_future',
  'start_date_too_early',
  'product_unknown',
  'clm_tier_invalid',
  'eca_email_required',
  'inventory_empty',
  'inventory_quantity_invalid',
  'inventory_reduction_not_allowed',
  'subscription_wrong_program',
  'subscription_cancelled',
  'subscription_provisioning',
  'status_unchanged',
  'subscription_expired',
  // TechSolutions plans (T2, T4)
  'plan_unknown',
  'plan_unchanged',
  'auto_renew_off',
  // Hosting backup plans (H1)
  'backup_plan_price_not_set',
  'interval_not_offered',
  'reference_required',
  'reseller_disabled',
  // Scheduling (T5, M5)
  'scheduled_time_invalid',
  'scheduled_time_in_past',
  'outside_support_hours',
  'time_zone_invalid',
  'reason_required',
  'portal_account_required',
  'portal_account_not_activated',
  'coupon_code_invalid',
  // Member portal users (M1, M2, M3, M4)
  'requester_not_found',
  'requester_not_in_company',
  'requester_not_active',
  'requester_level_insufficient',
  'level_not_grantable',
  'cannot_change_primary',
  'last_primary',
  'target_not_in_company',
  'portal_user_exists',
  'nothing_to_change',
  'portal_user_deactivated',
  'already_activated',
  'not_activated',
  'capability_unknown',
  'level_unknown',
  // Wrap-up of a call (interaction.log)
  'disposition_unknown',
  'interaction_time_invalid',
  'interaction_not_yours',
  'interaction_customer_changed',
  'interaction_closed',
  // Fields
  'name_required',
  'email_invalid',
  'phone_invalid',
  'extension_invalid',
  'postal_code_invalid',
  'country_invalid',
  'address_incomplete',
  'details_invalid',
  'card_number_invalid',
  'card_brand_unknown',
  'card_expiry_invalid',
  'card_expired',
  'cvc_invalid',
  'card_number_in_text',
  // Standing warnings on a member company (not refusals: shown, never block)
  'no_primary',
  'single_primary',
  'notifications_uncovered',
] as const;
export type RuleCode = (typeof ruleCodes)[number];

export type RuleFailure = Readonly<{
  ok: false;
  code: RuleCode;
  message: string;
  /** The input field the failure is about, when there is one (for the form to point at). */
  field?: string;
  /** For checks of a whole form: every field that failed, with its own code. */
  fieldErrors?: Readonly<Record<string, FieldError>>;
}>;

export type FieldError = Readonly<{ code: RuleCode; message: string }>;

export type RuleSuccess<T extends object = object> = Readonly<{ ok: true } & T>;

export type RuleResult<T extends object = object> = RuleSuccess<T> | RuleFailure;

export function pass<T extends object>(facts: T): RuleSuccess<T>;
export function pass(): RuleSuccess;
export function pass<T extends object>(facts?: T): RuleSuccess<T> {
  return { ok: true, ...(facts as T) };
}

export function fail(code: RuleCode, message: string, field?: string): RuleFailure {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
}

export function isRuleCode(value: string): value is RuleCode {
  return (ruleCodes as readonly string[]).includes(value);
}
