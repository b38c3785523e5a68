// Member support portal accounts (seed 004).
import { z } from 'zod';
import { baseRecordShape, emailSchema, idSchema, isoInstantSchema } from '../primitives';

/** The five permission levels, lowest to highest: the order is used for "may grant up to". */
export const permissionLevels = ['basic', 'sales', 'it', 'manager', 'primary'] as const;
export const permissionLevelSchema = z.enum(permissionLevels);
export type PermissionLevel = (typeof permissionLevels)[number];

export const permissionLevelLabels: Readonly<Record<PermissionLevel, string>> = {
  basic: 'Basic',
  sales: 'Sales/Designer',
  it: 'IT/Tech Support',
  manager: 'Manager/Supervisor',
  primary: 'Primary/Owner',
};

export function permissionRank(level: PermissionLevel): number {
  return permissionLevels.indexOf(level);
}

export const portalUserStatuses = ['invited', 'active', 'deactivated'] as const;
export type PortalUserStatus = (typeof portalUserStatuses)[number];

/**
 * A staff member's portal account. `activated` means the person created a password from the
 * activation email; it stays true if the account is later deactivated. Invariants the
 * backend keeps: `invited` ⇒ not activated, `active` ⇒ activated.
 */
export const portalUserSchema = z
  .object({
    ...baseRecordShape,
    /** The member company (a customer of program `member`). */
    customerId: idSchema,
    fullName: z.string().min(1),
    email: emailSchema,
    level: permissionLevelSchema,
    status: z.enum(portalUserStatuses),
    activated: z.boolean(),
    /** Opted out of the Mailchimp "available updates" notices (seed 004 IMPORTANT note). */
    notificationsOptOut: z.boolean(),
    invitedAt: isoInstantSchema,
    activatedAt: isoInstantSchema.optional(),
  })
  .refine((u) => (u.status === 'invited' ? !u.activated : u.status === 'active' ? u.activated : true), {
    message: 'An invited account is not activated yet; an active one is',
    path: ['activated'],
  });
export type PortalUser = z.infer<typeof portalUserSchema>;
