// P1 Edit a customer's details and P6 Edit a reseller's details share seed 003's field
// table (seed 001's reseller page includes the customer table: read as the same fields).
import { checkContactChanges } from '../../domain';
import type { ContactChanges, ContactFields, Reseller } from '../../domain';
import type { MutationArgs } from '../../protocol';
import { countryOptions } from './fields';
import { changedSinceStart, fieldErrorsOf } from './common';
import type {
  Builder,
  ChoiceSource,
  Computation,
  FieldOptionsSource,
  Predicate,
  Prefill,
  ResultLines,
  Scope,
  SummaryLine,
  Validator,
} from './types';
import { blocked, firstId, int, reasonOf, text } from './types';

type Editable = ContactFields & { resellerId?: string | undefined };

/** Field names as the input steps use them; they match the domain's failure `field`s. */
export const contactFieldLabels: Readonly<Record<string, string>> = {
  companyName: 'Company Name',
  contactName: 'Contact Name',
  contactPhone: 'Contact Phone',
  contactExtension: 'Contact Extension',
  contactEmail: 'Contact Email',
  'address.line1': 'Address Line 1',
  'address.line2': 'Address Line 2',
  'address.city': 'City',
  'address.state': 'State/Province',
  'address.postalCode': 'ZIP/Postal Code',
  'address.country': 'Country',
  resellerId: 'Partner Management',
};

function contactValues(record: Editable) {
  return {
    companyName: record.companyName ?? '',
    contactName: record.contactName,
    contactPhone: record.contactPhone,
    contactExtension: record.contactExtension ?? '',
    contactEmail: record.contactEmail,
    'address.line1': record.address.line1,
    'address.line2': record.address.line2 ?? '',
    'address.city': record.address.city,
    'address.state': record.address.state ?? '',
    'address.postalCode': record.address.postalCode,
    'address.country': record.address.country,
  };
}

/**
 * What the agent changed, as the domain's ContactChanges: only fields whose text differs
 * from the record the inputs were filled from, `base` (empty optional fields clear them). The
 * domain then normalises and drops changes that normalise to what is stored ("(415) 555-0134"
 * for +14155550134).
 */
function changesFrom(scope: Scope, base: Editable, withReseller: boolean): ContactChanges {
  const before = contactValues(base);
  const changed = (name: keyof typeof before) => (text(scope, name) ?? '') !== before[name];
  const value = (name: keyof typeof before) => text(scope, name) ?? '';
  const orNull = (name: keyof typeof before) => text(scope, name) ?? null;
  const address: Record<string, string | null> = {};
  for (const part of ['line1', 'line2', 'city', 'state', 'postalCode', 'country'] as const) {
    const name = `address.${part}` as const;
    if (changed(name)) address[part] = part === 'line2' || part === 'state' ? orNull(name) : value(name);
  }
  const reseller = withReseller ? (text(scope, 'resellerId') ?? null) : undefined;
  return {
    ...(changed('companyName') ? { companyName: orNull('companyName') } : {}),
    ...(changed('contactName') ? { contactName: value('contactName') } : {}),
    ...(changed('contactPhone') ? { contactPhone: value('contactPhone') } : {}),
    ...(changed('contactExtension') ? { contactExtension: orNull('contactExtension') } : {}),
    ...(changed('contactEmail') ? { contactEmail: value('contactEmail') } : {}),
    ...(Object.keys(address).length > 0 ? { address } : {}),
    ...(withReseller && reseller !== (base.resellerId ?? null) ? { resellerId: reseller } : {}),
  };
}

/**
 * The record the step's inputs were filled from: the run's start (its baseline) when that is
 * the version the edit started from (`<target>BaseVersion`), else the record as it is now. Not
 * the record as it is now when a sync brought a newer one meanwhile: every field someone else
 * changed would differ from the inputs, and the change would put their old values back.
 */
