// Shared test plumbing: a sandbox with a hand-driven clock and a small JSON fetch helper.
import { afterEach, expect } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';

export interface Clock {
  now: () => number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function fakeClock(start = 1_800_000_000_000): Clock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (ms) => {
      t = ms;
    },
  };
}

const open: Sandbox[] = [];
afterEach(async () => {
  const sandboxes = open.splice(0);
  // A fault injected but never met means the test did not exercise what it claims.
  const left = sandboxes.flatMap((s) => s.pendingFaults());
  await Promise.all(sandboxes.map((s) => s.close()));
  expect(left, 'scripted faults left unused').toEqual([]);
});

/** Starts a sandbox that is closed automatically after the test. */
export async function sandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const sb = await startSandbox(opts);
  open.push(sb);
  return sb;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: any;
}

export async function call(
  sb: Sandbox,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  const res = await fetch(`${sb.url}${path}`, {
    method,
    headers: {
      'x-api-key': sb.apiKey,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

export const get = (sb: Sandbox, path: string, headers?: Record<string, string>) => call(sb, 'GET', path, undefined, headers);
export const post = (sb: Sandbox, path: string, body: unknown, headers?: Record<string, string>) => call(sb, 'POST', path, body, headers);

export const BASIC_VIDEO = { type: 'avatar', avatar_id: 'lk_alex_office', script: 'Hello from the sandbox. This is a test.' };

export async function createVideo(sb: Sandbox, extra: Record<string, unknown> = {}, headers?: Record<string, string>): Promise<string> {
  const res = await post(sb, '/v3/videos', { ...BASIC_VIDEO, ...extra }, headers);
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.video_id as string;
}

/** Creates a video and moves the clock past its render. */
export async function completedVideo(sb: Sandbox, clock: Clock, extra: Record<string, unknown> = {}): Promise<{ id: string; video: any }> {
  const id = await createVideo(sb, extra);
  clock.advance(sb.options.renderMs + 1);
  const res = await get(sb, `/v3/videos/${id}`);
  return { id, video: res.body.data };
}

export function expectError(res: JsonResponse, status: number, code: string, param?: string): void {
  if (res.status !== status || res.body?.error?.code !== code || (param !== undefined && res.body.error.param !== param)) {
    throw new Error(`expected ${status} ${code}${param ? ` param=${param}` : ''}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** POST /v3/assets with one multipart part named `file`; the new asset id. */
export async function uploadAsset(sb: Sandbox, data: Buffer, headers: Record<string, string> = {}): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), 'upload.bin');
  const res = await fetch(`${sb.url}/v3/assets`, { method: 'POST', headers: { 'x-api-key': sb.apiKey, ...headers }, body: form });
  const body = (await res.json()) as { data: { asset_id: string } };
  if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${JSON.stringify(body)}`);
  return body.data.asset_id;
}
