import { z } from 'zod';
import type { FaultSwitchboard } from '../../../faults/switchboard';

/** Building blocks of the §8.2 payload schemas. Amounts are decimal strings (PROJ-11). */
export const amount = z.string().regex(/^\d{1,27}(\.\d{1,9})?$/, 'amount must be a decimal string');
export const id = z.string().min(1).max(256);
export const optionalText = z.string().nullish();
/** The emulated chaincode adds the transaction timestamp to each payload (PROJ-7). */
export const base = { timestamp: z.string().datetime({ offset: true }).optional() };

export class PayloadError extends Error {}

export function parseWith<T>(schema: z.ZodType<T>, payload: unknown): T {
  const result = schema.safeParse(payload);
  if (!result.success) throw new PayloadError(result.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; '));
  return result.data;
}

export const parser = <T>(schema: z.ZodType<T>) => (payload: unknown, _faults: FaultSwitchboard) => parseWith(schema, payload);