function startedFrom(scope: Scope, target: 'customer' | 'reseller', record: Editable & { id: string }): Editable {
  const version = int(scope, target === 'customer' ? 'customerBaseVersion' : 'resellerBaseVersion');
  const then = target === 'customer' ? scope.baseline.customer : scope.baseline.resellers.find((r) => r.id === record.id);
  return then !== undefined && then.version === version ? then : record;
}

function chosenReseller(scope: Scope): Reseller | undefined {
  const id = firstId(scope, 'resellerId');
  return scope.data.resellers.find((r) => r.id === id);
}

function check(scope: Scope, target: 'customer' | 'reseller') {
  const record: (Editable & { id: string }) | undefined = target === 'customer' ? scope.customer : chosenReseller(scope);
  if (!record) return undefined;
  const changes = changesFrom(scope, startedFrom(scope, target, record), target === 'customer');
  return { record, result: checkContactChanges(record, changes) };
}

/** The mutation's `changes`: the normalised values of the fields that really changed. */
function wireChanges(next: Editable, changedFields: readonly string[]) {
  const has = (f: string) => changedFields.includes(f);
  return {
    ...(has('companyName') ? { companyName: next.companyName ?? null } : {}),
    ...(has('contactName') ? { contactName: next.contactName } : {}),
    ...(has('contactPhone') ? { contactPhone: next.contactPhone } : {}),
    ...(has('contactExtension') ? { contactExtension: next.contactExtension ?? null } : {}),
    ...(has('contactEmail') ? { contactEmail: next.contactEmail } : {}),
    ...(has('address')
      ? {
          address: {
            line1: next.address.line1,
            line2: next.address.line2 ?? null,
            city: next.address.city,
            state: next.address.state ?? null,
            postalCode: next.address.postalCode,
            country: next.address.country,
          },
        }
      : {}),
  };
}

function describeChanges(scope: Scope, record: Editable, next: Editable, changedFields: readonly string[]): SummaryLine[] {
  const resellerName = (id: string | undefined) =>
    id === undefined ? 'None' : (scope.data.resellers.find((r) => r.id === id)?.name ?? id);
  const show = (v: string | undefined) => (v === undefined || v === '' ? '(empty)' : v);
  const lines: SummaryLine[] = [];
  for (const field of changedFields) {
    if (field === 'address') {
      const a = (r: Editable) =>
        [r.address.line1, r.address.line2, r.address.city, r.address.state, r.address.postalCode, r.address.country]
          .filter(Boolean)
          .join(', ');
      lines.push({ label: 'Address', value: `${a(record)} → ${a(next)}`, emphasis: true });
    } else if (field === 'resellerId') {
      lines.push({
        label: 'Partner Management',
        value: `${resellerName(record.resellerId)} → ${resellerName(next.resellerId)}`,
        emphasis: true,
      });
    } else if (field !== 'name') {
      const key = field as 'companyName' | 'contactName' | 'contactPhone' | 'contactExtension' | 'contactEmail';
      lines.push({ label: contactFieldLabels[field] ?? field, value: `${show(record[key])} → ${show(next[key])}`, emphasis: true });
    }
  }
  return lines;
}

function review(target: 'customer' | 'reseller'): Computation {
  return (scope) => {
    const checked = check(scope, target);
    if (!checked) return blocked({ code: 'record_not_found', message: 'Choose the reseller first.' });
    if (!checked.result.ok) return blocked(reasonOf(checked.result));
    const { next, changedFields } = checked.result;
    const lines = describeChanges(scope, checked.record, next, changedFields);
    const named = lines.map((l) => l.label.toLowerCase());
    const list = named.length <= 1 ? named.join('') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
    return { lines, ...(list ? { confirms: `new ${list}` } : {}) };
  };
}

export const predicates = {
  customerChanged: (scope) => scope.customer.version !== scope.baseline.customer.version,
  resellerChanged: (scope) =>
    changedSinceStart(chosenReseller(scope), scope.baseline.resellers, (then, now) => now.version !== then.version),
} satisfies Record<string, Predicate>;

