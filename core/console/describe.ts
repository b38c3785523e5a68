// One line per queued or rejected change, worded as an agent names it ("Callback for Priya
// Shah, Mon 9:00 AM their time"), for the outbox list and the customer workspace. Built from
// args and the names of the records they point at; never an internal id, an ISO time or a
// step dump, and never a secret (card changes are never queued anyway).
import type { IsoInstant } from '../domain';
import { shortLocalTime } from '../procedures/registry/spoken';

type Args = Readonly<Record<string, unknown>>;

/** Audit records travel through the outbox too, but they are a trail of what was done, not a change. */
export const auditMutationName = 'audit.record';

export type OutboxEntryKind = 'change' | 'audit';

export function outboxEntryKind(name: string): OutboxEntryKind {
  return name === auditMutationName ? 'audit' : 'change';
}

/** What the describer may name instead of an id; every name is optional (a record not in the cache). */
export type DescribeNames = Readonly<{
  /** The customer the change is for. */
  customer?: string;
  /** The record the change targets: a subscription's plan or product, a reseller, a portal account. */
  target?: string;
  /** For an audit record of a procedure run: the procedure's title. */
  procedure?: string;
}>;

export type DescribeContext = Readonly<{ names: DescribeNames; now: IsoInstant }>;

const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback);

/** "Olivia Bennett's Premium Monthly", "Olivia Bennett's subscription", "the subscription". */
function subscriptionOf(names: DescribeNames): string {
  const what = names.target ?? 'subscription';
  return names.customer ? `${names.customer}'s ${what}` : `the ${what}`;
}

const fieldLabels: Readonly<Record<string, string>> = {
  companyName: 'company name',
  contactName: 'contact name',
  contactPhone: 'contact phone',
  contactExtension: 'extension',
  contactEmail: 'contact email',
  address: 'address',
  resellerId: 'managing reseller',
};

function changedFields(args: Args): string {
  const keys = Object.keys((args.changes as Args | undefined) ?? {});
  return keys.length === 0 ? 'no fields' : keys.map((key) => fieldLabels[key] ?? key).join(', ');
}

/** A customer's appointment in their own zone: the agent says it to them this way. */
function appointment(args: Args, now: IsoInstant): string {
  const at = text(args.scheduledFor, '');
  const zone = text(args.timeZone, '');
  if (at === '' || zone === '') return 'at a time not given';
  return `${shortLocalTime(at, zone, now)} their time`;
}

const auditKinds: Readonly<Record<string, string>> = {
  'procedure-run': 'Run',
  'key-reveal': 'License key revealed',
  'capability-lookup': 'Permission looked up',
  mutation: 'Change recorded',
};

type Describer = (args: Args, context: DescribeContext) => string;

const describers: Readonly<Record<string, Describer>> = {
  'subscription.changePlan': (a, { names }) =>
    `Switch ${subscriptionOf(names)} to ${a.interval === 'annual' ? 'annual' : 'monthly'} billing`,
  'subscription.setAutoRenew': (a, { names }) => `Turn auto-renewal ${a.autoRenew === true ? 'on' : 'off'} for ${subscriptionOf(names)}`,
  'subscription.enableAutoRenew': (_a, { names }) => `Turn auto-renewal on for ${subscriptionOf(names)}`,
  'subscription.setStatus': (a, { names }) => `${a.status === 'suspended' ? 'Suspend' : 'Enable'} ${subscriptionOf(names)}`,
  'callback.schedule': (a, { names, now }) => `Callback for ${text(a.name, names.customer ?? 'the customer')}, ${appointment(a, now)}`,
  'customer.updateDetails': (a, { names }) =>
    `Edit ${names.customer ? `${names.customer}'s` : "the customer's"} details (${changedFields(a)})`,
  'reseller.updateDetails': (a, { names }) =>
    `Edit ${names.target ? `reseller ${names.target}'s` : "the reseller's"} details (${changedFields(a)})`,
  'reseller.setStatus': (a, { names }) =>
    `${a.status === 'disabled' ? 'Disable' : 'Enable'} reseller ${names.target ?? '(not in the cache)'}`,
  'portalUser.add': (a, { names }) =>
    `Add portal account for ${text(a.fullName, text(a.email, 'a new user'))}${names.customer ? ` at ${names.customer}` : ''}`,
  'portalUser.update': (a, { names }) => {
    const who = names.target ?? 'a portal account';
    if (a.status === 'deactivated') return `Deactivate ${who}`;
    if (typeof a.level === 'string') return `Change ${who} to ${a.level}${a.status === 'active' ? ' and reinstate them' : ''}`;
    return a.status === 'active' ? `Reinstate ${who}` : `Change ${who}`;
  },
  'portalUser.sendActivation': (_a, { names }) => `Resend the activation email to ${names.target ?? 'a portal account'}`,
  'portalUser.sendPasswordReset': (_a, { names }) => `Send a password reset to ${names.target ?? 'a portal account'}`,
  'liveSession.book': (a, { names, now }) =>
    `Live session${names.target ? ` for ${names.target}` : names.customer ? ` for ${names.customer}` : ''}, ${appointment(a, now)}: ${text(a.topic, 'no topic')}`,
  'interaction.log': (a, { names }) =>
    `${a.editedAt === undefined ? 'Wrap-up' : 'Reopened wrap-up'} for ${names.customer ?? 'the customer'}: ${text(a.disposition, 'no disposition')}`,
  [auditMutationName]: (a, { names }) => {
    const kind = auditKinds[text(a.kind, '')] ?? 'Audit record';
    const procedure = names.procedure ?? (typeof a.procedure === 'string' ? a.procedure : undefined);
    const what = a.kind === 'procedure-run' && procedure ? `${kind} of ${procedure}` : kind;
    const outcome = typeof a.outcome === 'string' ? ` ${a.outcome}` : '';
    return `${what}${outcome}${names.customer ? ` for ${names.customer}` : ''}`;
  },
};

/** Names a change for a person. A mutation this console does not know is named by its kind rather than guessed. */
export function describeMutation(name: string, args: Args, context: DescribeContext): string {
  const describe = describers[name];
  return describe ? describe(args, context) : `A change of kind ${name}`;
}
