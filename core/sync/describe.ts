// One line per queued or rejected change, for the outbox list and the customer workspace.
// Built from args only; never repeats a secret (card changes are never queued anyway).
type Args = Readonly<Record<string, unknown>>;

const text = (value: unknown, fallback = '?') => (typeof value === 'string' && value !== '' ? value : fallback);

const describers: Readonly<Record<string, (args: Args) => string>> = {
  'subscription.changePlan': (a) => `Switch subscription ${text(a.subscriptionId)} to the ${text(a.interval)} plan`,
  'subscription.setAutoRenew': (a) => `Turn auto-renewal ${a.autoRenew === true ? 'on' : 'off'} for subscription ${text(a.subscriptionId)}`,
  'subscription.enableAutoRenew': (a) => `Enable auto-renewal for subscription ${text(a.subscriptionId)}`,
  'subscription.setStatus': (a) => `${a.status === 'suspended' ? 'Suspend' : 'Enable'} subscription ${text(a.subscriptionId)}`,
  'callback.schedule': (a) => `Schedule a callback for ${text(a.name)} at ${text(a.scheduledFor)}`,
  'customer.updateDetails': (a) => `Edit the details of customer ${text(a.customerId)} (${Object.keys((a.changes as Args | undefined) ?? {}).join(', ') || 'no fields'})`,
  'reseller.updateDetails': (a) => `Edit the details of reseller ${text(a.resellerId)} (${Object.keys((a.changes as Args | undefined) ?? {}).join(', ') || 'no fields'})`,
  'reseller.setStatus': (a) => `${a.status === 'disabled' ? 'Disable' : 'Enable'} reseller ${text(a.resellerId)}`,
  'portalUser.add': (a) => `Add portal account ${text(a.email)} (${text(a.level)})`,
  'portalUser.update': (a) =>
    `Change portal account ${text(a.portalUserId)}${a.level ? ` to ${text(a.level)}` : ''}${a.status ? ` (${text(a.status)})` : ''}`,
  'portalUser.sendActivation': (a) => `Resend the activation email of portal account ${text(a.portalUserId)}`,
  'portalUser.sendPasswordReset': (a) => `Send a password reset to portal account ${text(a.portalUserId)}`,
  'liveSession.book': (a) => `Book a live session at ${text(a.scheduledFor)}: ${text(a.topic)}`,
  'audit.record': (a) => `Audit record: ${text(a.kind)}`,
};

export function describeMutation(name: string, args: Args): string {
  const describe = describers[name];
  return describe ? describe(args) : name;
}
