// The library as a TypeScript user calls it (issue 23, 12), against the sandbox: createVideo takes
// the friendly input, followVideo downloads without `wait` (a download implies the wait), every
// saved file has its sha256, and a 404 after the video was seen is not mistaken for lag (3).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createClient, createVideo, followVideo, type HeyGenClient } from '../../src/index.js';
import { tempDir } from '../helpers/harness.js';

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
