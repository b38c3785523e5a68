import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { settingsPatchSchema } from '../../../core/api';
import { fieldErrorsOf } from '../../../renderer/src/lib/validation';

describe('fieldErrorsOf', () => {
  it('is empty for valid values', () => {
    expect(fieldErrorsOf(settingsPatchSchema, { backendUrl: 'http://127.0.0.1:7070' })).toEqual({});
  });
  it('keys the schema’s own message by field', () => {
    expect(fieldErrorsOf(settingsPatchSchema, { backendUrl: 'ftp://files.example' })).toEqual({
      backendUrl: 'Backend URL must be an http:// or https:// address.',
    });
  });
  it('keeps the first message of each field and dots nested paths', () => {
    const schema = z.object({
      card: z.object({
        cvc: z
          .string()
          .regex(/^\d{3,4}$/, 'Three or four digits.')
          .min(5, 'Too short.'),
      }),
    });
    expect(fieldErrorsOf(schema, { card: { cvc: 'ab' } })).toEqual({ 'card.cvc': 'Three or four digits.' });
  });
  it('turns zod’s generic "missing" messages into words', () => {
    const schema = z.object({ name: z.string(), city: z.string().min(1) });
    expect(fieldErrorsOf(schema, { city: '' })).toEqual({ name: 'Required.', city: 'Required.' });
  });
});
