// twin sandbox: the built-in HeyGen v3 emulator in the foreground, for trying twin (or any
// HeyGen client) with no account, no network and no credits. Prints the two environment
// lines that point twin at it; stops cleanly on Ctrl-C.
import type { Context } from '../../ui/context-types.js';
import { TwinError, UsageError } from '../../shared/errors.js';
import { parseOptions } from '../options.js';
import { parseDuration } from '../../shared/duration.js';
import { parseScheme, SCHEME_PRESETS } from '../../shared/webhook-signature.js';
import type { CommandInput } from '../types.js';
import type { ScriptedFault } from '../../sandbox/types.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

const probability = z.coerce.number().check(z.gte(0, 'must be between 0 and 1'), z.lte(1, 'must be between 0 and 1'));
const count = (min: number) => z.coerce.number().check(z.int('must be a whole number'), z.gte(min, `must be at least ${min}`));

const optionsSchema = z.object({
  port: z._default(count(0).check(z.lte(65535, 'must be at most 65535')), 4010),
  host: z._default(z.string().check(z.minLength(1)), '127.0.0.1'),
  renderTime: z._default(z.string(), '8s'),
  concurrencyLimit: z.optional(count(1)),
  urlTtl: z.optional(z.string()),
  videoBytes: z.optional(z.string()),
  // Commander names these rate429/rate5xx; these keys make errors name the flags as typed.
  'rate-429': z.optional(probability),
  'rate-5xx': z.optional(probability),
  dropBefore: z.optional(probability),
  dropAfter: z.optional(probability),
  failRender: z.optional(probability),
  truncateAt: z.optional(z.string()),
  stallAt: z.optional(z.string()),
  stallFor: z.optional(z.string()),
  ignoreRange: z.optional(z.boolean()),
  lieLength: z.optional(z.string()),
  omitChecksum: z.optional(z.boolean()),
  retryAfter: z.optional(z.string().check(z.regex(/^\d+$/, 'must be whole seconds, e.g. 3600'))),
  garbleCreates: z.optional(count(1)),
  hangStatus: z.optional(count(1)),
  garbleStatus: z.optional(count(1)),
  lagReads: z.optional(count(1)),
  hugeBody: z.optional(z.string()),
  seed: z.optional(count(0)),
  webhookScheme: z.optional(z.string()),
  omitOptional: z.optional(z.boolean()),
  // --no-studio: commander sets studio false; true (the default) when absent.
  studio: z.optional(z.boolean()),
  studioUnconfirmed: z.optional(z.boolean()),
  verbose: z.optional(z.boolean()),
});

