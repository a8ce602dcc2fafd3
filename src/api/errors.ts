// The one place that turns HTTP and network failures into the error classes of
// src/errors.ts. Messages are built from facts we control plus the API's own message;
// request headers (and so the API key) are never part of any of them.
import type { z } from 'zod';
import { ApiError, AuthError, type TwinError } from '../shared/errors.js';
import { ErrorEnvelope } from './schemas.js';
import { twinInvocation } from '../shared/twin-invocation.js';

interface ResponseFacts {
  /** Template such as "GET /v3/videos/{id}". */
  endpoint: string;
  status: number;
  bodyText: string;
  requestId?: string;
  /** Scrubs secrets from any text that came from the server. */
  redact?: (text: string) => string;
  /** Set on keyed writes: the key that makes a re-run safe. */
  idempotencyKey?: string;
}

/** A non-2xx response: the v3 envelope when there is one, else classified by status. */
export function errorFromResponse(facts: ResponseFacts): TwinError {
  const { endpoint, status, requestId } = facts;
  const redact = facts.redact ?? ((text: string) => text);
  const envelope = parseEnvelope(facts.bodyText);
  if (!envelope) return unclassifiedError(facts, redact);

  const { code, param, doc_url: docUrl } = envelope;
  const apiMessage = redact(envelope.message?.trim() || code);
  // A 404 says first what was not found ("Look lk_1 not found"); the endpoint is on the details line.
  const message = status === 404 ? notFoundMessage(endpoint, apiMessage) : `${endpoint}: ${apiMessage}`;
  const items = errorItems(envelope.errors, redact);
  const details = {
    status,
    endpoint,
    ...(requestId ? { request_id: requestId } : {}),
    ...(param ? { param } : {}),
    ...(items.length > 0 ? { errors: items } : {}),
  };

  if (status === 401 || code === 'unauthorized') {
    return new AuthError(message, { code: 'unauthorized', details });
  }
  // 403 is "authenticated but not permitted" whatever the code (contract §1.4): exit 3, like 401.
  if (status === 403 || code === 'forbidden' || code === 'resource_access_denied' || code === 'ai_vendor_access_restricted') {
    return new AuthError(message, { code, suggestion: forbiddenSuggestion(code), details });
  }
  return new ApiError(message, {
    status,
    apiCode: code,
    requestId,
    endpoint,
    param: param ?? undefined,
    docUrl: docUrl ?? undefined,
    suggestion: suggestionFor(code, { param: param ?? undefined, endpoint, requestId, idempotencyKey: facts.idempotencyKey }),
    details: items.length > 0 ? { errors: items } : {},
  });
}

interface ErrorItem {
  code: string | null;
  message: string | null;
  path: string | null;
}

/** The envelope's `errors[]` as {code, message, path}; node_id/port (workflow errors) become the path. */
function errorItems(raw: ErrorEnvelope['error']['errors'], redact: (text: string) => string): ErrorItem[] {
  if (!raw) return [];
  return raw.map((item) => {
    const path = Array.isArray(item.path)
      ? formatIssuePath(item.path)
      : (item.path ?? ([item.node_id, item.port].filter(Boolean).join(':') || null));
    return { code: item.code ?? null, message: item.message ? redact(item.message) : null, path };
  });
}

/** A 2xx whose body is not JSON or does not match the schema. */
export function malformedResponse(
  facts: { endpoint: string; status: number; requestId?: string; redact?: (text: string) => string },
  problem: { zodError?: z.core.$ZodError; bodyText?: string },
): ApiError {
  const redact = facts.redact ?? ((text: string) => text);
  let what: string;
  if (problem.zodError) {
    const issue = problem.zodError.issues[0];
    const at = issue ? formatIssuePath(issue.path) : '';
    what = `does not match the expected shape${at ? ` at ${at}` : ''}${issue ? ` (${issue.message})` : ''}`;
  } else {
    const snippet = textSnippet(problem.bodyText ?? '');
    what = `is not JSON${snippet ? `: "${snippet}"` : ' (empty body)'}`;
  }
  return new ApiError(redact(`${facts.endpoint} returned ${facts.status} but the body ${what}.`), {
    code: 'malformed_response',
    status: facts.status,
    requestId: facts.requestId,
    endpoint: facts.endpoint,
    suggestion: withRequestId(
      'The API answered in an unexpected shape; retry, and if it persists upgrade heygen-twin or report it',
      facts.requestId,
    ),
  });
}

