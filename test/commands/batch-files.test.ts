// The output folder of `batch run` (issue 10 items 1 and 3): rows whose file names collide
// (same name, ids that make the same safe name, names equal but for case) each get their own
// file, decided in the plan; a re-run checks every saved file's size and SHA-256 and downloads
// again what is wrong; a file the batch did not write is never replaced without --force, and
// nothing is ever written outside --out.
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { tempDir, type RunOptions } from '../helpers/harness.js';
import { batchIn, expectVerified, postsOf, readReport, writeCsv } from './batch.helpers.js';

const sandbox = useSandbox({ renderMs: 40, videoBytes: 4096, concurrencyLimit: 10 });
const batch = (dir: string, args: string[], opts: RunOptions = {}) => batchIn(sandbox, dir, args, opts);
const videos = (dir: string) =>
  readdirSync(join(dir, 'out'))
    .filter((f) => f.endsWith('.mp4'))
    .sort();

describe('batch run: output file names', () => {
  it('colliding names each get their own file, numbered in file order and said in the plan', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'videos.csv'),
      [
        'id,name,look,script',
        'intro/1,,lk_alex_office,First intro',
        'intro-1,,lk_alex_office,Second intro',
        'en,Welcome,lk_alex_office,Welcome in English',
        'fr,Welcome,lk_alex_office,Bienvenue',
        'Outro,,lk_alex_office,Bye',
        'outro,,lk_alex_office,Bye bye',
      ].join('\n'),
    );
    sandbox.resetCounters();
    const plan = await batch(dir, ['--dry-run', '--json']);
    expect(plan.code).toBe(0);
    const planned = JSON.parse(plan.stdout);
    expect(planned.plan.map((r: { file: string }) => r.file)).toEqual([
      'intro-1.mp4',
      'intro-1-2.mp4',
      'Welcome.mp4',
      'Welcome-2.mp4',
      'Outro.mp4',
      'outro-2.mp4',
    ]);
    expect(planned.renamed.map((r: { line: number; stem: string; takenBy: { line: number } }) => [r.line, r.stem, r.takenBy.line])).toEqual(
      [
        [3, 'intro-1-2', 2],
        [5, 'Welcome-2', 4],
        [7, 'outro-2', 6],
      ],
    );
    const human = await batch(dir, ['--dry-run']);
    expect(human.stderr).toContain('line 3 (intro-1): the file name "intro-1" is taken by line 2 (intro/1); it is saved as "intro-1-2"');

    const res = await batch(dir, ['--json']);
    expect(res.code, res.stderr).toBe(0);
    expect(sandbox.counters.rendered).toBe(6);
    const report = JSON.parse(res.stdout);
    expectVerified(report, sandbox);
    expect(new Set(report.rows.map((r: { file: string }) => r.file.toLowerCase())).size).toBe(6);
    expect(videos(dir)).toEqual(['Outro.mp4', 'Welcome-2.mp4', 'Welcome.mp4', 'intro-1-2.mp4', 'intro-1.mp4', 'outro-2.mp4']);
  });

  it('three rows with one name get three files: a name given by renaming is taken too', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'videos.csv'),
      [
        'id,name,look,script',
        'en,Welcome,lk_alex_office,Hello',
        'fr,Welcome,lk_alex_office,Bonjour',
        'de,Welcome,lk_alex_office,Hallo',
      ].join('\n'),
    );
    const plan = await batch(dir, ['--dry-run', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const planned = JSON.parse(plan.stdout);
    expect(planned.plan.map((r: { file: string }) => r.file)).toEqual(['Welcome.mp4', 'Welcome-2.mp4', 'Welcome-3.mp4']);
    expect(planned.renamed.map((r: { line: number; stem: string; takenBy: { line: number } }) => [r.line, r.stem, r.takenBy.line])).toEqual(
      [
        [3, 'Welcome-2', 2],
        [4, 'Welcome-3', 2],
      ],
    );
  });

  it('a re-run checks each saved file by size and SHA-256 and downloads again what is wrong, with no new render', async () => {
    const dir = tempDir();
    writeCsv(dir, 3);
    sandbox.resetCounters();
    expect((await batch(dir, [])).code).toBe(0);
    const first = readReport(dir);
    // Same size, other bytes (a silent corruption); and one file cut short.
    writeFileSync(join(dir, 'out', 'row-1.mp4'), Buffer.alloc(4096, 1));
    writeFileSync(join(dir, 'out', 'row-2.mp4'), readFileSync(join(dir, 'out', 'row-2.mp4')).subarray(0, 100));
    const res = await batch(dir, ['--json']);
    expect(res.code, res.stderr).toBe(0);
    expect(sandbox.counters.rendered).toBe(3);
    const report = JSON.parse(res.stdout);
    expectVerified(report, sandbox);
    expect(report.rows.map((r: { video_id: string }) => r.video_id)).toEqual(first.rows.map((r: { video_id: string }) => r.video_id));
    expect(report.rows[0].note).toMatch(/not the one saved/);
    expect(report.rows[2]).toMatchObject({ earlier: true });
  });
});