export async function run(ctx: Context, { opts }: CommandInput): Promise<number> {
  const { rate429, rate5xx, ...rest } = opts;
  const o = parseOptions(optionsSchema, { ...rest, 'rate-429': rate429, 'rate-5xx': rate5xx });
  const renderMs = parseDuration(o.renderTime, '--render-time');
  const urlTtlMs = o.urlTtl === undefined ? undefined : parseDuration(o.urlTtl, '--url-ttl');
  const videoBytes = o.videoBytes === undefined ? undefined : parseSize(o.videoBytes, '--video-bytes');
  const lieLength = o.lieLength === undefined ? undefined : parseSize(o.lieLength, '--lie-length');
  const downloadFaults = [
    ...parseOffsets(o.truncateAt, '--truncate-at').map((at) => ({ kind: 'truncate' as const, at })),
    ...parseOffsets(o.stallAt, '--stall-at').map((at) => ({
      kind: 'stall' as const,
      at,
      ...(o.stallFor !== undefined && { ms: parseDuration(o.stallFor, '--stall-for') }),
    })),
  ];
  if (o.stallFor !== undefined && o.stallAt === undefined) {
    throw new UsageError('--stall-for: only means something with --stall-at.', {
      flag: 'stall-for',
      suggestion: 'Add --stall-at <bytes>.',
    });
  }
  if (o.webhookScheme !== undefined && !parseScheme(o.webhookScheme)) {
    throw new UsageError(`--webhook-scheme: "${o.webhookScheme}" is not a signing scheme.`, {
      flag: 'webhook-scheme',
      suggestion: `Use one of ${Object.keys(SCHEME_PRESETS).join(', ')}, or header/message/key/encoding[/prefix] (message body|timestamp.body, key secret|whsec-bytes, encoding hex|base64, prefix sha256=|v1=).`,
    });
  }
  const { startSandbox } = await import('../../sandbox/index.js');
  const log = o.verbose
    ? (line: string) => ctx.io.stderr.write(`${ctx.out.style.dim(new Date(ctx.now()).toISOString().slice(11, 19))} ${line}\n`)
    : undefined;
  const sandbox = await startSandbox({
    port: o.port,
    host: o.host,
    renderMs,
    concurrencyLimit: o.concurrencyLimit,
    urlTtlMs,
    videoBytes,
    seed: o.seed,
    log,
    ...(o.webhookScheme !== undefined && { webhookScheme: o.webhookScheme }),
    ...(o.omitOptional && { omitOptional: true }),
    ...(o.studio === false && { studioUnavailable: true }),
    ...(o.studioUnconfirmed && { studioUnconfirmed: true }),
    faults: {
      ...(o['rate-429'] !== undefined && { rate429: o['rate-429'] }),
      ...(o['rate-5xx'] !== undefined && { rate5xx: o['rate-5xx'] }),
      ...(o.dropBefore !== undefined && { dropBefore: o.dropBefore }),
      ...(o.dropAfter !== undefined && { dropAfter: o.dropAfter }),
      ...(o.failRender !== undefined && { failRender: o.failRender }),
      ...(o.ignoreRange && { ignoreRange: true }),
      ...(lieLength !== undefined && { lieLength }),
      ...(o.omitChecksum && { noChecksum: true }),
      ...(o.retryAfter !== undefined && { retryAfter: o.retryAfter }),
    },
  }).catch((error: unknown) => {
    throw listenError(error, o.port, o.host);
  });
  const scripted = apiFaults(o);
  for (const fault of [...downloadFaults, ...scripted]) sandbox.inject(fault);
  try {
    // The sandbox key is not a secret (every sandbox accepts the same one); this is the only
    // place twin prints a key.
    const doc = {
      url: sandbox.url,
      api_key: sandbox.apiKey,
      options: snakeKeys(sandbox.options),
      faults: snakeKeys(sandbox.faults),
      download_faults: downloadFaults,
      api_faults: scripted,
    };
    ctx.out.result(doc, {
      human: (d) => `export HEYGEN_API_BASE=${d.url}\nexport HEYGEN_API_KEY=${d.api_key}`,
      quiet: (d) => [d.url],
    });
    const { style } = ctx.out;
    ctx.out.info(
      [
        `${style.green('✔')} HeyGen v3 sandbox listening on ${style.bold(sandbox.url)}: renders take ${o.renderTime}, ${sandbox.options.concurrencyLimit} at a time.`,
        ...downloadFaults.map(
          (f) => `  The first download to reach byte ${f.at} will be ${f.kind === 'truncate' ? 'cut off there' : 'paused there'}.`,
        ),
        ...scripted.map((f) => `  ${describeApiFault(f)}`),
        ...(o.studio === false ? ['  Multi-scene creates (type "studio") are answered 400, as an account without them.'] : []),
        ...(o.studioUnconfirmed ? ['  Multi-scene forms the contract leaves unconfirmed are accepted.'] : []),
        ...(lieLength ? [`  Every download announces ${lieLength} bytes more than it sends, then closes the connection.`] : []),
        `  Paste the two export lines into another shell, then try ${style.cyan(`${twinInvocation()} looks list`)} or ${style.cyan(`${twinInvocation()} wizard`)}.`,
        `  ${o.verbose ? 'Every request is logged below. ' : 'Add --verbose to log every request. '}Ctrl-C stops it.`,
      ].join('\n'),
    );
    await untilAborted(ctx.signal);
  } finally {
    await sandbox.close();
  }
  ctx.out.info('Sandbox stopped.');
  return 0;
}

