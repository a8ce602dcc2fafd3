// Proofreads and the Enterprise-only create fields are refused on other plans in an unconfirmed way
// (contract §10.6: 403 forbidden or resource_access_denied likeliest, 402 or 400 possible). Any 402
// or 403 there means "not on this plan": one sentence with the API's message, never retried.
import { AuthError, TwinError } from '../../shared/errors.js';

export function planRefusal(error: unknown, what: string): unknown {
  if (!(error instanceof TwinError)) return error;
  const status = (error as { status?: number }).status ?? (error.details?.['status'] as number | undefined);
  if (status !== 402 && status !== 403) return error;
  return new AuthError(
    `${what} is not available on this account's plan (HeyGen offers it on Enterprise plans). The API said: ${error.message}`,
    {
      code: 'plan_not_available',
      suggestion: 'Translate without it, or ask HeyGen about an Enterprise plan.',
      details: { ...error.details, status },
      cause: error,
    },
  );
}