describe('batch run: files it did not write', () => {
  it('stops before sending when a file of the user is where a video would go; --force replaces it', async () => {
    const dir = tempDir();
    writeCsv(dir, 2);
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'row-2.mp4'), 'my own file');
    sandbox.resetCounters();
    const res = await batch(dir, []);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('line 3 (row-2): out/row-2.mp4 is a file this batch did not write');
    expect(res.stderr).toContain('--force');
    expect(postsOf(sandbox)).toEqual([]);
    expect(readFileSync(join(dir, 'out', 'row-2.mp4'), 'utf8')).toBe('my own file');

    const forced = await batch(dir, ['--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expectVerified(readReport(dir), sandbox);
  });

  it('never writes outside --out: hostile ids stay inside, a link in the way is refused (even with --force) and never followed', async () => {
    const dir = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'victim.mp4'), 'precious');
    writeFileSync(
      join(dir, 'videos.csv'),
      [
        'id,look,script',
        `../../${outside.slice(1)}/victim,lk_alex_office,Escape`,
        '/etc/passwd,lk_alex_office,Absolute',
        'linked,lk_alex_office,Linked',
      ].join('\n'),
    );
    mkdirSync(join(dir, 'out'));
    symlinkSync(join(outside, 'victim.mp4'), join(dir, 'out', 'linked.mp4'));
    sandbox.resetCounters();
    const refused = await batch(dir, []);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('out/linked.mp4 is a symbolic link');
    expect(postsOf(sandbox)).toEqual([]);

    const forced = await batch(dir, ['--force']);
    expect(forced.code).toBe(2); // a link is never replaced, not even with --force
    expect(forced.stderr).toContain('not even with --force');
    expect(postsOf(sandbox)).toEqual([]);

    rmSync(join(dir, 'out', 'linked.mp4'));
    const res = await batch(dir, ['--json']);
    expect(res.code, res.stderr).toBe(0);
    for (const row of JSON.parse(res.stdout).rows) expect(row.file.startsWith(join(dir, 'out') + '/')).toBe(true);
    expect(readFileSync(join(outside, 'victim.mp4'), 'utf8')).toBe('precious');
    expect(readdirSync(outside)).toEqual(['victim.mp4']);
    expect(videos(dir)).toEqual(['etc-passwd.mp4', 'linked.mp4', `${outside.slice(1).replace(/\//g, '-')}-victim.mp4`].sort());
  });

  it('file-system errors on the journal and the lock are named plainly (exit 1), before anything is sent', async () => {
    const dir = tempDir();
    writeCsv(dir, 1);
    writeFileSync(join(dir, 'blocker'), 'a file, not a folder');
    sandbox.resetCounters();
    const journal = await batch(dir, ['--journal', 'blocker/journal.jsonl']);
    expect(journal.code).toBe(1);
    expect(journal.stderr).toMatch(/cannot read .*blocker\/journal\.jsonl: a part of the path is not a folder/);
    expect(journal.stderr).not.toMatch(/bug|\n\s+at /);
    const lock = await batch(dir, ['--lock', 'blocker/videos.lock']);
    expect(lock.code).toBe(1);
    expect(lock.stderr).toMatch(/cannot read .*blocker\/videos\.lock: a part of the path is not a folder/);
    expect(postsOf(sandbox)).toEqual([]);
  });
});
