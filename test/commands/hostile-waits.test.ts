// Hostile API answers for the phase-A waits and lists (issue 22): a GET that never answers, an
// endless or huge body. Every wait ends by its --timeout (exit 4, the resume command printed);
// every body is capped.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type HeyGenClient } from '../../src/api/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runTwin, tempDir } from '../helpers/harness.js';
import { silentWav } from '../helpers/wav.js';

let sandbox: Sandbox;
let api: HeyGenClient;
let videoUrl: string;
let videoId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ renderMs: 30, concurrencyLimit: 100, cloneMs: 60_000 });
  api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
  const v = await api.createVideo({ type: 'avatar', avatar_id: 'lk_alex_office', voice_id: 'v_en_m_01', script: 'Hi there.' } as never);
  videoId = v.video_id;
  await new Promise((r) => setTimeout(r, 60));
  videoUrl = (await api.getVideo(v.video_id)).video_url!;
});
afterEach(() => sandbox.clearFaults());
afterAll(async () => {
  await api.close();
  await sandbox.close();
});

const twin = (argv: string[], cwd = tempDir()) =>
  runTwin(argv, { sandbox, cwd, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))) });
const timed = async (argv: string[], cwd?: string) => {
  const started = Date.now();
  const r = await twin(argv, cwd);
  return { ...r, ms: Date.now() - started };
};

describe('every wait ends by its deadline, even when the API never answers', () => {
  it('translations wait --timeout 2s: a status read that hangs → exit 4 with the resume command', async () => {
    const t = await api.createTranslation({
      video: { type: 'url', url: videoUrl },
      output_languages: ['French (France)'],
      mode: 'speed',
    } as never);
    const id = t.video_translation_ids[0]!;
    sandbox.inject({ kind: 'hang', route: 'GET /v3/video-translations/:id', times: 50 });
    const r = await timed(['translations', 'wait', id, '--timeout', '2s']);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toContain(`twin translations wait ${id}`);
    expect(r.ms).toBeLessThan(15_000);
  }, 30_000);

  it('translate --wait --timeout 2s: a status read that hangs → exit 4 with the resume command', async () => {
    sandbox.inject({ kind: 'hang', route: 'GET /v3/video-translations/:id', times: 50 });
    const r = await timed(['translate', videoId, '--to', 'German (Germany)', '--wait', '--timeout', '2s']);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toContain('twin translations wait ');
    expect(r.ms).toBeLessThan(15_000);
  }, 30_000);

  it('voices clone --wait --timeout 2s: a clone that never finishes, its reads hanging → exit 4 naming voices wait', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'me.wav'), silentWav(12, 8123));
    sandbox.inject({ kind: 'hang', route: 'GET /v3/voices/:id', times: 50 });
    const r = await timed(['voices', 'clone', 'me.wav', '--name', 'Hang test', '--wait', '--timeout', '2s'], cwd);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/twin voices wait vc_/);
    expect(r.ms).toBeLessThan(15_000);
  }, 30_000);
});

describe('every body is capped', () => {
  it('translations languages: a 64 MB answer is refused, not buffered', async () => {
    sandbox.inject({ kind: 'huge', route: 'GET /v3/video-translations/languages', bytes: 64 * 1024 * 1024, times: 10 });
    const r = await timed(['translations', 'languages', '--refresh']);
    expect(r.code, r.stderr).not.toBe(0);
    expect(r.stderr).toMatch(/large|MB|MiB|limit/i);
  }, 60_000);

  it('voices search: a 64 MB answer is refused', async () => {
    sandbox.inject({ kind: 'huge', route: 'POST /v3/voices', bytes: 64 * 1024 * 1024, times: 10 });
    const r = await timed(['voices', 'search', 'a calm narrator']);
    expect(r.code, r.stderr).not.toBe(0);
    expect(r.stderr).toMatch(/large|MB|MiB|limit/i);
  }, 60_000);
});
