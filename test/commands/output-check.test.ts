// Output paths are checked before anything is paid for, and a failure after a paid render names
// the command that downloads it (issue 23, 2). Against the sandbox on an injected clock.
import { chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { useFakeClockSandbox } from '../helpers/fake-clock.js';
import { runTwin, tempDir, type RunOptions } from '../helpers/harness.js';

const fake = useFakeClockSandbox({ renderMs: 20_000 });
const { now, sleep } = fake;
beforeEach(() => fake.sandbox.resetCounters());

const creates = () => fake.sandbox.counters.requests['POST /v3/videos'] ?? 0;
const base = ['video', 'create', '--look', 'lk_alex_office', '--voice', 'v_en_m_01', '--script', 'Hello there.', '--wait'];
const twin = (argv: string[], opts: RunOptions = {}) => runTwin(argv, { sandbox: fake.sandbox, now, sleep, ...opts });

describe('output paths are checked before the create', () => {
  it.each([
    ['-o afile/ where afile is a file', (dir: string) => ['-o', `${join(dir, 'afile')}/`]],
    ['--download afile/ where afile is a file', (_dir: string) => ['--download', 'afile/']],
    ['a folder that cannot be created (under a file)', (_dir: string) => ['-o', 'afile/sub/talk.mp4']],
    ['a folder on a file system that takes no files', () => ['-o', '/proc/twin-out/']],
  ])('%s → exit 2, nothing created', async (_what, flags) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'afile'), 'x');
    const r = await twin([...base, ...flags(dir)], { cwd: dir });
    expect(r.stderr).toMatch(/nothing was created/);
    expect(r.code).toBe(2);
    expect(creates()).toBe(0);
  });

  it('--json names the flag; --dry-run refuses it too', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'afile'), 'x');
    const r = await twin([...base, '--download', 'afile/', '--json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr).error).toMatchObject({ code: 'usage_error', flag: '--download' });
    const dry = await twin([...base, '--download', 'afile/', '--dry-run'], { cwd: dir });
    expect(dry.code).toBe(2);
    expect(creates()).toBe(0);
  });

  it.skipIf(process.getuid?.() === 0)('an unwritable folder → exit 2, nothing created', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'locked'));
    chmodSync(join(dir, 'locked'), 0o555);
    const r = await twin([...base, '-o', 'locked/'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not writable/);
    expect(creates()).toBe(0);
  });

  it('a folder that does not exist yet is fine (it is made)', async () => {
    const dir = tempDir();
    const r = await twin([...base, '-o', 'new/deeper/'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'new', 'deeper')).filter((f) => f.endsWith('.mp4'))).toHaveLength(1);
    expect(readdirSync(dir).filter((f) => f.startsWith('.twin-write-check'))).toEqual([]);
  });
});

describe('a failure after the paid render says how to download it', () => {
  it('the output folder replaced by a file during the wait', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'out'));
    let swapped = false;
    const swapping = async (ms: number) => {
      if (!swapped) {
        swapped = true;
        rmSync(join(dir, 'out'), { recursive: true });
        writeFileSync(join(dir, 'out'), 'in the way');
      }
      await sleep(ms);
    };
    const r = await runTwin([...base, '-o', 'out/talk.mp4'], { sandbox: fake.sandbox, now, sleep: swapping, cwd: dir });
    expect(r.code).not.toBe(0);
    const id = /Created video (vid_\w+)/.exec(r.stderr)![1]!;
    expect(r.stderr).toContain(`twin video download ${id} -o out/talk.mp4`);
    expect(creates()).toBe(1);
  });

  it('a file already in the way (no --force) gets the command with --force', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'talk.mp4'), 'old');
    const r = await twin([...base, '-o', 'talk.mp4', '--json'], { cwd: dir });
    expect(r.code).toBe(2);
    const id = /Created video (vid_\w+)/.exec(r.stderr)![1]!;
    const error = JSON.parse(r.stderr.slice(r.stderr.indexOf('{'))).error;
    expect(error.resume).toBe(`twin video download ${id} -o talk.mp4 --force`);
    expect(error.suggestion).toContain(`twin video download ${id} -o talk.mp4 --force`);
  });
});
