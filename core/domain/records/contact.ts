// Contact and address fields shared by customers and resellers (seed 003 "Edit a
// customer's details": a reseller's page uses the same table, seed 001).
import { z } from 'zod';
import { addressSchema, e164Schema, emailSchema } from '../primitives';

export const contactFieldsShape = {
  /** How the account is listed and searched: a person's full name or the company's name. */
  name: z.string().min(1),
  companyName: z.string().optional(),
  contactName: z.string().min(1),
  contactPhone: e164Schema,
  /** Digits only, as dialled after the main number. */
  contactExtension: z
    .string()
    .regex(/^\d{1,8}$/)
    .optional(),
  contactEmail: emailSchema,
  address: addressSchema,
};

export const contactFieldsSchema = z.object(contactFieldsShape);
export type ContactFields = z.infer<typeof contactFieldsSchema>;
