// `twin webhooks listen`: a local receiver for development and scripts. Ctrl-C is the normal
// way to stop it (exit 0 with a summary); with --exit-on it ends when that video's event
// arrives (0 success, 5 failure), and Ctrl-C before that is an interruption (130).
import type { Context } from '../../ui/context-types.js';
import { SIGNATURE_HEADERS } from '../../shared/webhook-signature.js';
import {
  startWebhookListener,
  type Delivery,
  type ListenerHandlers,
  type ListenerOptions,
  type WebhookListener,
} from '../../core/webhooks/listener.js';
import { ExitCode, InterruptedError, RenderFailedError, UsageError, WaitTimeoutError } from '../../shared/errors.js';
import { isLoopbackHost } from '../../api/base-url.js';
import { parseOptions } from '../options.js';
import { parseDuration } from '../../shared/duration.js';
import type { CommandInput } from '../types.js';
import { printEvent, printForward, printRejection, schemeLine, summary } from './listen-output.js';
import { VIDEO_EVENTS, parseEventList } from './shared.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const DEFAULT_PORT = 4242;

const Options = z.object({
  port: z._default(
    z
      .pipe(z.string().check(z.regex(/^\d{1,5}$/, 'must be a port number (0 picks a free one)')), z.transform(Number))
      .check(z.refine((n: number) => n <= 65535, 'must be at most 65535')),
    DEFAULT_PORT,
  ),
  host: z._default(z.string().check(z.trim(), z.minLength(1, 'must not be empty')), '127.0.0.1'),
  secret: z.optional(z.array(z.string().check(z.trim(), z.minLength(1, 'must not be empty')))),
  forwardTo: z.optional(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })),
  events: z.optional(z.string()),
  exitOn: z.optional(z.string().check(z.trim(), z.minLength(1, 'must be a video id'))),
  timeout: z.optional(z.string()),
  signatureHeader: z.optional(z.string().check(z.regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name'))),
  tolerance: z._default(z.string(), '300s'),
  path: z.optional(z.string().check(z.startsWith('/', 'must start with /'))),
});

type Outcome = { kind: 'stopped' } | { kind: 'timeout' } | { kind: 'video'; delivery: Delivery };

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const opts = parseOptions(Options, input.opts);
  const events = opts.events === undefined ? undefined : (parseEventList(opts.events, '--events') ?? undefined);
  const toleranceSec = Math.floor(parseDuration(opts.tolerance, '--tolerance') / 1000);
  const timeoutMs = opts.timeout === undefined ? undefined : parseDuration(opts.timeout, '--timeout');
  checkExitOn(opts.exitOn, events, timeoutMs);
  const secrets = opts.secret ?? (ctx.env.HEYGEN_WEBHOOK_SECRET ? [ctx.env.HEYGEN_WEBHOOK_SECRET] : []);

  let finish: (o: Outcome) => void = () => {};
  const done = new Promise<Outcome>((resolve) => (finish = resolve));
  const settings: ListenerOptions = {
    host: opts.host,
    port: opts.port,
    path: opts.path,
    secrets,
    signatureHeader: opts.signatureHeader,
    toleranceSec,
    events,
    forwardTo: opts.forwardTo,
    now: ctx.now,
  };
  const { out } = ctx;
  const signatureHeaders = [...new Set([...(opts.signatureHeader ? [opts.signatureHeader.toLowerCase()] : []), ...SIGNATURE_HEADERS])];
  const listener = await start(settings, {
    delivery: (d) => {
      printEvent(out, d);
      if (opts.exitOn && d.eventData.video_id === opts.exitOn && isVideoEvent(d.eventType)) finish({ kind: 'video', delivery: d });
    },
    duplicate: (d) => out.info(out.style.dim(`  ↺ redelivery of ${d.eventId ?? 'an identical body'} acknowledged and dropped`)),
    ignored: (d) => out.info(out.style.dim(`  ${d.eventType ?? 'an event'} ignored (not in --events)`)),
    rejected: (r) => printRejection(out, r, signatureHeaders),
    forwarded: (d, f) => printForward(out, d, f),
    scheme: (s) => ctx.io.stderr.write(`${schemeLine(s)}\n`),
  });

  const started = ctx.now();
  announce(ctx, listener, { secrets, host: opts.host, exitOn: opts.exitOn, forwardTo: opts.forwardTo });
  const outcome = await waitFor(ctx, done, timeoutMs);
  await listener.close();
  ctx.out.info(summary(listener.stats, ctx.now() - started));
  return conclude(outcome, opts.exitOn, ctx.signal.aborted);
}

