// The library as a TypeScript user calls it (issue 23, 12), against the sandbox: createVideo takes
// the friendly input, followVideo downloads without `wait` (a download implies the wait), every
// saved file has its sha256, and a 404 after the video was seen is not mistaken for lag (3).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createClient, createVideo, followVideo, type HeyGenClient } from '../../src/index.js';
import { tempDir } from '../helpers/harness.js';
import { DEFAULT_TIMING } from '../../src/core/poll/poller.js';
import { DEFAULTS } from '../../src/config/load.js';
import { parseDuration } from '../../src/shared/duration.js';

let sandbox: Sandbox;
let client: HeyGenClient;
beforeAll(async () => {
  sandbox = await startSandbox({ renderMs: 300 });
  client = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});

describe('the library', () => {
  it('createVideo takes { look, voice, script } and followVideo downloads with no `wait` given', async () => {
    const created = await createVideo(client, { look: 'lk_alex_office', voice: 'v_en_m_01', script: 'Hello from the library.' });
    expect(created.request).toMatchObject({ type: 'avatar', avatar_id: 'lk_alex_office', voice_id: 'v_en_m_01' });
    const dir = tempDir();
    const { video, files } = await followVideo(client, created.video_id, { download: `${dir}/`, intervalMs: 50 });
    expect(video.status).toBe('completed');
    expect(files).toHaveLength(1);
    const sha: string = files[0]!.sha256; // always present, no `?`
    expect(sha).toBe(createHash('sha256').update(readFileSync(files[0]!.path)).digest('hex'));
  });

  it('a 404 after the video was seen ends the wait at once (not read-after-write lag)', async () => {
    const created = await createVideo(client, { look: 'lk_alex_office', voice: 'v_en_m_01', script: 'Gone soon.' });
    sandbox.options.renderMs = 60_000;
    let injected = false;
    const error: { exitCode?: number; details?: Record<string, unknown> } = await followVideo(
      client,
      created.video_id,
      { wait: true, intervalMs: 20, timeoutMs: 30_000 },
      {
        onProgress: () => {
          if (injected) return;
          injected = true;
          sandbox.inject({ kind: 'lag-404', route: 'GET /v3/videos/:id', times: 50 });
        },
      },
    ).then(
      () => ({}),
      (e: { exitCode: number; details: Record<string, unknown> }) => e,
    );
    sandbox.options.renderMs = 300;
    expect(error.exitCode).toBe(1);
    expect(error.details?.status).toBe(404);
  });
});

describe('library errors speak of the inputs, not of command-line flags (issue 23, 12)', () => {
  /** The error's words: what a library user reads (message and suggestion). */
  const words = async (run: () => Promise<unknown>) => {
    const error = (await run().then(
      () => undefined,
      (e: unknown) => e,
    )) as { message: string; suggestion?: string; exitCode: number } | undefined;
    expect(error, 'it should have failed').toBeDefined();
    return { text: `${error!.message}\n${error!.suggestion ?? ''}`, exitCode: error!.exitCode };
  };
  const base = { voice: 'v_en_m_01', script: 'Hello.' };

  it.each([
    ['an engine the look lacks', { ...base, look: 'lk_alex_studio', engine: 'avatar_v' as const }, /`engine`.*avatar_v/],
    [
      'expressiveness off Avatar IV',
      { ...base, look: 'lk_alex_office', engine: 'avatar_v' as const, expressiveness: 'high' as const },
      /`expressiveness`: is Avatar IV only; remove it or use `engine` avatar_iv/,
    ],
    ['no script and no audio', { look: 'lk_alex_office', voice: 'v_en_m_01' }, /`script`: is required: give a `script`/],
    [
      'a background on webm',
      { ...base, look: 'lk_alex_office', outputFormat: 'webm' as const, background: '#112233' },
      /`outputFormat` webm/,
    ],
    ['a speed out of range', { ...base, look: 'lk_alex_office', voiceSpeed: 9 }, /voiceSpeed/],
  ])('createVideo: %s', async (_what, input, named) => {
    const { text, exitCode } = await words(() => createVideo(client, input));
    expect(exitCode).toBe(2);
    expect(text).toMatch(named);
    expect(text).not.toContain('--');
  });

  it('followVideo: a file in the way names `force`, and no twin command line', async () => {
    sandbox.clearFaults(); // the lag-404s the test above left queued
    const created = await createVideo(client, { look: 'lk_alex_office', voice: 'v_en_m_01', script: 'In the way.' });
    const path = join(tempDir(), 'talk.mp4');
    writeFileSync(path, 'old');
    const { text } = await words(() => followVideo(client, created.video_id, { download: path, intervalMs: 50 }));
    expect(text).toContain('`force`');
    expect(text).not.toContain('--');
    expect(text).not.toContain('twin video download');
  });

  it('a wait that times out names the call that resumes it, not a twin command line or its flags', async () => {
    sandbox.clearFaults();
    const created = await createVideo(client, { look: 'lk_alex_office', voice: 'v_en_m_01', script: 'Slow one.' });
    sandbox.options.renderMs = 60_000;
    try {
      const { text } = await words(() =>
        followVideo(client, created.video_id, { download: `${tempDir()}/`, intervalMs: 20, timeoutMs: 200 }),
      );
      expect(text).toContain(`followVideo(client, "${created.video_id}", …) again`);
      expect(text).not.toContain('--');
      expect(text).not.toMatch(/twin video wait/);
    } finally {
      sandbox.options.renderMs = 300;
    }
  });

  it("followVideo waits as long as the command line does by default (the settings' timeout)", () => {
    expect(DEFAULT_TIMING.timeoutMs).toBe(parseDuration(DEFAULTS.timeout, 'timeout'));
  });
});
