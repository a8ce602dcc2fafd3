// A manifest with one bad row (issue 23, 10): --rows that leaves it out renders the chosen
// rows; --skip-invalid renders the valid ones, lists the bad ones in the report and exits 2;
// a title used twice is a warning in the plan.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { tempDir } from '../helpers/harness.js';
import { batchIn, readReport } from './batch.helpers.js';

const sandbox = useSandbox({ renderMs: 40, videoBytes: 4096, concurrencyLimit: 10 }, { resetEach: true });
const creates = () => sandbox.counters.requests['POST /v3/videos'] ?? 0;

function manifest(): string {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'videos.csv'),
    [
      'id,look,script,voice_speed,engine,title',
      'a,lk_alex_office,First,1,,Intro',
      'b,lk_alex_office,Too fast,3,,Middle',
      'c,lk_alex_office,Third,1,,Outro',
      'd,lk_alex_studio,No Avatar V here,1,avatar_v,End',
    ].join('\n'),
  );
  return dir;
}

describe('batch run with bad rows', () => {
  it('without a flag: refused, nothing sent (as before)', async () => {
    const res = await batchIn(sandbox, manifest(), []);
    expect(res.code, res.stderr).toBe(2);
    expect(creates()).toBe(0);
  });

  it('--rows that leaves the bad rows out renders the chosen rows', async () => {
    const dir = manifest();
    const res = await batchIn(sandbox, dir, ['--rows', 'a,c']);
    expect(res.code, res.stderr).toBe(0);
    expect(creates()).toBe(2);
    expect(
      readReport(dir)
        .rows.map((r: { label?: string; row: string }) => r.label ?? r.row)
        .sort(),
    ).toEqual(['a', 'c']);
  });

  it('--rows that names a bad row is still refused', async () => {
    const res = await batchIn(sandbox, manifest(), ['--rows', 'a,b']);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toMatch(/line 3 \(b\), voice_speed/);
    expect(creates()).toBe(0);
  });

  it('--skip-invalid renders the valid rows, lists the skipped ones in the report and exits 2', async () => {
    const dir = manifest();
    const res = await batchIn(sandbox, dir, ['--skip-invalid']);
    expect(res.code, res.stderr).toBe(2);
    expect(creates()).toBe(2);
    const report = readReport(dir);
    expect(report.exit_code).toBe(2);
    expect(report.rows).toHaveLength(2);
    expect(report.skipped.map((p: { line: number; row: string }) => [p.line, p.row])).toEqual([
      [3, 'b'],
      [5, 'd'],
    ]);
    expect(res.stdout).toMatch(/skipped \(invalid\) line 3 \(b\), voice_speed/);
    expect(res.stderr).toMatch(/--skip-invalid: leaving out 2 invalid rows/);
    expect(res.stdout).toMatch(/skipped \(invalid\) line 5 \(d\), engine: look lk_alex_studio does not support avatar_v/);
  });

  it('--skip-invalid does not pass a broken header', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'videos.csv'), 'id,look,scrpit\na,lk_alex_office,Hi\n');
    const res = await batchIn(sandbox, dir, ['--skip-invalid']);
    expect(res.code, res.stderr).toBe(2);
    expect(creates()).toBe(0);
  });

  it('a title used twice is a warning in the plan', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'videos.csv'), 'id,look,script,title\na,lk_alex_office,One,Intro\nb,lk_alex_office,Two,Intro\n');
    const res = await batchIn(sandbox, dir, ['--dry-run']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/line 3 \(b\): title "Intro" is also used on line 2/);
  });
});
