// Hostile local output paths for the phase-A commands (issue 22, last point): every path is
// checked before the paid request. A FIFO, a folder, a read-only folder or an existing file named
// by -o/--download must be refused (exit 2) with nothing created at HeyGen.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeyGenClient } from '../../src/api/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { runTwin, tempDir } from '../helpers/harness.js';
import { closeSandboxWithVideo, sandboxWithVideo } from '../helpers/rendered-video.js';

let sandbox: Sandbox;
let api: HeyGenClient;
let videoId: string;

beforeAll(async () => {
  ({ sandbox, api, videoId } = await sandboxWithVideo());
});
afterAll(() => closeSandboxWithVideo({ sandbox, api }));

const twin = (argv: string[], cwd: string) =>
  runTwin(argv, { sandbox, cwd, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))) });
const paid = (path: string) => sandbox.received.filter((r) => r.method === 'POST' && r.path === path).length;
const mkfifo = (path: string) => execFileSync('mkfifo', [path]);
/** A folder no one may write in, even root: a read-only bind is not available, so a file stands in for its parent. */
const unwritable = (cwd: string) => {
  writeFileSync(join(cwd, 'blocker'), 'x');
  return 'blocker/out';
};

describe('twin say: the output path is checked before the speech is paid for', () => {
  const speech = '/v3/voices/speech';
  it('refuses a FIFO at the default speech.mp3 (exit 2, nothing sent)', async () => {
    const cwd = tempDir();
    mkfifo(join(cwd, 'speech.mp3'));
    const before = paid(speech);
    const r = await twin(['say', 'Hello there', '--voice', 'v_en_f_01'], cwd);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/speech\.mp3/);
    expect(paid(speech)).toBe(before);
  });
  it('refuses a FIFO named by -o with --force (exit 2, nothing sent)', async () => {
    const cwd = tempDir();
    mkfifo(join(cwd, 'x.mp3'));
    const before = paid(speech);
    const r = await twin(['say', 'Hello there', '--voice', 'v_en_f_01', '-o', 'x.mp3', '--force'], cwd);
    expect(r.code, r.stderr).toBe(2);
    expect(paid(speech)).toBe(before);
  });
  it('refuses an --srt path that is a FIFO (exit 2, nothing sent)', async () => {
    const cwd = tempDir();
    mkfifo(join(cwd, 'c.srt'));
    const before = paid(speech);
    const r = await twin(['say', 'Hello there', '--voice', 'v_en_f_01', '-o', 'a.mp3', '--srt', 'c.srt'], cwd);
    expect(r.code, r.stderr).toBe(2);
    expect(paid(speech)).toBe(before);
  });
  it('refuses a read-only folder (exit 2, nothing sent)', async () => {
    const cwd = tempDir();
    const ro = join(cwd, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    const before = paid(speech);
    const r = await twin(
      ['say', 'Hello there', '--voice', 'v_en_f_01', '-o', process.getuid?.() === 0 ? `${unwritable(cwd)}.mp3` : 'ro/a.mp3'],
      cwd,
    );
    expect(r.code, r.stderr).toBe(2);
    expect(paid(speech)).toBe(before);
  });
});

describe('twin translate --download: the output paths are checked before the translation is paid for', () => {
  const create = '/v3/video-translations';
  it('refuses an existing file without --force (exit 2, nothing sent)', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'launch.french-france.mp4'), 'mine');
    const before = paid(create);
    const r = await twin(['translate', videoId, '--to', 'French (France)', '--download', 'launch.{language}.mp4'], cwd);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/launch\.french-france\.mp4/);
    expect(paid(create)).toBe(before);
  });
  it('refuses a FIFO where a file would go, even with --force (exit 2, nothing sent)', async () => {
    const cwd = tempDir();
    mkfifo(join(cwd, 'launch.french-france.mp4'));
    const before = paid(create);
    const r = await twin(['translate', videoId, '--to', 'French (France)', '-o', 'launch.{language}.mp4', '--force'], cwd);
    expect(r.code, r.stderr).toBe(2);
    expect(paid(create)).toBe(before);
  });
  it('refuses a folder that cannot be written (exit 2, nothing sent)', async () => {
    const cwd = tempDir();
    const before = paid(create);
    const r = await twin(['translate', videoId, '--to', 'French (France)', '--download', unwritable(cwd)], cwd);
    expect(r.code, r.stderr).toBe(2);
    expect(paid(create)).toBe(before);
  });
});
