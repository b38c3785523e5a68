import { z } from 'zod';
import { baseRecordShape, idSchema, isoInstantSchema, moneySchema } from '../primitives';

export const cardBrands = ['visa', 'mastercard', 'amex', 'discover'] as const;
export const cardBrandSchema = z.enum(cardBrands);
export type CardBrand = (typeof cardBrands)[number];

export const cardBrandLabels: Readonly<Record<CardBrand, string>> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
};

/**
 * The card on file. Must never carry the card number or CVC: only what is safe to show
 * and to store on an agent's disk. Strict so a stray `number` or `cvc` is refused.
 */
export const paymentMethodSchema = z.strictObject({
  ...baseRecordShape,
  customerId: idSchema,
  brand: cardBrandSchema,
  last4: z.string().regex(/^\d{4}$/),
  expMonth: z.int().min(1).max(12),
  expYear: z.int().min(2000).max(2100),
  holderName: z.string().min(1),
  postalCode: z.string(),
});
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

export const transactionItemSchema = z.object({
  orderItemId: idSchema,
  productId: idSchema,
  description: z.string(),
  quantity: z.int().min(1),
  /** Certificates of this order item already refunded; never above `quantity`. */
  refundedQuantity: z.int().min(0),
  unitAmount: moneySchema,
});
export type TransactionItem = z.infer<typeof transactionItemSchema>;

export const refundSchema = z.object({
  id: idSchema,
  createdAt: isoInstantSchema,
  /** The agent who processed it (absent for refunds made outside the console). */
  agentId: idSchema.optional(),
  items: z.array(z.object({ orderItemId: idSchema, quantity: z.int().min(1) })).min(1),
  amount: moneySchema,
});
export type Refund = z.infer<typeof refundSchema>;

export const transactionSchema = z
  .object({
    ...baseRecordShape,
    customerId: idSchema,
    subscriptionId: idSchema.optional(),
    createdAt: isoInstantSchema,
    description: z.string(),
    items: z.array(transactionItemSchema).min(1),
    total: moneySchema,
    refunds: z.array(refundSchema),
    referenceId: z.string().optional(),
  })
  .refine((t) => t.items.every((i) => i.refundedQuantity <= i.quantity), {
    message: 'An order item cannot have more refunded than was bought',
    path: ['items'],
  });
export type Transaction = z.infer<typeof transactionSchema>;
