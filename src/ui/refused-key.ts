// A 401 while HEYGEN_API_KEY is set: the environment variable's key is the one HeyGen refused
// (it wins over a saved key), so "run twin auth login" would not help; say what would, as
// `auth status` and `doctor` do.
import { AuthError, isTwinError } from '../shared/errors.js';
import { twinInvocation } from '../shared/twin-invocation.js';

export function explainRefusedKey(error: unknown, env: Record<string, string | undefined>): unknown {
  if (!(error instanceof AuthError) || error.details.status !== 401 || !env.HEYGEN_API_KEY?.trim()) return error;
  // A command that already names the variable (auth status) keeps its own words.
  if (!isTwinError(error) || error.message.includes('HEYGEN_API_KEY')) return error;
  return new AuthError(`${error.message} (the key from the HEYGEN_API_KEY environment variable was refused)`, {
    code: error.code,
    suggestion: `HEYGEN_API_KEY wins over a saved key: fix it, or unset it to use the key saved by \`${twinInvocation()} auth login\`. \`${twinInvocation()} auth status\` shows which key is in use.`,
    details: { ...error.details, key_source: 'env' },
    cause: error,
  });
}
