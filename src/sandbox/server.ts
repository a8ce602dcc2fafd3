// Starts and stops the emulator. close() cancels every timer, outgoing webhook and open socket, so a
// test process holds no handles afterwards.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_SCHEME, parseScheme, SCHEME_PRESETS, type Scheme } from '../shared/webhook-signature.js';
import { injectFault } from './faults.js';
import { tick } from './lifecycle.js';
import { handleRequest } from './pipeline.js';
import { createPrng, type State } from './state.js';
import { errorBody } from './errors.js';
import { DEFAULT_FAULT_RATES, DEFAULT_OPTIONS, type Sandbox, type SandboxOptions } from './types.js';
import { videoFile } from './videos.js';
import { cloneSeedLooks } from './data/looks.js';
import { VOICES } from './data/voices.js';

const TICK_MS = 50;

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function webhookScheme(text: string | undefined): Scheme {
  const scheme = parseScheme(text ?? DEFAULT_SCHEME);
  if (!scheme)
    throw new Error(
      `sandbox: unknown webhook scheme ${JSON.stringify(text)}; use one of ${Object.keys(SCHEME_PRESETS).join(', ')} or header/message/key/encoding[/prefix]`,
    );
  return scheme;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const host = opts.host ?? DEFAULT_OPTIONS.host;
  const state: State = {
    apiKey: opts.apiKey ?? DEFAULT_OPTIONS.apiKey,
    baseUrl: '',
    now: opts.now ?? Date.now,
    rand: createPrng(opts.seed ?? DEFAULT_OPTIONS.seed),
    options: {
      renderMs: opts.renderMs ?? DEFAULT_OPTIONS.renderMs,
      concurrencyLimit: opts.concurrencyLimit ?? DEFAULT_OPTIONS.concurrencyLimit,
      urlTtlMs: opts.urlTtlMs ?? DEFAULT_OPTIONS.urlTtlMs,
      cloneMs: opts.cloneMs ?? DEFAULT_OPTIONS.cloneMs,
      cloneIdDiffers: opts.cloneIdDiffers ?? false,
      omitOptional: opts.omitOptional ?? false,
      webhookScheme: webhookScheme(opts.webhookScheme),
      proofreads: opts.proofreads ?? true,
      translationLanguageCodes: opts.translationLanguageCodes ?? false,
      hostileIds: opts.hostileIds ?? false,
      ...(opts.videoBytes === undefined ? {} : { videoBytes: opts.videoBytes }),
      ...(opts.billing === undefined ? {} : { billing: opts.billing }),
      ...(opts.studioUnavailable === undefined ? {} : { studioUnavailable: opts.studioUnavailable }),
      ...(opts.studioUnconfirmed === undefined ? {} : { studioUnconfirmed: opts.studioUnconfirmed }),
    },
    faults: { ...DEFAULT_FAULT_RATES, ...opts.faults },
    scripted: [],
    counters: { requests: {}, rendered: 0, downloadBytes: 0 },
    received: [],
    log: opts.log ?? (() => {}),
    videos: new Map(),
    batches: new Map(),
    endpoints: new Map(),
    events: [],
    idempotency: new Map(),
    assets: new Map(),
    looks: cloneSeedLooks(),
    groups: new Map(),
    training: new Map(),
    voices: VOICES.map((v) => ({ ...v })),
    clones: new Map(),
    speech: new Map(),
    urlSeq: 0,
    revokedUpTo: 0,
    urlSecret: randomBytes(32),
    seq: 0,
    timers: new Map(),
    outgoing: new Set(),
    closed: false,
    pending: new Set(),
    translations: new Map(),
    translationBatches: new Map(),
    proofreads: new Map(),
  };

  const server = createServer((req, res) => {
    handleRequest(state, req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return;
      const body = JSON.stringify(errorBody('internal_error', `sandbox: ${err instanceof Error ? err.message : String(err)}`));
      res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(body);
    });
  });
  // Idle keep-alive sockets outlive any client's idle timer (undici keeps one ~4 s), as real API
  // and S3 hosts do: with Node's 5 s default a loaded machine could reuse a socket the server
  // was closing at that moment, and the request died with ECONNRESET. close() ends them all.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_OPTIONS.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  state.baseUrl = `http://${urlHost(host)}:${port}`;
  const ticker = setInterval(() => tick(state), TICK_MS);
  ticker.unref();

  const counters = state.counters;
  return {
    url: state.baseUrl,
    port,
    apiKey: state.apiKey,
    faults: state.faults,
    options: state.options,
    inject: (f) => injectFault(state, f),
    pendingFaults: () => state.scripted.map(({ remaining, ...fault }) => ({ ...fault, times: remaining })),
    clearFaults: () => void state.scripted.splice(0),
    counters,
    received: state.received,
    videoSha256(videoId) {
      const video = state.videos.get(videoId);
      const file = video && videoFile(video, `video.${video.request.outputFormat}`);
      if (!file) throw new Error(`sandbox: no video ${videoId}`);
      return file.sha256();
    },
    resetCounters() {
      for (const k of Object.keys(counters.requests)) delete counters.requests[k];
      counters.rendered = 0;
      counters.downloadBytes = 0;
    },
    clearIdempotency() {
      state.idempotency.clear();
    },
    async close() {
      if (state.closed) return;
      state.closed = true;
      clearInterval(ticker);
      for (const [timer, wake] of state.timers) {
        clearTimeout(timer);
        wake();
      }
      state.timers.clear();
      for (const r of state.outgoing) r.destroy();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await Promise.allSettled([...state.pending]);
    },
  };
}
