// batch run and runBatch checked before paying (issue 22, part B): local media pinned to the bytes
// the plan hashed, the library's runBatch uploading local files, lock/journal/report/review paths
// that cannot be written found out before the first create, a review page that survives any
// value, --max-minutes that bounds rows of unknown length, and non-regular files refused at once.
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { useSandbox } from '../helpers/sandbox.js';
import { createClient } from '../../src/lib/client.js';
import { runBatch } from '../../src/lib/batch.js';
import { isTwinError } from '../../src/shared/errors.js';
import { FIXTURES, mediaFolder, mediaRunner, since } from './media.helpers.js';
import { fastBatch } from './batch.helpers.js';

const sandbox = useSandbox({ renderMs: 40, videoBytes: 2048 });

/** Calls `fn` once, when the sandbox first receives a request matching `method path`. */
function onRequest(s: Sandbox, method: string, path: string, fn: () => void): void {
  const push = s.received.push.bind(s.received);
  let done = false;
  s.received.push = (...items) => {
    if (!done && items.some((q) => q.method === method && q.path === path)) {
      done = true;
      fn();
    }
    return push(...items);
  };
}

function project(): string {
  const { dir } = mediaFolder();
  mkdirSync(join(dir, 'media'));
  copyFileSync(join(FIXTURES, 'voice-preview.mp3'), join(dir, 'media', 'voice.mp3'));
  return dir;
}

describe('point 3: a local file changed between plan and upload', () => {
  it('stops before any create, naming the file; the lock keeps nothing of it', { timeout: 60_000 }, async () => {
    const dir = project();
    writeFileSync(join(dir, 'videos.csv'), 'name,look,audio\none,lk_alex_office,media/voice.mp3\n');
    const twin = mediaRunner(sandbox, dir, fastBatch);
    // After the plan (look pre-flight done), before the upload: the balance look-up.
    onRequest(sandbox, 'GET', '/v3/users/me', () => {
      const fd = openSync(join(dir, 'media', 'voice.mp3'), 'r+');
      writeSync(fd, Buffer.alloc(512, 0xee), 0, 512, 1000);
      closeSync(fd);
    });
    const from = sandbox.received.length;
    const r = await twin(['batch', 'run', 'videos.csv', '--out', 'out', '--no-download']);
    expect(r.stderr).toContain('voice.mp3');
    expect(r.stderr).toContain('changed');
    expect(r.code).toBe(2);
    const posts = since(sandbox, from).filter((q) => q.method === 'POST');
    expect(posts.filter((q) => q.path === '/v3/videos')).toEqual([]);
    expect(posts.filter((q) => q.path === '/v3/assets')).toEqual([]);
  });
});

describe('point 6: a value the review page shows', () => {
  it('an audio URL with a lone % keeps the page: written by batch run and by batch review', { timeout: 60_000 }, async () => {
    const dir = project();
    writeFileSync(
      join(dir, 'videos.csv'),
      'name,look,audio_url\nsale,lk_alex_office,https://cdn.example.com/50%off.mp3\nbad,lk_alex_office,https://cdn.example.com/%E0%A4%A.mp3\n',
    );
    const twin = mediaRunner(sandbox, dir, fastBatch);
    const r = await twin(['batch', 'run', 'videos.csv', '--out', 'out', '--no-download']);
    expect(r.code, r.stderr).toBe(0);
    const page = join(dir, 'out', 'review.html');
    const html = readFileSync(page, 'utf8');
    expect(html).toContain('50%off.mp3');
    expect(html).toContain('%E0%A4%A.mp3');
    const review = await twin(['batch', 'review', 'out']);
    expect(review.code, review.stderr).toBe(0);
    expect(review.stdout.trim()).toBe(page);
    expect(review.stderr).not.toContain('bug');
  });
});

