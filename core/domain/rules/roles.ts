// Least privilege (SPEC §7): which agent roles may run which procedure, as data. Checked
// by the console before offering a procedure and enforced by the backend per mutation.
import { procedureCodes, type ProcedureCode } from '../programs';
import { agentRoleSchema, type AgentRole } from '../records';
import { fail, pass, type RuleResult } from './result';

const everyone: readonly AgentRole[] = ['agent', 'supervisor'];
const supervisors: readonly AgentRole[] = ['supervisor'];

/**
 * Who may run each procedure. Default for all: any agent; refunds (P5) need a supervisor.
 * P8 (enable auto-renewal before it expires) is any agent's, as T4 (turning it off) is: it
 * moves no money now and the article asks nothing more of who does it.
 */
export const procedureRoles: Readonly<Record<ProcedureCode, readonly AgentRole[]>> = {
  ...(Object.fromEntries(procedureCodes.map((code) => [code, everyone])) as Record<ProcedureCode, readonly AgentRole[]>),
  P5: supervisors,
  P8: everyone,
};

/**
 * Variants of a procedure that need more than the procedure itself: disabling a reseller
 * (P7 with status disabled) needs a supervisor; enabling one does not.
 */
export const procedureVariantRoles: Readonly<Partial<Record<ProcedureCode, Readonly<Record<string, readonly AgentRole[]>>>>> = {
  P7: { disable: supervisors },
};

export function rolesFor(procedure: ProcedureCode, variant?: string): readonly AgentRole[] {
  return (variant !== undefined ? procedureVariantRoles[procedure]?.[variant] : undefined) ?? procedureRoles[procedure];
}

export function checkRole(role: AgentRole, procedure: ProcedureCode, variant?: string): RuleResult {
  const allowed = rolesFor(procedure, variant);
  if (allowed.includes(role)) return pass();
  const what = variant ? `${procedure} (${variant})` : procedure;
  if (allowed.length === 1 && allowed[0] === 'supervisor') {
    return fail('supervisor_required', `Only a supervisor can do this (${what}). Ask a supervisor to take over or approve it.`);
  }
  return fail('role_not_permitted', `Your role (${role}) may not run ${what}.`);
}

/** The mutations of SPEC §5. */
export const mutationNames = [
  'billing.updateCard',
  'subscription.changePlan',
  'license.generate',
  'subscription.setAutoRenew',
  'callback.schedule',
  'customer.updateDetails',
  'subscription.add',
  'subscription.updateInventory',
  'subscription.setStatus',
  'subscription.enableAutoRenew',
  'refund.process',
  'reseller.updateDetails',
  'reseller.setStatus',
  'product.add',
  'portalUser.add',
  'portalUser.update',
  'portalUser.sendActivation',
  'portalUser.sendPasswordReset',
  'liveSession.book',
  'audit.record',
  'interaction.log',
  'approval.request',
  'approval.decide',
] as const;
export type MutationName = (typeof mutationNames)[number];

/** The procedure each mutation belongs to; `audit.record` and `interaction.log` serve every procedure and any role. */
export const mutationProcedure: Readonly<Record<MutationName, ProcedureCode | null>> = {
  'billing.updateCard': 'T1',
  'subscription.changePlan': 'T2',
  'license.generate': 'T3',
  'subscription.setAutoRenew': 'T4',
  'callback.schedule': 'T5',
  'customer.updateDetails': 'P1',
  'subscription.add': 'P2',
  'subscription.updateInventory': 'P3',
  'subscription.setStatus': 'P4',
  // Its own name, not T4's setAutoRenew: roles are checked per mutation name, so P8's row above is what the backend enforces.
  'subscription.enableAutoRenew': 'P8',
  'refund.process': 'P5',
  'reseller.updateDetails': 'P6',
  'reseller.setStatus': 'P7',
  'product.add': 'H1',
  'portalUser.add': 'M1',
  'portalUser.update': 'M2',
  'portalUser.sendActivation': 'M3',
  'portalUser.sendPasswordReset': 'M3',
  'liveSession.book': 'M5',
  'audit.record': null,
  // Every role takes calls and wraps them up: no procedure's roles apply.
  'interaction.log': null,
  // Any role may ask; only a supervisor may decide (checked by the rules in ./approvals, as it depends on the approval).
  'approval.request': null,
  'approval.decide': null,
};

/** The variant a mutation's arguments select, for `procedureVariantRoles`. */
function mutationVariant(name: MutationName, args: unknown): string | undefined {
  if (name === 'reseller.setStatus' && typeof args === 'object' && args !== null && 'status' in args) {
    return args.status === 'disabled' ? 'disable' : 'enable';
  }
  return undefined;
}

/** What the backend calls before running a pushed mutation. */
export function checkMutationRole(role: AgentRole, name: MutationName, args: unknown): RuleResult {
  if (!agentRoleSchema.safeParse(role).success) return fail('role_not_permitted', `Unknown role "${String(role)}".`);
  const procedure = mutationProcedure[name];
  if (procedure === null) return pass();
  return checkRole(role, procedure, mutationVariant(name, args));
}
