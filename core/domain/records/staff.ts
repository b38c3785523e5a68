// The console's own people and its audit trail. Not synced as records: agents come from
// login, audit events go up through the `audit.record` mutation.
import { z } from 'zod';
import { emailSchema, idSchema, isoInstantSchema } from '../primitives';
import { procedureCodes } from '../programs';

export const agentRoles = ['agent', 'supervisor'] as const;
export const agentRoleSchema = z.enum(agentRoles);
export type AgentRole = (typeof agentRoles)[number];

export const agentSchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  email: emailSchema,
  role: agentRoleSchema,
});
export type Agent = z.infer<typeof agentSchema>;

export const procedureModes = ['guide', 'do-it-for-them'] as const;
export type ProcedureMode = (typeof procedureModes)[number];

export const auditStepSchema = z.object({
  stepId: z.string().min(1),
  confirmedAt: isoInstantSchema,
  /** Ticked by the agent, or by the console noticing the change on a sync (guide mode). */
  confirmedBy: z.enum(['agent', 'sync']),
});
export type AuditStep = z.infer<typeof auditStepSchema>;

export const auditEventKinds = ['procedure-run', 'key-reveal', 'capability-lookup', 'mutation', 'approval'] as const;
export type AuditEventKind = (typeof auditEventKinds)[number];

/** Scalar details only, so an event can be stored and shown as-is. Never a secret. */
const detailValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const auditEventSchema = z.object({
  id: idSchema,
  at: isoInstantSchema,
  agentId: idSchema,
  kind: z.enum(auditEventKinds),
  customerId: idSchema.optional(),
  procedure: z.enum(procedureCodes).optional(),
  runId: idSchema.optional(),
  mode: z.enum(procedureModes).optional(),
  outcome: z.enum(['completed', 'abandoned', 'failed', 'queued']).optional(),
  steps: z.array(auditStepSchema).optional(),
  /** e.g. { licenseKeyId } for a reveal, { capabilityId, level, answer } for a lookup. */
  details: z.record(z.string(), detailValueSchema),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