/** --garble-creates, --hang-status, --garble-status, --lag-reads, --huge-body: scripted faults on the create and status routes. */
function apiFaults(o: {
  garbleCreates?: number;
  hangStatus?: number;
  garbleStatus?: number;
  lagReads?: number;
  hugeBody?: string;
}): ScriptedFault[] {
  const status = ['GET /v3/videos/:id', 'GET /v3/videos/statuses'];
  const read = 'GET /v3/videos/:id';
  return [
    ...(o.lagReads ? [{ kind: 'lag-404' as const, route: read, times: o.lagReads }] : []),
    ...(o.garbleStatus ? [{ kind: 'garbled' as const, route: read, times: o.garbleStatus }] : []),
    ...(o.garbleCreates ? [{ kind: 'garbled' as const, route: 'POST /v3/videos', times: o.garbleCreates }] : []),
    ...(o.hangStatus ? status.map((route) => ({ kind: 'hang' as const, route, times: o.hangStatus })) : []),
    ...(o.hugeBody !== undefined
      ? [{ kind: 'huge' as const, route: 'GET /v3/videos/:id', bytes: parseSize(o.hugeBody, '--huge-body') }]
      : []),
  ];
}

function describeApiFault(f: ScriptedFault): string {
  const times = 'times' in f && f.times !== undefined && f.times > 1 ? `The first ${f.times}` : 'The first';
  if (f.kind === 'garbled') return `${times} POST /v3/videos create the video, then answer a 200 cut in half.`;
  if (f.kind === 'hang') return `${times} ${f.route} requests never answer.`;
  if (f.kind === 'huge') return `The first GET /v3/videos/{id} answers a ${f.bytes}-byte JSON body.`;
  return f.kind;
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** 1048576, 512KiB, 1MB, 1GiB, 1g: bytes as a number (powers of 1024). */
export function parseSize(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`${flag}: "${text}" is not a size; use e.g. 1048576, 20MiB or 1GiB.`, { flag });
  const unit = (m[2] ?? 'b').toLowerCase()[0] as 'b' | 'k' | 'm' | 'g';
  const bytes = Math.round(Number(m[1]) * { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[unit]);
  if (bytes < 1) throw new UsageError(`${flag}: must be at least 1 byte.`, { flag });
  return bytes;
}

/** "1MiB,2000000" → byte offsets, each at least 1 (a cut at 0 would be a refused download). */
function parseOffsets(text: string | undefined, flag: string): number[] {
  if (text === undefined) return [];
  return text.split(',').map((part) => parseSize(part, flag));
}

function listenError(error: unknown, port: number, host: string): TwinError {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE') {
    return new UsageError(`Port ${port} on ${host} is already in use.`, {
      flag: '--port',
      suggestion: `Stop whatever uses it (another \`${twinInvocation()} sandbox\`?), or pass --port 0 for any free port.`,
    });
  }
  if (code === 'EACCES')
    return new UsageError(`Not allowed to listen on port ${port}.`, { flag: '--port', suggestion: 'Use a port above 1023.' });
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new UsageError(`Cannot listen on host ${host}.`, { flag: 'host' });
  return error instanceof TwinError ? error : new UsageError(`The sandbox could not start: ${(error as Error)?.message ?? String(error)}`);
}

/** --json keys are snake_case everywhere (renderMs → render_ms, rate5xx → rate_5xx). */
function snakeKeys(object: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k.replace(/([a-z])(?=[A-Z0-9])/g, '$1_').toLowerCase(), v]));
}
