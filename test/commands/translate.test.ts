// `twin translate` and `twin translations …` in-process through real HTTP against the sandbox: the
// exact body, one create for N languages, the key on a retried create, partial failure, suggestions,
// the proofread path, timeouts.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HeyGenClient } from '../../src/api/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { ROOT, runTwin, tempDir } from '../helpers/harness.js';
import { closeSandboxWithVideo, sandboxWithVideo } from '../helpers/rendered-video.js';

let sandbox: Sandbox;
let api: HeyGenClient;
let videoId: string;

beforeAll(async () => {
  ({ sandbox, api, videoId } = await sandboxWithVideo());
});
afterEach(() => {
  const left = sandbox.pendingFaults();
  sandbox.clearFaults();
  sandbox.options.proofreads = true;
  expect(left, 'scripted faults left unused').toEqual([]);
});
afterAll(() => closeSandboxWithVideo({ sandbox, api }));

const twin = (argv: string[], cwd = tempDir()) =>
  runTwin(argv, { sandbox, cwd, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))) });
const creates = () => sandbox.received.filter((r) => r.method === 'POST' && r.path === '/v3/video-translations');
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('twin translate', () => {
  it('one keyed create for three languages with the exact body, then waits and downloads each file', async () => {
    const cwd = tempDir();
    const before = creates().length;
    const r = await twin(
      ['translate', videoId, '--to', 'spanish (spain),German (Germany)', '--to', 'Japanese (Japan)', '--captions', '--download', '--json'],
      cwd,
    );
    expect(r.code, r.stderr).toBe(0);
    const sent = creates().slice(before);
    expect(sent).toHaveLength(1);
    const body = sent[0]?.body as Record<string, unknown>;
    expect(body).toEqual({
      video: { type: 'url', url: expect.stringContaining(`/download/${videoId}/video.mp4`) },
      output_languages: ['Spanish (Spain)', 'German (Germany)', 'Japanese (Japan)'],
      mode: 'speed',
      enable_caption: true,
    });
    const doc = JSON.parse(r.stdout);
    expect(sent[0]?.headers['idempotency-key']).toBe(doc.idempotency_key);
    expect(doc.translations.map((t: { language: string; status: string }) => [t.language, t.status])).toEqual([
      ['Spanish (Spain)', 'completed'],
      ['German (Germany)', 'completed'],
      ['Japanese (Japan)', 'completed'],
    ]);
    expect(doc.estimate).toMatchObject({ languages: 3, rate_usd_per_second: 0.0333, estimate: true });
    const stem = `Launch-${videoId}`;
    for (const slug of ['spanish-spain', 'german-germany', 'japanese-japan']) {
      for (const ext of ['mp4', 'srt', 'vtt']) expect(existsSync(join(cwd, `${stem}.${slug}.${ext}`)), `${slug}.${ext}`).toBe(true);
    }
    const es = doc.translations[0].files.find((f: { kind: string }) => f.kind === 'video');
    expect(sha(es.path)).toBe(es.sha256);
  });

  it('retries a create that met a 429 with the same Idempotency-Key: one job per language', async () => {
    sandbox.inject({ kind: '429', route: 'POST /v3/video-translations', retryAfter: '0' });
    const before = creates().length;
    const rendered = sandbox.counters.rendered;
    const r = await twin([
      'translate',
      'https://example.com/talk.mp4',
      '--to',
      'English',
      '--to',
      'Hindi (India)',
      '--idempotency-key',
      'my-key-1',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const sent = creates().slice(before);
    expect(sent.map((s) => s.headers['idempotency-key'])).toEqual(['my-key-1', 'my-key-1']);
    expect(sandbox.counters.rendered - rendered).toBe(2);
    expect(JSON.parse(r.stdout).translations).toHaveLength(2);
  });

  it('one failed language: exit 5, the others saved, the report names the failure', async () => {
    sandbox.inject({ kind: 'fail-translation', language: 'German (Germany)', failureMessage: 'no speech found' });
    const cwd = tempDir();
    const r = await twin(['translate', videoId, '--to', 'Spanish (Spain)', '--to', 'German (Germany)', '--download'], cwd);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('German (Germany)');
    expect(r.stderr).toContain('no speech found');
    expect(existsSync(join(cwd, `Launch-${videoId}.spanish-spain.mp4`))).toBe(true);
    expect(existsSync(join(cwd, `Launch-${videoId}.german-germany.mp4`))).toBe(false);
  });

  it('an unknown language is exit 2 with suggestions, before anything is paid for', async () => {
    const before = creates().length;
    const r = await twin(['translate', videoId, '--to', 'es', '--to', 'Klingon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"es"');
    expect(r.stderr).toContain('Spanish (Spain)');
    expect(r.stderr).toContain('Spanish (Mexico)');
    expect(r.stderr).toContain('Klingon');
    expect(creates().length).toBe(before);
  });

  it('pairs ids with languages by output_language when the API reports codes; budget guards refuse before paying', async () => {
    sandbox.options.translationLanguageCodes = true;
    try {
      const r = await twin(['translate', videoId, '--to', 'Dutch (Netherlands)', '--to', 'Russian (Russia)', '--wait', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc.translations.map((t: { language: string }) => t.language)).toEqual(['Dutch (Netherlands)', 'Russian (Russia)']);
      expect(doc.notes).toEqual([]);
    } finally {
      sandbox.options.translationLanguageCodes = false;
    }
    const before = creates().length;
    const many = await twin(['translate', videoId, '--to', 'English,Hindi (India),Polish (Poland)', '--max-renders', '2']);
    expect(many.code).toBe(2);
    expect(many.stderr).toContain('--max-renders 2');
    const long = await twin(['translate', videoId, '--to', 'English,Hindi (India)', '--max-minutes', '0.01']);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('--max-minutes');
    expect(creates().length).toBe(before);
  });

  it('refuses a video that is not completed, with the reason', async () => {
    sandbox.options.renderMs = 60_000;
    const v = await api.createVideo({
      type: 'avatar',
      avatar_id: 'lk_alex_office',
      voice_id: 'v_en_m_01',
      script: 'Still rendering.',
    } as never);
    sandbox.options.renderMs = 30;
    const r = await twin(['translate', v.video_id, '--to', 'English']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot be translated yet: it is (pending|processing)/);
  });

  it('--dry-run sends nothing paid and prints the body and the estimate', async () => {
    const before = creates().length;
    const r = await twin([
      'translate',
      videoId,
      '--to',
      'French (France)',
      '--mode',
      'precision',
      '--no-music',
      '--start',
      '1',
      '--end',
      '3',
      '--dry-run',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.request).toMatchObject({ mode: 'precision', disable_music_track: true, start_time: 1, end_time: 3 });
    // The source is 2 s long: --end 3 is cut to it, so 1 s × 1 language × $0.0667/s.
    expect(doc.estimate).toMatchObject({ seconds: 1, usd: 0.07, estimate: true });
    expect(creates().length).toBe(before);
  });

  it('times out with exit 4 and the resume command', async () => {
    sandbox.inject({ kind: 'slow-translation', ms: 60_000 });
    const r = await twin(['translate', videoId, '--to', 'Polish (Poland)', '--wait', '--timeout', '1s', '--interval', '100ms']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/twin translations wait vt_/);
  });

  it('Ctrl-C while waiting: exit 130 with the resume command; the translation goes on', async () => {
    sandbox.inject({ kind: 'slow-translation', ms: 60_000 });
    const controller = new AbortController();
    // Ctrl-C arrives during the first wait between polls (after the create).
    const sleep = async () => {
      controller.abort();
      throw Object.assign(new Error('aborted'), { name: 'AbortError' });
    };
    const r = await runTwin(['translate', videoId, '--to', 'Turkish (Turkey)', '--wait'], {
      sandbox,
      cwd: tempDir(),
      signal: controller.signal,
      sleep,
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/Resume with: twin translations wait vt_/);
  });

  it('proofreads: the draft subtitles downloaded when the account has them; one sentence when not', async () => {
    const cwd = tempDir();
    const r = await twin(['translate', videoId, '--to', 'Spanish (Mexico)', '--proofread', '--json'], cwd);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.proofreads[0]).toMatchObject({ language: 'Spanish (Mexico)', status: 'completed' });
    expect(readFileSync(join(cwd, `Launch-${videoId}.spanish-mexico.srt`), 'utf8')).toContain('Spanish (Mexico)');
    const gen = await twin(['translations', 'generate', doc.proofreads[0].id, '--json']);
    expect(gen.code, gen.stderr).toBe(0);
    expect(JSON.parse(gen.stdout).video_translation_id).toMatch(/^vt_/);

    sandbox.options.proofreads = false;
    const off = await twin(['translate', videoId, '--to', 'Spanish (Mexico)', '--proofread']);
    expect(off.code).toBe(3);
    expect(off.stderr).toContain("Proofreading is not available on this account's plan");
    expect(off.stderr).not.toContain('auth login');
  });
});

describe('twin translate <file>', () => {
  it('uploads a local file once (the asset cache), sends it as an asset, and names outputs after the file', async () => {
    const cwd = tempDir();
    copyFileSync(join(ROOT, 'src/sandbox/fixtures/twin.mp4'), join(cwd, 'my talk.mp4'));
    const home = tempDir();
    const env = { TWIN_CONFIG_DIR: join(home, 'config') };
    const run = (...extra: string[]) =>
      runTwin(['translate', 'my talk.mp4', '--to', 'English', '--download', '--json', ...extra], {
        sandbox,
        cwd,
        env,
        sleep: async () => {},
      });
    const uploads = () => sandbox.received.filter((r) => r.method === 'POST' && r.path === '/v3/assets').length;
    const before = uploads();
    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    const body = JSON.parse(first.stdout).request;
    expect(body.video).toEqual({ type: 'asset_id', asset_id: expect.stringMatching(/^asset_/) });
    expect(existsSync(join(cwd, 'my-talk.english.mp4'))).toBe(true);
    const second = await run('--force');
    expect(second.code, second.stderr).toBe(0);
    expect(uploads() - before).toBe(1);
    expect(JSON.parse(second.stdout).request.video).toEqual(body.video);
  });
});

describe('twin translations', () => {
  it('languages, list, get, rename, wait --download, delete', async () => {
    const langs = await twin(['translations', 'languages', '--json']);
    expect(JSON.parse(langs.stdout).languages).toContain('Korean (Korea)');
    const created = await api.createTranslation({
      video: { type: 'url', url: 'https://example.com/a.mp4' },
      output_languages: ['Korean (Korea)'],
    });
    const id = created.video_translation_ids[0] as string;
    const list = await twin(['translations', 'list', '--json']);
    expect(JSON.parse(list.stdout).translations[0].id).toBe(id);
    const renamed = await twin(['translations', 'rename', id, 'Annyeong', '--json']);
    expect(JSON.parse(renamed.stdout)).toEqual({ id, title: 'Annyeong' });
    const cwd = tempDir();
    const waited = await twin(['translations', 'wait', id, '--download', '--source-name', 'talk', '--json'], cwd);
    expect(waited.code, waited.stderr).toBe(0);
    expect(existsSync(join(cwd, 'talk.korean-korea.mp4'))).toBe(true);
    const got = await twin(['translations', 'get', id, '--json']);
    expect(JSON.parse(got.stdout)).toMatchObject({ id, state: 'completed', title: 'Annyeong' });
    const del = await twin(['translations', 'delete', id, '--yes', '--json']);
    expect(JSON.parse(del.stdout)).toMatchObject({ id, deleted: true, already_deleted: false });
  });
});