export const choices = {
  partnerResellers: {
    options: (scope) =>
      scope.data.resellers
        .filter((r) => r.program === scope.customer.program)
        .map((r) => ({ id: r.id, label: r.name, detail: `${r.accountNumber}, ${r.status}` })),
    // The reseller managing this customer's account is the one the caller most likely means.
    preselect: (scope, options) => (options.some((o) => o.id === scope.customer.resellerId) ? [scope.customer.resellerId!] : []),
  },
} satisfies Record<string, ChoiceSource>;

export const fieldOptions = {
  countries: () => countryOptions,
  /** Partner Management: "The reseller that manages the customer account, if applicable." */
  managingResellers: (scope) => [
    { value: '', label: 'None (managed directly)' },
    ...scope.data.resellers
      .filter((r) => r.program === scope.customer.program)
      .map((r) => ({
        value: r.id,
        label: r.name,
        ...(r.status === 'disabled' && r.id !== scope.customer.resellerId
          ? { disabled: { code: 'reseller_disabled', message: `${r.name} is disabled; enable it before assigning customers to it.` } }
          : {}),
      })),
  ],
} satisfies Record<string, FieldOptionsSource>;

export const prefills = {
  customerDetails: (scope) => ({ ...contactValues(scope.customer), customerBaseVersion: scope.customer.version }),
  partnerManagement: (scope) => ({ resellerId: scope.customer.resellerId ?? '' }),
  resellerDetails: (scope) => {
    const reseller = chosenReseller(scope);
    const values: Record<string, string | number> = reseller ? { ...contactValues(reseller), resellerBaseVersion: reseller.version } : {};
    return values;
  },
} satisfies Record<string, Prefill>;

function validator(target: 'customer' | 'reseller'): Validator {
  return (scope) => {
    const checked = check(scope, target);
    if (!checked) return { error: { code: 'record_not_found', message: 'Choose the reseller first.' } };
    // Nothing changed yet is not an error while editing: Partner Management may be all that changes.
    if (checked.result.ok || checked.result.code === 'nothing_to_change') return {};
    return fieldErrorsOf(checked.result);
  };
}

export const validators = {
  customerDetails: validator('customer'),
  resellerDetails: validator('reseller'),
} satisfies Record<string, Validator>;

export const computations = {
  customerChangesReview: review('customer'),
  resellerChangesReview: review('reseller'),
} satisfies Record<string, Computation>;

export const builders = {
  updateCustomerDetails: (scope) => {
    const checked = check(scope, 'customer');
    if (!checked?.result.ok)
      return blocked(checked && !checked.result.ok ? reasonOf(checked.result) : { code: 'record_not_found', message: 'No customer.' });
    const { next, changedFields } = checked.result;
    const changes: MutationArgs<'customer.updateDetails'>['changes'] = {
      ...wireChanges(next, changedFields),
      ...(changedFields.includes('resellerId') ? { resellerId: next.resellerId ?? null } : {}),
    };
    // The version the agent's edit started from, so a change made meanwhile is refused as stale.
    const baseVersion = int(scope, 'customerBaseVersion') ?? scope.customer.version;
    return [
      { key: 'details', mutation: { name: 'customer.updateDetails', args: { customerId: scope.customer.id, baseVersion, changes } } },
    ];
  },
  updateResellerDetails: (scope) => {
    const checked = check(scope, 'reseller');
    if (!checked?.result.ok)
      return blocked(
        checked && !checked.result.ok ? reasonOf(checked.result) : { code: 'record_not_found', message: 'Choose the reseller first.' },
      );
    const reseller = chosenReseller(scope)!;
    const baseVersion = int(scope, 'resellerBaseVersion') ?? reseller.version;
    return [
      {
        key: 'details',
        mutation: {
          name: 'reseller.updateDetails',
          args: { resellerId: reseller.id, baseVersion, changes: wireChanges(checked.result.next, checked.result.changedFields) },
        },
      },
    ];
  },
} satisfies Record<string, Builder>;

export const results = {
  detailsSaved: () => ({ lines: ['The details are saved.'] }),
} satisfies Record<string, ResultLines>;