describe('point 7: --max-minutes and rows of unknown length', () => {
  const manifest = (dir: string) =>
    writeFileSync(
      join(dir, 'videos.csv'),
      `name,look,audio_url\n${Array.from({ length: 5 }, (_, i) => `r${i + 1},lk_alex_office,https://cdn.example.com/voice-${i + 1}.mp3`).join('\n')}\n`,
    );

  it('a cap that cannot bound the plan refuses (exit 2, nothing sent), naming the rows', { timeout: 60_000 }, async () => {
    const dir = project();
    manifest(dir);
    const twin = mediaRunner(sandbox, dir, fastBatch);
    const from = sandbox.received.length;
    const r = await twin(['batch', 'run', 'videos.csv', '--out', 'out', '--no-download', '--max-minutes', '1']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('--max-minutes 1 cannot bound this run: 5 rows have no length twin can measure');
    expect(r.stderr).toContain('line 2 (r1)');
    expect(r.stderr).toContain('line 6 (r5)');
    expect(r.stderr).toContain('--assume-minutes');
    expect(since(sandbox, from).filter((q) => q.method === 'POST')).toEqual([]);
  });

  it('--assume-minutes N counts each of them N minutes: over the cap refused, within it rendered', { timeout: 60_000 }, async () => {
    const dir = project();
    manifest(dir);
    const twin = mediaRunner(sandbox, dir, fastBatch);
    const from = sandbox.received.length;
    const over = await twin([
      'batch',
      'run',
      'videos.csv',
      '--out',
      'out',
      '--no-download',
      '--max-minutes',
      '1',
      '--assume-minutes',
      '0.5',
    ]);
    expect(over.code, over.stderr).toBe(2);
    expect(over.stderr).toContain('about 2.5 minutes of video (estimate, counting 5 rows of unknown length as 0.5 minutes each)');
    expect(since(sandbox, from).filter((q) => q.method === 'POST')).toEqual([]);
    const ok = await twin(['batch', 'run', 'videos.csv', '--out', 'out', '--no-download', '--max-minutes', '3', '--assume-minutes', '0.5']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(since(sandbox, from).filter((q) => q.method === 'POST' && q.path === '/v3/videos')).toHaveLength(5);
  });
});

describe('point 5: files batch run writes, checked before paying', () => {
  const oneRow = (dir: string) => writeFileSync(join(dir, 'videos.csv'), 'id,look,script\nrow-1,lk_alex_office,Hello there.\n');
  const posts = (from: number) => since(sandbox, from).filter((q) => q.method === 'POST');

  it('a lock that is a symlink: exit 2 before the first create, naming it and --lock/--no-lock', { timeout: 60_000 }, async () => {
    const dir = project();
    oneRow(dir);
    const twin = mediaRunner(sandbox, dir, fastBatch);
    const first = await twin(['batch', 'run', 'videos.csv', '--out', 'out', '--no-download', '--lock', 'elsewhere.lock']);
    expect(first.code, first.stderr).toBe(0);
    symlinkSync(join(dir, 'elsewhere.lock'), join(dir, 'videos.csv.lock'));
    writeFileSync(join(dir, 'videos.csv'), 'id,look,script\nrow-1,lk_alex_office,Hello there.\nrow-2,lk_alex_office,Hello again.\n');
    const from = sandbox.received.length;
    const r = await twin(['batch', 'run', 'videos.csv', '--out', 'out', '--no-download']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`Cannot write the lock file ${join(dir, 'videos.csv.lock')} (it is a symbolic link`);
    expect(r.stderr).toContain('--no-lock');
    expect(r.stderr).toContain('--lock PATH');
    expect(posts(from)).toEqual([]);
    // The way out works.
    const ok = await twin(['batch', 'run', 'videos.csv', '--out', 'out', '--no-download', '--no-lock']);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('a lock in a folder twin cannot write in, a review page that is a link: refused, nothing sent', { timeout: 60_000 }, async () => {
    const dir = project();
    oneRow(dir);
    const twin = mediaRunner(sandbox, dir, fastBatch);
    const from = sandbox.received.length;
    // /sys refuses new files even to root.
    const r = await twin(['batch', 'run', 'videos.csv', '--out', 'out', '--no-download', '--lock', '/sys/videos.csv.lock']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('Cannot write the lock file /sys/videos.csv.lock');
    mkdirSync(join(dir, 'out'));
    symlinkSync(join(dir, 'elsewhere.html'), join(dir, 'out', 'review.html'));
    const page = await twin(['batch', 'run', 'videos.csv', '--out', 'out', '--no-download']);
    expect(page.code, page.stderr).toBe(2);
    expect(page.stderr).toContain(`the review page ${join(dir, 'out', 'review.html')} (it is a symbolic link`);
    expect(posts(from)).toEqual([]);
    expect(existsSync(join(dir, 'videos.csv.lock'))).toBe(false);
  });

  it('batch status writes only the review page: one it cannot write is a warning naming it, never written through, and the status still answers', async () => {
    const dir = project();
    oneRow(dir);
    const twin = mediaRunner(sandbox, dir, fastBatch);
    expect((await twin(['batch', 'run', 'videos.csv', '--out', 'out', '--no-download'])).code).toBe(0);
    const page = join(dir, 'out', 'review.html');
    rmSync(page);
    writeFileSync(join(dir, 'elsewhere.html'), 'kept');
    symlinkSync(join(dir, 'elsewhere.html'), page);
    const from = sandbox.received.length;
    const r = await twin(['batch', 'status', 'out']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 rows?: 1 rendered/);
    expect(r.stderr).toContain(`Could not write the review page: refusing to replace ${page}: it is a symbolic link`);
    expect(readFileSync(join(dir, 'elsewhere.html'), 'utf8')).toBe('kept');
    expect(sandbox.received.length).toBe(from);
  });

  it('a manifest on a read-only file system: refused before the first create (needs a bind mount)', { timeout: 60_000 }, async (t) => {
    const dir = project();
    oneRow(dir);
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    copyFileSync(join(dir, 'videos.csv'), join(ro, 'videos.csv'));
    try {
      execFileSync('mount', ['--bind', '-o', 'ro', ro, ro], { stdio: 'ignore' });
    } catch {
      t.skip();
    }
    try {
      const twin = mediaRunner(sandbox, dir, fastBatch);
      const from = sandbox.received.length;
      const r = await twin(['batch', 'run', 'ro/videos.csv', '--out', 'out', '--no-download']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`Cannot write the lock file ${join(ro, 'videos.csv.lock')} (it is on a read-only file system)`);
      expect(posts(from)).toEqual([]);
    } finally {
      execFileSync('umount', [ro]);
    }
  });
});

describe("point 4: the library's runBatch with local files in audio/background", () => {
  it('uploads them before the first create and sends asset ids; a local path never reaches the API', { timeout: 60_000 }, async () => {
    const dir = project();
    copyFileSync(join(FIXTURES, 'thumbnail.jpg'), join(dir, 'media', 'office.jpg'));
    writeFileSync(
      join(dir, 'videos.csv'),
      'name,look,audio,background\none,lk_alex_office,media/voice.mp3,media/office.jpg\ntwo,lk_alex_office,media/voice.mp3,#112233\n',
    );
    const client = createClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, maxRetries: 1 });
    try {
      const from = sandbox.received.length;
      const report = await runBatch(client, { manifest: 'videos.csv', cwd: dir, outDir: 'out', download: false, uploadCache: false });
      expect(report.totals.done).toBe(2);
      const posts = since(sandbox, from).filter((q) => q.method === 'POST');
      expect(posts.map((q) => q.path)).toEqual(['/v3/assets', '/v3/assets', '/v3/videos', '/v3/videos']);
      expect(JSON.stringify(posts.map((q) => q.body))).not.toContain('local-file:');
      const bodies = posts.slice(2).map((q) => q.body as { audio_asset_id?: string });
      expect(bodies.every((b) => b.audio_asset_id?.startsWith('asset_'))).toBe(true);

      // A file that is not there: a usage error, nothing sent.
      writeFileSync(join(dir, 'videos.csv'), 'name,look,audio\nthree,lk_alex_office,media/gone.mp3\n');
      const before = sandbox.received.length;
      const error = await runBatch(client, { manifest: 'videos.csv', cwd: dir, outDir: 'out', download: false, uploadCache: false }).catch(
        (e: unknown) => e,
      );
      expect(isTwinError(error) && error.exitCode).toBe(2);
      expect((error as Error).message).toContain('gone.mp3');
      expect(since(sandbox, before).filter((q) => q.method === 'POST')).toEqual([]);
    } finally {
      await client.close();
    }
  });
});