function checkExitOn(exitOn: string | undefined, events: string[] | undefined, timeoutMs: number | undefined): void {
  if (timeoutMs !== undefined && !exitOn) {
    throw new UsageError('--timeout only applies with --exit-on (how long to wait for that video).', { flag: '--timeout' });
  }
  if (exitOn && events && !events.some(isVideoEvent)) {
    throw new UsageError(`--exit-on waits for ${VIDEO_EVENTS.join(' or ')}, but --events leaves both out.`, {
      flag: '--events',
      suggestion: `Add ${VIDEO_EVENTS.join(',')} to --events, or drop --events.`,
    });
  }
}

async function start(settings: ListenerOptions, handlers: ListenerHandlers): Promise<WebhookListener> {
  try {
    return await startWebhookListener(settings, handlers);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const { port, host } = settings;
    if (code === 'EADDRINUSE') {
      throw new UsageError(`--port ${port}: the port is already in use on ${host}.`, {
        flag: '--port',
        suggestion: 'Pick another port, or --port 0 for a free one.',
      });
    }
    if (code === 'EACCES') {
      throw new UsageError(`--port ${port}: not allowed to listen on this port.`, { flag: '--port', suggestion: 'Use a port above 1023.' });
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new UsageError(`--host ${host}: not an address of this machine.`, {
        flag: '--host',
        suggestion: 'Use 127.0.0.1 (the default) or 0.0.0.0.',
      });
    }
    throw error;
  }
}

function announce(
  ctx: Context,
  listener: WebhookListener,
  o: { secrets: string[]; host: string; exitOn?: string; forwardTo?: string },
): void {
  // Always shown (also with --json): scripts and tests read the port from it, and it is on stderr.
  ctx.io.stderr.write(`Listening for webhooks on ${listener.url}\n`);
  if (o.secrets.length === 0) {
    ctx.out.warn('No --secret (or HEYGEN_WEBHOOK_SECRET): accepting unsigned events; signatures are not checked.');
  }
  if (!isLoopbackHost(o.host)) ctx.out.warn(`Listening on ${o.host}: other machines on the network can reach this listener.`);
  if (o.forwardTo) ctx.out.info(`Forwarding each event to ${o.forwardTo}`);
  ctx.out.info(o.exitOn ? `Waiting for video ${o.exitOn} to succeed or fail.` : 'Press Ctrl-C to stop.');
}

async function waitFor(ctx: Context, done: Promise<Outcome>, timeoutMs: number | undefined): Promise<Outcome> {
  const stopTimer = new AbortController();
  const stopped = new Promise<Outcome>((resolve) => {
    if (ctx.signal.aborted) resolve({ kind: 'stopped' });
    ctx.signal.addEventListener('abort', () => resolve({ kind: 'stopped' }), { once: true });
  });
  const racers = [done, stopped];
  if (timeoutMs !== undefined) {
    racers.push(
      ctx.sleep(timeoutMs, stopTimer.signal).then(
        (): Outcome => ({ kind: 'timeout' }),
        () => new Promise<never>(() => {}),
      ),
    );
  }
  try {
    return await Promise.race(racers);
  } finally {
    stopTimer.abort();
  }
}

function conclude(outcome: Outcome, exitOn: string | undefined, interrupted: boolean): number {
  if (outcome.kind === 'video') {
    const { eventType, eventData } = outcome.delivery;
    if (eventType === 'avatar_video.success') return ExitCode.ok;
    const msg = typeof eventData.msg === 'string' && eventData.msg ? `: ${eventData.msg}` : '.';
    throw new RenderFailedError(`Video ${exitOn} failed${msg}`, {
      suggestion: `See \`${twinInvocation()} video get ${exitOn}\` for the failure details, then create it again.`,
      details: { video_id: exitOn },
    });
  }
  if (outcome.kind === 'timeout') {
    throw new WaitTimeoutError(`No event for video ${exitOn} arrived within --timeout.`, {
      suggestion: `It may still be rendering: \`${twinInvocation()} video wait ${exitOn}\`.`,
      details: { video_id: exitOn },
    });
  }
  if (exitOn && interrupted) {
    throw new InterruptedError(`Stopped before video ${exitOn} finished.`, {
      suggestion: `Check on it with \`${twinInvocation()} video wait ${exitOn}\`.`,
    });
  }
  return ExitCode.ok;
}

function isVideoEvent(type: string | null): boolean {
  return (VIDEO_EVENTS as readonly string[]).includes(type ?? '');
}
