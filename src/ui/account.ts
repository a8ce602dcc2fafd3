// Asks GET /v3/users/me with a given key (login checks a key before saving it; doctor
// times the call) and turns the answer into the facts people read: who, and how much is left.
import { performance } from 'node:perf_hooks';
import { createClient, normalizeBaseUrl, resolveBaseUrl, type User } from '../api/index.js';
import type { Context } from './context-types.js';

interface WhoAmI {
  user: User;
  baseUrl: string;
  latencyMs: number;
}

/** One users/me call on a client of its own, closed before returning. */
export async function fetchMe(
  ctx: Context,
  apiKey: string,
  opts: { maxRetries?: number; timeoutMs?: number; baseUrl?: string } = {},
): Promise<WhoAmI> {
  const baseUrl = opts.baseUrl ?? resolveBaseUrl(ctx.env);
  const client = createClient({
    baseUrl,
    apiKey,
    signal: ctx.signal,
    sleep: ctx.sleep,
    maxRetries: opts.maxRetries,
    readTimeoutMs: opts.timeoutMs,
    debug: ctx.globals.debug ? (line) => ctx.out.debug(line) : undefined,
  });
  try {
    const started = performance.now();
    const user = await client.getMe();
    return { user, baseUrl, latencyMs: Math.round(performance.now() - started) };
  } finally {
    await client.close();
  }
}

/** The API's own words, without the "GET /v3/users/me: " the client puts in front (the details line names the endpoint). */
export function apiWords(error: Error & { details?: Record<string, unknown> }): string {
  const endpoint = error.details?.endpoint;
  const text =
    typeof endpoint === 'string' && error.message.startsWith(`${endpoint}: `) ? error.message.slice(endpoint.length + 2) : error.message;
  return text.replace(/\.$/, '');
}

export interface UserSummary {
  username: string;
  email: string | null;
  name: string | null;
}

export function describeUser(user: User): UserSummary {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ');
  return { username: user.username, email: user.email ?? null, name: name || null };
}

/** "jane (jane@example.com)" */
export function userLabel(user: UserSummary): string {
  return user.email && user.email !== user.username ? `${user.username} (${user.email})` : user.username;
}

export interface BillingSummary {
  /** wallet | subscription | usage_based, or null when the API says nothing. */
  type: string | null;
  /** Money or credits left, whichever the account counts in. */
  remaining: number | null;
  unit: string | null;
  summary: string;
}

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const usd = (n: number) => `$${n.toFixed(2)}`;

/** Exactly one of wallet / subscription / usage_based is populated (contract §7). */
export function describeBilling(user: User): BillingSummary {
  const type = user.billing_type ?? (user.wallet ? 'wallet' : user.subscription ? 'subscription' : user.usage_based ? 'usage_based' : null);
  if (type === 'wallet' && user.wallet) {
    const { currency, remaining_balance: left, auto_reload: reload } = user.wallet;
    const amount = left == null ? 'unknown balance' : currency === 'usd' ? `${usd(left)} prepaid` : `${number.format(left)} credits`;
    const reloadNote = reload?.enabled
      ? `, auto-reload on${reload.threshold_usd != null ? ` below ${usd(reload.threshold_usd)}` : ''}`
      : '';
    return { type, remaining: left ?? null, unit: currency, summary: `${amount} (wallet${reloadNote})` };
  }
  if (type === 'subscription' && user.subscription) {
    const { plan, credits } = user.subscription;
    const parts: string[] = [];
    let remaining: number | null = null;
    for (const [label, bucket] of [
      ['premium', credits.premium_credits],
      ['add-on', credits.add_on_credits],
    ] as const) {
      if (bucket?.remaining == null) continue;
      remaining = (remaining ?? 0) + bucket.remaining;
      parts.push(`${number.format(bucket.remaining)} ${label}${bucket.resets_at ? ` (resets ${bucket.resets_at})` : ''}`);
    }
    const left = parts.length ? `${parts.join(' + ')} credits` : 'credits unknown';
    return { type, remaining, unit: 'credits', summary: `${left} (${plan} plan)` };
  }
  if (type === 'usage_based' && user.usage_based) {
    const u = user.usage_based;
    const parts: string[] = [];
    if (u.remaining_credits != null) {
      parts.push(
        `${number.format(u.remaining_credits)}${u.included_credits != null ? ` of ${number.format(u.included_credits)}` : ''} credits left`,
      );
    }
    if (u.spending_current_usd != null) {
      parts.push(`${usd(u.spending_current_usd)} spent${u.spending_cap_usd != null ? ` of a ${usd(u.spending_cap_usd)} cap` : ''}`);
    }
    return { type, remaining: u.remaining_credits ?? null, unit: 'credits', summary: `${parts.join(', ') || 'no figures'} (usage-based)` };
  }
  return { type, remaining: null, unit: null, summary: 'no billing information from the API' };
}

/** The API base a command is about: --base URL, else HEYGEN_API_BASE, else api.heygen.com. */
export function targetBase(ctx: Pick<Context, 'env'>, base: string | undefined): string {
  return base === undefined ? resolveBaseUrl(ctx.env) : normalizeBaseUrl(base, '--base');
}
