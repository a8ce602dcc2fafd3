// twin batch run, checks before anything is sent: every bad row listed with its line and
// column (exit 2, nothing sent), and the --dry-run plan.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { runTwin, tempDir, type RunOptions } from '../helpers/harness.js';
import { batchIn, postsOf, writeCsv } from './batch.helpers.js';

const sandbox = useSandbox({ renderMs: 40, videoBytes: 4096, concurrencyLimit: 10 });
const posts = () => postsOf(sandbox);
const batch = (dir: string, args: string[], opts: RunOptions = {}) => batchIn(sandbox, dir, args, opts);

describe('batch run: checks before sending', () => {
  it('lists every bad row with its line and column, exits 2 and sends nothing', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'videos.csv'),
      [
        'id,look,script,voice_speed,engine,script_file',
        'a,lk_alex_office,"Fine, with a comma",1,,',
        'b,lk_alex_office,Too fast,3,,',
        'c,lk_alex_office,,,,missing.txt',
        'd,lk_alex_office,"multi',
        'line",1,avatar_x,',
        'a,lk_alex_office,duplicate id,1,,',
        'f,lk_alex_studio,"Look without avatar_v",1,avatar_v,',
      ].join('\n'),
    );
    sandbox.resetCounters();
    const res = await batch(dir, []);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/line 3 \(b\), voice_speed: must be a number from 0\.5 to 1\.5/);
    expect(res.stderr).toMatch(/line 4 \(c\), script_file: no such file: .*missing\.txt/);
    expect(res.stderr).toMatch(/line 5 \(d\), engine: must be one of avatar_iv, avatar_v/);
    expect(res.stderr).toMatch(/line 7 \(a\), id: "a" is also used on line 2/);
    expect(res.stderr).toMatch(/line 8 \(f\), engine: look lk_alex_studio does not support avatar_v/);
    expect(res.stderr).not.toMatch(/line 2 /);
    expect(res.stderr).toContain('nothing was sent');
    expect(posts()).toEqual([]); // neither single creates nor batch creates
  });

  it('refuses --timeout 0 like every duration flag: exit 2 naming the flag, nothing sent', async () => {
    const dir = tempDir();
    writeCsv(dir, 2);
    sandbox.resetCounters();
    const res = await batch(dir, ['--timeout', '0']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--timeout: must be more than 0 (got "0").');
    expect(posts()).toEqual([]);
    expect(Object.keys(sandbox.counters.requests)).toEqual([]);
  });

  it('reports unknown columns (with the one probably meant) and bad JSONL lines', async () => {
    const dir = tempDir();
    // As a Windows spreadsheet saves it: BOM, CRLF.
    writeFileSync(join(dir, 'videos.csv'), '\ufefflook,script,titel,colour\r\nlk_alex_office,"Hi,\r\nthere",Hello,red\r\n');
    sandbox.resetCounters();
    const csv = await batch(dir, []);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('line 1, titel: unknown column; did you mean "title"?');
    expect(csv.stderr).toMatch(/line 1, colour: unknown column; use the long flags of `twin video create`: look, voice, script/);
    expect(csv.stderr).not.toMatch(/line 2/);
    expect(posts()).toEqual([]); // neither single creates nor batch creates

    writeFileSync(join(dir, 'videos.jsonl'), '{"look":"lk_alex_office","script":"Hi"}\n{"look": oops}\n\n["not an object"]\n');
    const jsonl = await runTwin(['batch', 'run', 'videos.jsonl', '--out', 'out'], { sandbox, cwd: dir });
    expect(jsonl.code).toBe(2);
    expect(jsonl.stderr).toMatch(/line 2: is not valid JSON/);
    expect(jsonl.stderr).toMatch(/line 4: must be a JSON object/);
  });

  it('a manifest bad on every row lists the first 50 problems; --json carries them all', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'videos.csv'),
      `id,look,title\n${Array.from({ length: 60 }, (_, i) => `r${i},lk_alex_office,No script ${i}`).join('\n')}\n`,
    );
    const human = await batch(dir, []);
    expect(human.code).toBe(2);
    expect(human.stderr).toMatch(/60 problems on 60 lines \(60 rows read\); nothing was sent/);
    expect(
      human.stderr.match(/^ {2}line \d+ \(r\d+\), script: is empty: give each row a script, a script_file, an audio or an audio_url$/gm),
    ).toHaveLength(50);
    expect(human.stderr).toContain('…and 10 more (--json lists every one)');
    const json = await batch(dir, ['--json']);
    expect(JSON.parse(json.stderr).error.problems).toHaveLength(60);
  });

  it('--dry-run prints the plan with keys, and sends nothing', async () => {
    const dir = tempDir();
    writeCsv(dir, 3);
    sandbox.resetCounters();
    const res = await batch(dir, ['--dry-run', '--json']);
    expect(res.code).toBe(0);
    const plan = JSON.parse(res.stdout);
    expect(plan.rows).toBe(3);
    expect(plan.steps.render).toBe(3);
    expect(plan.plan.map((r: { row: string }) => r.row)).toEqual(['row-1', 'row-2', 'row-3']);
    expect(plan.plan[0].idempotency_key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(posts()).toEqual([]); // neither single creates nor batch creates
    // Keys depend on the content and the batch, not on the run.
    const again = JSON.parse((await batch(dir, ['--dry-run', '--json'])).stdout);
    expect(again.plan[0].idempotency_key).toBe(plan.plan[0].idempotency_key);
    const other = JSON.parse((await batch(dir, ['--dry-run', '--json', '--batch-id', 'ci-7'])).stdout);
    expect(other.plan[0].idempotency_key).not.toBe(plan.plan[0].idempotency_key);

    // For people: a table on a terminal; tab-separated rows on a pipe, the counts on stderr.
    const key = plan.plan[0].idempotency_key;
    const tty = await batch(dir, ['--dry-run'], { tty: true, env: { NO_COLOR: '1' } });
    expect(tty.stdout).toContain(
      'Plan for videos.csv (csv): 3 rows, all valid and pre-flighted.\n  3 to render; a real run would start 3 renders. Nothing was sent (--dry-run).\n',
    );
    expect(tty.stdout).toContain('  Lock videos.csv.lock: 3 new.\n');
    expect(tty.stdout).toMatch(new RegExp(`^LINE +ROW +STEP +LOCK +VIDEO +IDEMPOTENCY KEY\n2 +row-1 +render +new +${key}$`, 'm'));
    const piped = await batch(dir, ['--dry-run']);
    expect(piped.stdout.split('\n')[0]).toBe(`2\trow-1\trender\tnew\t\t${key}`);
    expect(piped.stderr).toBe(
      'Budget: 3 renders, about 4 seconds of video (estimate) · balance: $250.00 prepaid (wallet)\n3 rows: 3 to render; a real run would start 3 renders. Nothing was sent (--dry-run).\nLock videos.csv.lock: 3 new.\n',
    );
    expect(posts()).toEqual([]); // neither single creates nor batch creates
  });

  it('--dry-run --json of more rows than one chunk is the one pretty-printed document', async () => {
    const dir = tempDir();
    writeCsv(dir, 4100); // written 2,000 entries at a time: three chunks
    const res = await batch(dir, ['--dry-run', '--json', '--no-lock']);
    expect(res.code, res.stderr).toBe(0);
    const plan = JSON.parse(res.stdout);
    expect(plan.plan).toHaveLength(4100);
    expect(plan.plan[4099]).toMatchObject({ row: 'row-4100', line: 4101, step: 'render' });
    expect(res.stdout).toBe(`${JSON.stringify(plan, null, 2)}\n`);
  });
});
