// The typed library as a Node project uses it: `import … from 'heygen-twin'` resolved by name
// through node_modules and the package's exports map (the built dist/, not src/), against a
// sandbox started from 'heygen-twin/sandbox', in a separate process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/harness.js';

const CONSUMER = `
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { createClient, createVideo, downloadVideoFiles, followVideo, InterruptedError, isTwinError, runBatch, uploadAsset, UsageError, videoRequest, waitForVideo } from 'heygen-twin';
import { startSandbox } from 'heygen-twin/sandbox';

const sandbox = await startSandbox({ renderMs: 400 });
const client = createClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, maxRetries: 1 });
const out = {};
try {
  out.looks = (await client.listLooks({ avatar_type: 'digital_twin', ownership: 'private' })).data.length;
  out.voices = (await client.listVoices({ limit: 5 })).data.length;

  // Pre-flight: a look that does not exist is refused before any POST.
  const before = sandbox.received.filter((r) => r.method === 'POST').length;
  try {
    await createVideo(client, videoRequest({ look: 'lk_nope', voice: 'v_en_f_01', script: 'Hi' }));
  } catch (error) {
    out.preflight = { usage: error instanceof UsageError, exitCode: error.exitCode, posts: sandbox.received.filter((r) => r.method === 'POST').length - before };
  }

  // Idempotency: the same key twice is one video.
  const body = videoRequest({ look: 'lk_alex_office', voice: 'v_en_m_01', script: 'Hello from the library.', title: 'lib' });
  const first = await createVideo(client, body, { idempotencyKey: 'lib-test-key-1' });
  const again = await createVideo(client, body, { idempotencyKey: 'lib-test-key-1' });
  out.sameVideo = first.video_id === again.video_id;

  // AbortSignal: an aborted wait is an InterruptedError (exit 130) naming the resume command.
  const controller = new AbortController();
  try {
    await waitForVideo(client, first.video_id, { intervalMs: 20, signal: controller.signal, onProgress: () => controller.abort() });
  } catch (error) {
    out.aborted = { interrupted: error instanceof InterruptedError, exitCode: error.exitCode, twin: isTwinError(error) };
  }

  // Wait with a progress callback, then download (verified: the sha256 is of the file on disk).
  const seen = [];
  const video = await waitForVideo(client, first.video_id, { intervalMs: 20, onProgress: (v) => seen.push(v.status) });
  out.status = video.status;
  out.progressCalls = seen.length;
  const files = await downloadVideoFiles(client, video, { download: 'out/', captions: true }, { cwd: process.cwd() });
  out.files = files.map((f) => ({ kind: f.kind, bytes: f.bytes, ok: createHash('sha256').update(readFileSync(f.path)).digest('hex') === f.sha256 }));

  // followVideo: wait + download in one call, as \`video create --wait --download\` does.
  const second = await createVideo(client, videoRequest({ look: 'lk_alex_office', script: 'Second.' }));
  const followed = await followVideo(client, second.video_id, { wait: true, intervalMs: 20, download: 'out/second.mp4' });
  out.followed = { status: followed.video.status, files: followed.files.length };

  // An asset: checked, uploaded once (a second call finds it in the cache), a bad file refused with nothing sent.
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
  writeFileSync('office.png', png);
  const up = await uploadAsset(client, 'office.png');
  const uploadsBefore = sandbox.received.filter((r) => r.method === 'POST' && r.path === '/v3/assets').length;
  const again2 = await uploadAsset(client, 'office.png');
  writeFileSync('notes.txt', 'not media');
  let refused;
  try {
    await uploadAsset(client, 'notes.txt');
  } catch (error) {
    refused = { usage: error instanceof UsageError, exitCode: error.exitCode };
  }
  out.upload = {
    sameAsset: up.asset_id === again2.asset_id,
    sha: up.sha256 === createHash('sha256').update(png).digest('hex'),
    mime: up.mime_type,
    secondPosts: sandbox.received.filter((r) => r.method === 'POST' && r.path === '/v3/assets').length - uploadsBefore,
    refused,
  };

  // A batch: the CLI's engine, journal and report; a second run resumes and creates nothing.
  writeFileSync('videos.csv', 'look,script,title\\nlk_alex_office,First row.,one\\nlk_alex_office,Second row.,two\\n');
  const report = await runBatch(client, { manifest: 'videos.csv', outDir: 'batch', concurrency: 2 });
  const creates = sandbox.received.filter((r) => r.method === 'POST' && r.path === '/v3/videos').length;
  const rerun = await runBatch(client, { manifest: 'videos.csv', outDir: 'batch' });
  out.batch = { outcome: report.outcome, done: report.totals.done, again: rerun.totals.done, newCreates: sandbox.received.filter((r) => r.method === 'POST' && r.path === '/v3/videos').length - creates };
} finally {
  await client.close();
  await sandbox.close();
}
console.log(JSON.stringify(out));
`;

let dir: string;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  dir = tempDir('twin-lib-');
  mkdirSync(join(dir, 'node_modules'));
  // As `npm install heygen-twin` leaves it: the package folder under node_modules.
  symlinkSync(ROOT, join(dir, 'node_modules', 'heygen-twin'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  writeFileSync(join(dir, 'consumer.mjs'), CONSUMER);
});

describe("import … from 'heygen-twin'", () => {
  it('lists, pre-flights, creates idempotently, waits (progress, abort), downloads verified files', () => {
    const r = spawnSync(process.execPath, ['consumer.mjs'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH, HOME: dir },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.looks).toBeGreaterThan(0);
    expect(out.voices).toBeGreaterThan(0);
    expect(out.preflight).toEqual({ usage: true, exitCode: 2, posts: 0 });
    expect(out.sameVideo).toBe(true);
    expect(out.aborted).toEqual({ interrupted: true, exitCode: 130, twin: true });
    expect(out.status).toBe('completed');
    expect(out.progressCalls).toBeGreaterThan(0);
    expect(out.files).toEqual([
      { kind: 'video', bytes: expect.any(Number), ok: true },
      { kind: 'captions', bytes: expect.any(Number), ok: true },
    ]);
    expect(out.followed).toEqual({ status: 'completed', files: 1 });
    expect(out.upload).toEqual({ sameAsset: true, sha: true, mime: 'image/png', secondPosts: 0, refused: { usage: true, exitCode: 2 } });
    expect(out.batch).toEqual({ outcome: 'succeeded', done: 2, again: 2, newCreates: 0 });
  });

  it('exports the documented functions and loads no terminal code (no prompt, spinner, colour or argv parser)', () => {
    const probe = "import * as twin from 'heygen-twin'; console.log(JSON.stringify(Object.keys(twin)))";
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const names = JSON.parse(r.stdout) as string[];
    for (const name of [
      'createClient',
      'createVideo',
      'waitForVideo',
      'downloadVideoFiles',
      'followVideo',
      'runBatch',
      'uploadAsset',
      'videoRequest',
    ])
      expect(names).toContain(name);
    // esbuild marks each bundled module with a "// node_modules/<pkg>/..." comment.
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of readFileSync(file, 'utf8').matchAll(/from "(\.[^"]+)"|import\("(\.[^"]+)"\)/g))
        walk(resolve(dirname(file), m[1] ?? m[2]!));
    };
    walk(join(ROOT, 'dist', 'index.js'));
    const code = [...seen].map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(code).toContain('node_modules/undici/');
    for (const pkg of ['ora', '@inquirer', 'chalk', 'commander']) expect(code, pkg).not.toContain(`node_modules/${pkg}/`);
  });
});
