// Hostile local input and Ctrl-C for the phase-A commands (issue 22): a scene file or clone
// recording that is a FIFO or not UTF-8, language names and titles with control characters, and
// Ctrl-C during a wait printing the resume command.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type HeyGenClient } from '../../src/api/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runTwin, tempDir } from '../helpers/harness.js';

let sandbox: Sandbox;
let api: HeyGenClient;
let videoId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ renderMs: 30, concurrencyLimit: 100, cloneMs: 60_000 });
  api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
  const v = await api.createVideo({ type: 'avatar', avatar_id: 'lk_alex_office', voice_id: 'v_en_m_01', script: 'Hi there.' } as never);
  videoId = v.video_id;
  await new Promise((r) => setTimeout(r, 60));
});
afterEach(() => sandbox.clearFaults());
afterAll(async () => {
  await api.close();
  await sandbox.close();
});

const twin = (argv: string[], cwd = tempDir(), signal?: AbortSignal) =>
  runTwin(argv, { sandbox, cwd, signal, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))) });
const posts = (path: string) => sandbox.received.filter((r) => r.method === 'POST' && r.path === path).length;
const bounded = <T>(p: Promise<T>, ms = 10_000) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms))]);

describe('hostile local files are refused at once (exit 2), nothing sent', () => {
  it('scenes check: a scene file that is a FIFO', async () => {
    const cwd = tempDir();
    execFileSync('mkfifo', [join(cwd, 'scenes.txt')]);
    const r = await bounded(twin(['scenes', 'check', 'scenes.txt'], cwd));
    expect(r.code, r.stderr).toBe(2);
  });
  it('scenes check: a scene file that is not UTF-8', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'scenes.txt'), Buffer.from([0x53, 0x63, 0xe9, 0x6e, 0x65, 0x0a, 0xff, 0xfe, 0x0a]));
    const r = await bounded(twin(['scenes', 'check', 'scenes.txt'], cwd));
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/UTF-8/);
  });
  it('video create --scenes: a FIFO scene file', async () => {
    const cwd = tempDir();
    execFileSync('mkfifo', [join(cwd, 's.json')]);
    const before = posts('/v3/videos');
    const r = await bounded(twin(['video', 'create', '--scenes', 's.json'], cwd));
    expect(r.code, r.stderr).toBe(2);
    expect(posts('/v3/videos')).toBe(before);
  });
  it('voices clone: a recording that is a FIFO', async () => {
    const cwd = tempDir();
    execFileSync('mkfifo', [join(cwd, 'me.wav')]);
    const before = posts('/v3/voices/clone');
    const r = await bounded(twin(['voices', 'clone', 'me.wav', '--name', 'Fifo'], cwd));
    expect(r.code, r.stderr).toBe(2);
    expect(posts('/v3/voices/clone')).toBe(before);
  });
  it('translate: a language name with control characters is refused, never echoed raw', async () => {
    const before = posts('/v3/video-translations');
    const r = await twin(['translate', videoId, '--to', 'French\u001b[2J (France)\r\nOK']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).not.toContain('\u001b[2J');
    expect(posts('/v3/video-translations')).toBe(before);
  });
  it('translate --title with a newline or escape is refused before anything is sent', async () => {
    const before = posts('/v3/video-translations');
    const r = await twin(['translate', videoId, '--to', 'French (France)', '--title', 'Launch\n\u001b[31mred']);
    expect(r.code, r.stderr).toBe(2);
    expect(posts('/v3/video-translations')).toBe(before);
  });
  it.each([
    ['an escape', 'Alex\u001b[31m'],
    ['a C1 escape (CSI)', '\u009b2J'],
    ['a line break', 'Alex\nRoot'],
    ['a tab', 'Alex\tB'],
  ])('voices clone --name with %s is refused (exit 2, naming --name) before anything is uploaded or sent', async (_what, name) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'me.wav'), 'not read: the name is refused first');
    const before = sandbox.received.filter((q) => q.method === 'POST').length;
    const r = await twin(['voices', 'clone', 'me.wav', '--name', name], cwd);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('--name');
    expect(r.stderr).not.toMatch(/[\u001b\u009b\t]|\nRoot/);
    expect(sandbox.received.filter((q) => q.method === 'POST').length).toBe(before);
  });
  it.each([
    ['only an escape', '\u001b'],
    ['only a C1 escape (CSI)', '\u009b'],
    ['a C1 escape sequence', '\u009b2J'],
  ])('translate --title that is %s is refused, never echoed raw (--dry-run)', async (_what, title) => {
    const r = await twin(['translate', videoId, '--to', 'French (France)', '--title', title, '--dry-run']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('--title');
    expect(r.stdout + r.stderr).not.toMatch(/[\u001b\u009b]/);
  });
  it.each([
    ['blank', '   '],
    ['only invisible marks', '\u200e\u200b'],
  ])('translate --title that is %s is refused as an empty video title is (--dry-run)', async (_what, title) => {
    const r = await twin(['translate', videoId, '--to', 'French (France)', '--title', title, '--dry-run']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--title: needs a title/);
    expect(r.stdout).toBe('');
  });
  it.each([
    ['a newline', 'Launch\nday'],
    ['a C1 escape sequence', '\u009b2JLaunch'],
    ['only invisible marks', '\u200e\u200b'],
  ])('video create --title with %s is refused with the other problems, never echoed raw (--dry-run)', async (_what, title) => {
    const r = await twin([
      'video',
      'create',
      '--look',
      'lk_alex_office',
      '--voice',
      'v_en_m_01',
      '--script',
      'Hi.',
      '--title',
      title,
      '--dry-run',
    ]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('--title');
    expect(r.stdout + r.stderr).not.toMatch(/[\u001b\u009b\u2028]|Launch\nday/);
  });
  it('a look id holding a C1 escape is quoted, never echoed raw', async () => {
    const r = await twin(['video', 'create', '--look', '  ', '--voice', '\u009b2J', '--script', 'Hi.', '--dry-run']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(/[\u009b]/);
  });
  it('translate --title is sent trimmed (--dry-run shows the body)', async () => {
    const r = await twin(['translate', videoId, '--to', 'French (France)', '--title', '  Launch (FR)  ', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ title: 'Launch (FR)' });
  });
  it('translations rename with a newline is refused before anything is sent', async () => {
    const t = await api.createTranslation({
      video: { type: 'url', url: 'https://example.com/v.mp4' },
      output_languages: ['French (France)'],
      mode: 'speed',
    } as never);
    const before = sandbox.received.filter((q) => q.method === 'PATCH').length;
    const r = await twin(['translations', 'rename', t.video_translation_ids[0]!, 'New\ntitle']);
    expect(r.code, r.stderr).toBe(2);
    expect(sandbox.received.filter((q) => q.method === 'PATCH').length).toBe(before);
  });
});

describe('Ctrl-C during a wait prints the resume command', () => {
  it('translate --wait: exit 130 and `twin translations wait <id>`', async () => {
    sandbox.inject({ kind: 'slow-translation', ms: 60_000 });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 1500);
    const r = await bounded(twin(['translate', videoId, '--to', 'German (Germany)', '--wait'], tempDir(), ctl.signal));
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/twin translations wait \S+/);
  });
  it('voices clone --wait: exit 130 and `twin voices wait <id>`', async () => {
    const cwd = tempDir();
    const { silentWav } = await import('../helpers/wav.js');
    writeFileSync(join(cwd, 'me.wav'), silentWav(12, 8321));
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 2500);
    const r = await bounded(twin(['voices', 'clone', 'me.wav', '--name', 'CtrlC', '--wait'], cwd, ctl.signal));
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/twin voices wait vc_/);
  });
});
