// The budget and sample flags of `batch run`, shared by its options schema.
import { UsageError } from '../../shared/errors.js';
import * as z from '../../shared/zod-mini.js';

const wholeNumber = (what: string) =>
  z
    .pipe(z.string().check(z.regex(/^\d+$/, `must be a whole number (${what})`)), z.transform(Number))
    .check(z.refine((n: number) => n >= 1 && Number.isSafeInteger(n), `must be a whole number from 1 (${what})`));

export const budgetOptions = {
  sample: z.optional(wholeNumber('rows to render first')),
  rows: z.optional(z.string()),
  maxRenders: z.optional(z.pipe(z.string().check(z.regex(/^\d+$/, 'must be a whole number of renders, 0 or more')), z.transform(Number))),
  maxMinutes: z.optional(
    z.pipe(z.string().check(z.regex(/^\d+(\.\d+)?$/, 'must be a number of minutes such as 30 or 2.5')), z.transform(Number)),
  ),
  assumeMinutes: z.optional(
    z.pipe(z.string().check(z.regex(/^\d+(\.\d+)?$/, 'must be a number of minutes such as 3 or 1.5')), z.transform(Number)),
  ),
};

export function checkSampleOptions(options: { sample?: number; rows?: string }): void {
  if (options.sample !== undefined && options.rows !== undefined) {
    throw new UsageError('--sample and --rows cannot be combined: pick N rows, or name them.', { flag: '--rows' });
  }
}
