// The budget and sample flags of `batch run`, shared by its options schema.
import { z } from 'zod';
import { UsageError } from '../../errors.js';

const wholeNumber = (what: string) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number (${what})`)
    .transform(Number)
    .refine((n) => n >= 1 && Number.isSafeInteger(n), `must be a whole number from 1 (${what})`);

export const budgetOptions = {
  sample: wholeNumber('rows to render first').optional(),
  rows: z.string().optional(),
  maxRenders: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of renders, 0 or more')
    .transform(Number)
    .optional(),
  maxMinutes: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number of minutes such as 30 or 2.5')
    .transform(Number)
    .optional(),
};

export function checkSampleOptions(options: { sample?: number; rows?: string }): void {
  if (options.sample !== undefined && options.rows !== undefined) {
    throw new UsageError('--sample and --rows cannot be combined: pick N rows, or name them.', { flag: '--rows' });
  }
}
