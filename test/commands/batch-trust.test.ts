// batch run and runBatch checked before paying (issue 22, part B): local media pinned to the bytes
// the plan hashed, the library's runBatch uploading local files, lock/journal/report/review paths
// that cannot be written found out before the first create, a review page that survives any
// value, --max-minutes that bounds rows of unknown length, and non-regular files refused at once.
import { closeSync, copyFileSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { useSandbox } from '../helpers/sandbox.js';
import { FIXTURES, mediaFolder, mediaRunner, since } from './media.helpers.js';
import { quickSleep } from './batch.helpers.js';

const sandbox = useSandbox({ renderMs: 40, videoBytes: 2048 });

/** Calls `fn` once, when the sandbox first receives a request matching `method path`. */
export function onRequest(s: Sandbox, method: string, path: string, fn: () => void): void {
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
    const twin = mediaRunner(sandbox, dir, { sleep: quickSleep });
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
    const twin = mediaRunner(sandbox, dir, { sleep: quickSleep });
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
    const twin = mediaRunner(sandbox, dir, { sleep: quickSleep });
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
    const twin = mediaRunner(sandbox, dir, { sleep: quickSleep });
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
