// Facts every template may use, and the formatting the talk-tracks share.
import { DateTime } from 'luxon';
import { describeLocalTime, programLabels, remembered } from '../../domain';
import type { RuleFailure } from '../../domain';
import type { FieldErrors, Reason, Scope } from './types';

/** "April 1, 2025": how a calendar date is read to a customer. */
export const longDate: (isoDate: string) => string = remembered(
  (isoDate) => isoDate,
  (isoDate) => {
    const date = DateTime.fromISO(isoDate, { zone: 'utc' });
    return date.isValid ? date.setLocale('en-US').toFormat('LLLL d, yyyy') : isoDate;
  },
);

function portalSessionStatus(scope: Scope): string {
  const session = scope.customer.portalSession;
  if (session.signedIn) {
    return `The account system shows ${scope.customer.contactName} signed in to the portal (as of ${describeLocalTime(scope.customer.updatedAt, scope.customer.timeZone)}).`;
  }
  if (session.lastSignInAt) {
    return `Not signed in as far as the account system knows; last sign-in ${describeLocalTime(session.lastSignInAt, scope.customer.timeZone)}.`;
  }
  return 'Not signed in as far as the account system knows; no sign-in on record.';
}

export function commonFacts(scope: Scope): Record<string, string> {
  const c = scope.customer;
  return {
    'customer.name': c.name,
    'customer.contactName': c.contactName,
    'customer.accountNumber': c.accountNumber,
    'customer.email': c.contactEmail,
    'customer.program': programLabels[c.program],
    'agent.name': scope.agent.name,
    'portal.session': portalSessionStatus(scope),
  };
}

/** A rule failure as field errors: the failing field if the rule names one (and every field of a form check). */
export function fieldErrorsOf(
  failure: RuleFailure,
  rename: Readonly<Record<string, string>> = {},
): Readonly<{ fieldErrors?: FieldErrors; error?: Reason }> {
  const map = (field: string) => rename[field] ?? field;
  if (failure.fieldErrors) {
    const fieldErrors: Record<string, Reason> = {};
    for (const [field, e] of Object.entries(failure.fieldErrors)) fieldErrors[map(field)] = { code: e.code, message: e.message };
    return { fieldErrors };
  }
  if (failure.field !== undefined) return { fieldErrors: { [map(failure.field)]: { code: failure.code, message: failure.message } } };
  return { error: { code: failure.code, message: failure.message } };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Whether the chosen record (`now`) differs from itself in the run's baseline (`differs(then, now)`);
 * false when either is missing (guide mode: the next sync shows what the customer changed).
 */
export function changedSinceStart<T extends Readonly<{ id: string }>>(
  now: T | undefined,
  baseline: readonly T[],
  differs: (then: T, now: T) => boolean,
): boolean {
  const then = baseline.find((r) => r.id === now?.id);
  return now !== undefined && then !== undefined && differs(then, now);
}