/** Maps an `error.param` to the flag a user would change; unknown params get kebab-cased. */
export function flagForParam(param: string): string {
  // A batch item's field is `videos[i].field`; the flag (or manifest column) is the field's.
  const field = param.replace(/^videos\[\d+\]\./, '');
  const known: Record<string, string> = {
    avatar_id: 'look',
    voice_id: 'voice',
    'engine.type': 'engine',
    'engine.reference_look_id': 'reference-look',
    audio_url: 'audio-url',
    'voice_settings.speed': 'voice-speed',
    'voice_settings.pitch': 'voice-pitch',
    'voice_settings.locale': 'voice-locale',
    'voice_settings.volume': 'voice-volume',
  };
  if (known[field]) return known[field];
  const root = field.split(/[.[]/)[0] ?? field;
  if (root === 'background') return 'background';
  if (root === 'caption') return 'captions';
  // Fields no flag sets: only a JSON body (-d/--data) can carry them.
  if (root === 'watermark' || root === 'audio_asset_id' || field.startsWith('voice_settings.')) return 'data';
  const last = field.split('.').filter(Boolean).pop() ?? field;
  return last
    .replace(/\[\d+\]/g, '')
    .replace(/_/g, '-')
    .toLowerCase();
}

// ---- helpers ------------------------------------------------------------------------------

function parseEnvelope(bodyText: string): ErrorEnvelope['error'] | undefined {
  try {
    const parsed = ErrorEnvelope().safeParse(JSON.parse(bodyText));
    return parsed.success ? parsed.data.error : undefined;
  } catch {
    return undefined;
  }
}

/** Gateway or WAF pages: classified by status alone, as the official CLI does (§1.4). */
function unclassifiedError(facts: ResponseFacts, redact: (text: string) => string): TwinError {
  const { endpoint, status, requestId } = facts;
  const snippet = redact(textSnippet(facts.bodyText));
  const message = `${endpoint} answered ${status} without an API error body${snippet ? `: "${snippet}"` : ''}.`;
  const common = { status, requestId, endpoint };
  if (status === 401) return new AuthError(message, { details: { status, endpoint } });
  if (status >= 500) {
    return new ApiError(message, {
      ...common,
      code: 'unclassified_server_error',
      suggestion: withRequestId(`A gateway or server in front of HeyGen failed; retry later${rerunHint(facts.idempotencyKey)}`, requestId),
    });
  }
  if (status === 400) {
    return new ApiError(message, {
      ...common,
      code: 'validation_error',
      suggestion: 'The request was rejected as invalid; check your flags and input.',
    });
  }
  if (status === 429) {
    // A gateway's own rate limit: retried like the API's, and worded like it once retries run out.
    const suggestion = suggestionFor('rate_limit_exceeded', common);
    return new ApiError(message, { ...common, code: 'unclassified_client_error', suggestion });
  }
  return new ApiError(message, {
    ...common,
    code: 'unclassified_client_error',
    suggestion: withRequestId('The request was refused before it reached the API; check HEYGEN_API_BASE', requestId),
  });
}

function suggestionFor(code: string, ctx: { param?: string; endpoint: string; requestId?: string; idempotencyKey?: string }): string {
  switch (code) {
    case 'invalid_parameter':
      return ctx.param ? `Check --${flagForParam(ctx.param)} (the API rejected "${ctx.param}").` : 'Check the flags and input values.';
    case 'insufficient_credit':
      return `Top up credits or upgrade your plan in HeyGen, then retry; \`${twinInvocation()} auth status\` shows your balance.`;
    case 'rate_limit_exceeded':
    case 'quota_exceeded':
      return `Wait a minute and retry; in \`${twinInvocation()} batch run\`, lower --concurrency.`;
    case 'voice_not_usable':
      return `This voice cannot be used for this request or plan; pick another with \`${twinInvocation()} voices list\`.`;
    case 'payload_too_large':
      return 'The request is too large: shorten the script (at most 5,000 characters) or split the batch.';
    case 'request_in_progress':
      return 'The same request is still running; wait, then re-run with the same --idempotency-key.';
    case 'conflict':
      return 'The resource changed or is busy; fetch it again and retry.';
    case 'download_failed':
      // HeyGen could not fetch a file the request points at (contract §1.4): nothing rendered.
      return `HeyGen could not download the file given as ${ctx.param ? `"${ctx.param}" (--${flagForParam(ctx.param)})` : 'a URL in the request'}: use a public URL that needs no login and whose extension matches the content (audio and images at most 50 MB, video 100 MB), or upload the file as a HeyGen asset and pass its id.`;
    case 'asset_not_available':
      return 'The asset is not ready or not available; check its id and try again later.';
    case 'internal_error':
      return withRequestId(`HeyGen had a server error; retry later${rerunHint(ctx.idempotencyKey)}`, ctx.requestId);
  }
  if (code === 'not_found' || code.endsWith('_not_found')) return notFoundSuggestion(code, ctx.endpoint);
  return withRequestId(`See https://developers.heygen.com/docs/error-codes for "${code}"`, ctx.requestId);
}

function notFoundSuggestion(code: string, endpoint: string): string {
  const subject = code.replace(/_not_found$/, '');
  if (subject === 'voice' || endpoint.includes('/v3/voices')) return `Check the id with \`${twinInvocation()} voices list\`.`;
  if (subject === 'avatar' || endpoint.includes('/v3/avatars')) return `Check the id with \`${twinInvocation()} looks list\`.`;
  if (endpoint.includes('/v3/webhooks')) return `Check the id with \`${twinInvocation()} webhooks list\`.`;
  if (endpoint.includes('/v3/videos/batches'))
    return `Check the batch id printed by \`${twinInvocation()} batch run\` (it is kept in the journal).`;
  if (subject === 'video' || endpoint.includes('/v3/videos')) return `Check the id with \`${twinInvocation()} video list\`.`;
  return `Check the id: \`${twinInvocation()} looks list\`, \`${twinInvocation()} voices list\` or \`${twinInvocation()} video list\` show what exists.`;
}

function forbiddenSuggestion(code: string): string {
  if (code === 'ai_vendor_access_restricted') {
    return 'This AI feature is restricted for your account; contact HeyGen support or pick another voice/engine.';
  }
  return 'Your key is valid but not allowed to use this resource; check that the id belongs to your account and your plan includes it.';
}

/** The request may have been carried out: only a re-run with the same key is safe. */
export function rerunHint(idempotencyKey?: string): string {
  return idempotencyKey ? `; it may have gone through, so re-run with --idempotency-key ${idempotencyKey} to avoid doing it twice` : '';
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

function withRequestId(text: string, requestId?: string): string {
  return requestId ? `${text} (request id ${requestId} for support).` : `${text}.`;
}

/** zod issue path as `data.items[2].status`. */
function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    return out ? `${out}.${String(part)}` : String(part);
  }, '');
}

/** A short, readable line from any body: HTML tags, scripts and styles are dropped. */
export function textSnippet(body: string, max = 160): string {
  let text = body;
  if (/<[a-z!/][^>]*>/i.test(body)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body)?.[1] ?? '';
    text = body
      .replace(/<head[\s\S]*?<\/head>/gi, ' ')
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<[^>]*>/g, ' ');
    if (!text.trim()) text = title;
    text = text
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "Look lk_1 not found", or from a bare "Not found" the thing the endpoint is about. */
function notFoundMessage(endpoint: string, apiMessage: string): string {
  const text = apiMessage.replace(/\.$/, '');
  if (/\s/.test(text) && !/^(resource )?not found$/i.test(text)) return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  const noun = /\/v3\/(?:[a-z]+\/)*([a-z_]+)\/\{/.exec(endpoint)?.[1]?.replace(/_/g, ' ').replace(/s$/, '') ?? 'resource';
  return `${noun[0]!.toUpperCase()}${noun.slice(1)} not found (${endpoint}).`;
}
