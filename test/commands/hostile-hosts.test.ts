// Hostile file hosts for the phase-A commands (issue 22): a speech audio or translation file
// whose body never ends must be cut off (bounded, exit non-zero, no file left), and a redirect to
// another host never carries the API key there.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { runTwin, tempDir } from '../helpers/harness.js';

let sandbox: Sandbox;
let foreign: Server;
let foreignUrl: string;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ renderMs: 30, concurrencyLimit: 100 });
  foreign = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'audio/mpeg', 'Content-Length': 4 });
    res.end('ID3x');
  });
  await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', r));
  foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/elsewhere.mp3`;
});
afterEach(() => {
  const left = sandbox.pendingFaults();
  sandbox.clearFaults();
  expect(left, 'scripted faults left unused').toEqual([]);
});
afterAll(async () => {
  await new Promise((r) => foreign.close(r));
  await sandbox.close();
});

const twin = (argv: string[], cwd: string) =>
  runTwin(argv, { sandbox, cwd, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))) });

describe('twin say against a hostile audio host', () => {
  it('cuts off a speech audio body that never ends, with nothing saved', async () => {
    const cwd = tempDir();
    sandbox.inject({ kind: 'endless-file' });
    const started = Date.now();
    const r = await twin(['say', 'Hello there', '--voice', 'v_en_f_01', '-o', 'a.mp3'], cwd);
    expect(r.code, r.stderr).not.toBe(0);
    expect(r.stderr).toMatch(/more than|too large|larger/i);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(existsSync(join(cwd, 'a.mp3'))).toBe(false);
    expect(readdirSync(cwd).filter((f) => f.endsWith('.part'))).toEqual([]);
  }, 30_000);

  it('a redirect of the audio to another host (a CDN) is followed without the key', async () => {
    const cwd = tempDir();
    seen.length = 0;
    sandbox.inject({ kind: 'redirect-file', location: foreignUrl });
    const r = await twin(['say', 'Hello there', '--voice', 'v_en_f_01', '-o', 'a.mp3'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]!['x-api-key']).toBeUndefined();
    expect(seen[0]!.authorization).toBeUndefined();
  });

  it('an API answer redirecting to another host is not followed: the key never goes there', async () => {
    const cwd = tempDir();
    seen.length = 0;
    sandbox.inject({ kind: 'redirect-api', route: 'POST /v3/voices/speech', location: foreignUrl });
    const r = await twin(['say', 'Hello there', '--voice', 'v_en_f_01', '-o', 'a.mp3'], cwd);
    expect(r.code, r.stderr).not.toBe(0);
    expect(seen).toEqual([]);
    expect(existsSync(join(cwd, 'a.mp3'))).toBe(false);
  });
});

describe('twin translations download against a hostile file host', () => {
  it('cuts off a translated video whose body never ends, with nothing saved', async () => {
    const api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
    const v = await api.createVideo({ type: 'avatar', avatar_id: 'lk_alex_office', voice_id: 'v_en_m_01', script: 'Hi.' } as never);
    await new Promise((r) => setTimeout(r, 60));
    const video = await api.getVideo(v.video_id);
    const t = await api.createTranslation({
      video: { type: 'url', url: video.video_url! },
      output_languages: ['French (France)'],
      mode: 'speed',
    } as never);
    const id = t.video_translation_ids[0]!;
    await new Promise((r) => setTimeout(r, 100));
    await api.close();
    const cwd = tempDir();
    sandbox.inject({ kind: 'endless-file' });
    const started = Date.now();
    const r = await twin(['translations', 'download', id, '-o', 'out'], cwd);
    expect(r.code, r.stderr).not.toBe(0);
    expect(r.stderr).toMatch(/more than/);
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(existsSync(join(cwd, 'out')) ? readdirSync(join(cwd, 'out')) : []).toEqual([]);
  }, 40_000);
});
