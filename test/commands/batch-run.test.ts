// twin batch run, in-process against the sandbox: a full run with downloads verified against
// the sandbox's own checksums, faults, shards, failures and --retry-failed, resuming from the
// journal, the step summary and `batch status`. Checks before sending: batch-checks.test.ts.
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { FIXED_POLL, runTwin, tempDir, type RunOptions } from '../helpers/harness.js';
import { batchIn, expectVerified as verified, quickSleep, readReport, tempDirWithCsv, writeCsv } from './batch.helpers.js';

const sandbox = useSandbox({ renderMs: 40, videoBytes: 4096, concurrencyLimit: 10 });
const batch = (dir: string, args: string[], opts: RunOptions = {}) => batchIn(sandbox, dir, args, opts);
const expectVerified = (report: Parameters<typeof verified>[0], sb: Sandbox = sandbox) => verified(report, sb);

describe('batch run: rendering', () => {
  it('renders and downloads every row (CSV quoting, BOM, script files, defaults), each file verified', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'scripts'));
    writeFileSync(join(dir, 'scripts', 'intro.txt'), 'An intro read from a file.\n');
    writeFileSync(
      join(dir, 'videos.csv'),
      '\ufeffname,script,script-file,aspectRatio\n' +
        'first,"Hello, world",,16:9\n' +
        'second,"Two\nlines",,\n' +
        'third,,scripts/intro.txt,9:16\n',
    );
    const summary = join(dir, 'summary.md');
    sandbox.resetCounters();
    const res = await batch(dir, ['--look', 'lk_maya_portrait', '--json'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(res.code).toBe(0);
    expect(sandbox.counters.rendered).toBe(3);
    const report = JSON.parse(res.stdout);
    expect(report).toEqual(readReport(dir));
    // The documented shape: what CI scripts read.
    expect(Object.keys(report)).toEqual([
      'version',
      'manifest',
      'batch_id',
      'shard',
      'journal',
      'out',
      'started_at',
      'finished_at',
      'duration_ms',
      'outcome',
      'stopped',
      'exit_code',
      'totals',
      'stats',
      'lock',
      'rows',
      'budget',
      'review_page',
    ]);
    expect(report).toMatchObject({
      version: 1,
      manifest: join(dir, 'videos.csv'),
      shard: null,
      out: join(dir, 'out'),
      outcome: 'succeeded',
      stopped: 'finished',
      exit_code: 0,
    });
    expect(report.totals).toEqual({
      done: 3,
      failed: 0,
      unknown: 0,
      rendered: 0,
      download_failed: 0,
      rendering: 0,
      queued: 0,
      rows: 3,
      manifest_rows: 3,
      other_shards: 0,
    });
    expect(Object.keys(report.rows[0])).toEqual([
      'row',
      'line',
      'label',
      'status',
      'video_id',
      'file',
      'sha256',
      'bytes',
      'attempt',
      'idempotency_key',
      'lock',
    ]);
    expectVerified(report);
    expect(report.rows.map((r: { file: string }) => r.file.split('/').pop())).toEqual(['first.mp4', 'second.mp4', 'third.mp4']);
    const sent = sandbox.received
      .filter((r) => r.method === 'POST' && r.path === '/v3/videos')
      .slice(-3)
      .map((r) => r.body as Record<string, unknown>);
    expect(sent.map((b) => b.script).sort()).toEqual(['An intro read from a file.', 'Hello, world', 'Two\nlines']);
    expect(sent.every((b) => b.avatar_id === 'lk_maya_portrait')).toBe(true);
    expect(readFileSync(summary, 'utf8')).toMatch(/twin batch.*\n[\s\S]*\| done \| 3 \|/);
  });

  it('reads JSONL with typed values; captions land beside the video', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'videos.jsonl'),
      '{"name": "Intro: part 1", "look": "lk_alex_office", "script": "Hi there", "voice_speed": 1.2, "captions": true}\n' +
        '{"id": 42, "avatar_id": "lk_maya_portrait", "script": "Second", "aspectRatio": "9:16"}\n',
    );
    const res = await runTwin(['batch', 'run', 'videos.jsonl', '--out', 'out', '--json'], { sandbox, cwd: dir, env: FIXED_POLL });
    expect(res.code, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout);
    expectVerified(report);
    expect(report.rows.map((r: { file: string }) => r.file.split('/').pop())).toEqual(['Intro-part-1.mp4', '42.mp4']);
    expect(readFileSync(join(dir, 'out', 'Intro-part-1.srt'), 'utf8')).toMatch(/-->/);
    const sent = sandbox.received
      .filter((r) => r.method === 'POST' && r.path === '/v3/videos')
      .slice(-2)
      .map((r) => r.body as Record<string, unknown>);
    expect(sent.find((b) => b.script === 'Hi there')).toMatchObject({ voice_settings: { speed: 1.2 }, caption: { file_format: 'srt' } });
  });

  it('--dry-run without an API key still checks every local rule', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'videos.csv'), 'look,script,expressiveness,engine\nlk_x,Hi,high,avatar_v\n');
    const res = await runTwin(['batch', 'run', 'videos.csv', '--dry-run', '--json'], { cwd: dir, env: { HEYGEN_API_KEY: undefined } });
    expect(res.code).toBe(2);
    const error = JSON.parse(res.stderr.trim().split('\n').pop()!).error;
    expect(error.code).toBe('invalid_manifest');
    expect(error.problems).toEqual([
      expect.objectContaining({ line: 2, column: 'expressiveness', message: expect.stringMatching(/Avatar IV only/) }),
    ]);
    expect(res.stderr).toContain('No API key');
  });

  it('200 rows with injected 429s and 5xx: exactly 200 renders, all verified', async () => {
    const sb = await startSandbox({
      renderMs: 30,
      videoBytes: 1024,
      concurrencyLimit: 10,
      seed: 7,
      faults: { rate429: 0.1, rate5xx: 0.05 },
    });
    try {
      const dir = tempDir();
      writeCsv(dir, 200);
      const res = await runTwin(['batch', 'run', 'videos.csv', '--out', 'out'], {
        sandbox: sb,
        cwd: dir,
        sleep: quickSleep,
        env: FIXED_POLL,
      });
      expect(res.code, res.stderr).toBe(0);
      expect(sb.counters.rendered).toBe(200);
      const report = readReport(dir);
      expect(report.totals.done).toBe(200);
      expect(new Set(report.rows.map((r: { video_id: string }) => r.video_id)).size).toBe(200);
      expectVerified(report, sb);
      // Faults really happened: more create requests than videos.
      expect(sb.counters.requests['POST /v3/videos']).toBeGreaterThan(200);
    } finally {
      await sb.close();
    }
  }, 60_000);

  it('more concurrency than the account allows: the 429s are waited out, each row rendered once', async () => {
    const sb = await startSandbox({ renderMs: 50, videoBytes: 1024, concurrencyLimit: 2 });
    try {
      const dir = tempDir();
      writeCsv(dir, 12);
      const res = await runTwin(['batch', 'run', 'videos.csv', '--out', 'out', '--concurrency', '6', '--no-download'], {
        sandbox: sb,
        cwd: dir,
        sleep: quickSleep,
        env: FIXED_POLL,
      });
      expect(res.code, res.stderr).toBe(0);
      expect(sb.counters.rendered).toBe(12);
      expect(sb.counters.requests['POST /v3/videos']).toBeGreaterThan(12); // it did meet the limit
    } finally {
      await sb.close();
    }
  }, 30_000);

  it('shards 1/3, 2/3 and 3/3 cover every row exactly once', async () => {
    const dir = tempDir();
    writeCsv(dir, 30);
    sandbox.resetCounters();
    const seen: string[] = [];
    for (const shard of ['1/3', '2/3', '3/3']) {
      const res = await batch(dir, ['--shard', shard, '--no-download']);
      expect(res.code).toBe(0);
      const report = readReport(dir, `twin-batch-report.${shard.replace('/', '-of-')}.json`);
      expect(report.totals.manifest_rows).toBe(30);
      expect(report.totals.rows + report.totals.other_shards).toBe(30);
      expect(report.totals.rows).toBeGreaterThan(0);
      seen.push(...report.rows.map((r: { row: string }) => r.row));
    }
    expect(seen.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `row-${i + 1}`).sort());
    expect(sandbox.counters.rendered).toBe(30);
    // Reordering the manifest does not move a row to another shard.
    const before = JSON.parse((await batch(dir, ['--shard', '2/3', '--dry-run', '--json'])).stdout).plan.map((r: { row: string }) => r.row);
    const lines = readFileSync(join(dir, 'videos.csv'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'videos.csv'), `${[lines[0], ...lines.slice(1).reverse()].join('\n')}\n`);
    const after = JSON.parse((await batch(dir, ['--shard', '2/3', '--dry-run', '--json'])).stdout).plan.map((r: { row: string }) => r.row);
    expect(after.sort()).toEqual(before.sort());
  });

  it('a failed render exits 5 while the rest finish; --retry-failed renders only it again', async () => {
    const dir = tempDir();
    writeCsv(dir, 5);
    sandbox.resetCounters();
    sandbox.inject({ kind: 'fail-render', times: 1 });
    const first = await batch(dir, []);
    expect(first.code).toBe(5);
    expect(first.stdout).toMatch(/4 done, 1 failed/);
    expect(first.stdout).toContain('--retry-failed');
    const report = readReport(dir);
    expect(report.totals).toMatchObject({ done: 4, failed: 1 });
    const failed = report.rows.find((r: { status: string }) => r.status === 'failed');
    expect(failed.error.code).toBe('render_failed');

    // A plain re-run renders nothing and still reports the failure.
    const again = await batch(dir, []);
    expect(again.code).toBe(5);
    expect(sandbox.counters.rendered).toBe(5);

    const retry = await batch(dir, ['--retry-failed']);
    expect(retry.code).toBe(0);
    expect(sandbox.counters.rendered).toBe(6);
    const fixed = readReport(dir);
    const row = fixed.rows.find((r: { row: string }) => r.row === failed.row);
    expect(row).toMatchObject({ status: 'done', attempt: 1 });
    expect(row.idempotency_key).not.toBe(failed.idempotency_key);
    expectVerified(fixed);
  });

  it('a re-run renders nothing twice; a changed row is a new video', async () => {
    const dir = tempDir();
    writeCsv(dir, 4);
    sandbox.resetCounters();
    expect((await batch(dir, [])).code).toBe(0);
    const first = readReport(dir);
    expect(sandbox.counters.rendered).toBe(4);

    const again = await batch(dir, []);
    expect(again.code).toBe(0);
    expect(sandbox.counters.rendered).toBe(4);
    expect(readReport(dir).rows.every((r: { earlier?: boolean }) => r.earlier)).toBe(true);

    writeCsv(dir, 4, { script: (i) => (i === 2 ? 'A new script for row two' : `Hello number ${i}`) });
    expect((await batch(dir, [])).code).toBe(0);
    expect(sandbox.counters.rendered).toBe(5);
    const changed = readReport(dir).rows.find((r: { row: string }) => r.row === 'row-2');
    expect(changed.video_id).not.toBe(first.rows[1].video_id);
    expect(changed.sha256).toBe(sandbox.videoSha256(changed.video_id));
  });

  it('a journal whose rows were cut off mid-flight (no video id) replays the same keys: no new renders', async () => {
    const dir = tempDir();
    writeCsv(dir, 6);
    sandbox.resetCounters();
    expect((await batch(dir, ['--no-download'])).code).toBe(0);
    expect(sandbox.counters.rendered).toBe(6);
    // As if the process died right after sending each create: only "submitting" lines, one torn.
    const journal = join(dir, 'out', '.twin-journal.jsonl');
    const lines = readFileSync(journal, 'utf8').trim().split('\n');
    const submitting = lines.filter((l) => l.includes('"state":"submitting"'));
    writeFileSync(journal, `${lines[0]}\n${submitting.join('\n')}\n{"row":"row-1","sta`);
    const res = await batch(dir, []);
    expect(res.code).toBe(0);
    expect(sandbox.counters.rendered).toBe(6);
    expectVerified(readReport(dir));
  });

  it('shows progress: redrawn in place on a terminal, one line per finished row in CI', async () => {
    const tty = await batch(tempDirWithCsv(4), [], { tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain('\x1b[2A\r\x1b[J'); // the live lines are redrawn in place
    expect(tty.stderr).toMatch(/\d+\/4 done/);
    expect(tty.stderr).not.toMatch(/\[\d+\/4\]/);

    const ci = await batch(tempDirWithCsv(4), [], { env: { CI: 'true' } });
    expect(ci.code).toBe(0);
    expect(ci.stderr).not.toContain('\x1b[');
    expect(ci.stderr.match(/^\[\d\/4\] ✓ row-\d → out\/row-\d\.mp4$/gm)).toHaveLength(4);
    expect(ci.stderr).toContain('[4/4]');

    const quiet = await batch(tempDirWithCsv(2), ['--quiet']);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('--timeout stops with exit 4 and Ctrl-C with 130; the same command then finishes without a second render', async () => {
    const slow = await startSandbox({ renderMs: 1200, videoBytes: 1024 });
    try {
      const dir = tempDir();
      writeCsv(dir, 3);
      const run = (args: string[], opts: RunOptions = {}) =>
        runTwin(['batch', 'run', 'videos.csv', '--out', 'out', ...args], { sandbox: slow, cwd: dir, env: FIXED_POLL, ...opts });
      const timedOut = await run(['--timeout', '300ms']);
      expect(timedOut.code).toBe(4);
      expect(timedOut.stderr).toMatch(/--timeout reached with 0 of 3 rows done/);
      expect(timedOut.stderr).toContain('Run the same command again');
      expect(readReport(dir)).toMatchObject({ outcome: 'incomplete', stopped: 'timeout', exit_code: 4 });

      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const interrupted = await run([], { signal: controller.signal });
      expect(interrupted.code).toBe(130);
      expect(interrupted.stderr).toContain('no row is rendered twice');

      const done = await run([]);
      expect(done.code).toBe(0);
      expect(slow.counters.rendered).toBe(3);
      expectVerified(readReport(dir), slow);
    } finally {
      await slow.close();
    }
  });

  it('takes defaults from .heygenrc under the flags under the columns; journal and report where asked; status in bulk', async () => {
    const sb = await startSandbox({ renderMs: 300, videoBytes: 512, concurrencyLimit: 200 });
    try {
      const dir = tempDir();
      writeFileSync(join(dir, '.heygenrc'), JSON.stringify({ look: 'lk_maya_portrait', 'aspect-ratio': '9:16', resolution: '720p' }));
      const rows = Array.from({ length: 150 }, (_, i) => `r${i},Hello ${i},${i === 0 ? '4:5' : ''}`);
      writeFileSync(join(dir, 'videos.csv'), `id,script,aspect-ratio\n${rows.join('\n')}\n`);
      const res = await runTwin(
        [
          'batch',
          'run',
          'videos.csv',
          '--no-download',
          '--concurrency',
          '150',
          '--aspect-ratio',
          '1:1',
          '--journal',
          'state/j.jsonl',
          '--report',
          'state/report.json',
        ],
        { sandbox: sb, cwd: dir, env: FIXED_POLL },
      );
      expect(res.code, res.stderr).toBe(0);
      const bodies = sb.received
        .filter((r) => r.method === 'POST' && r.path === '/v3/videos')
        .map((r) => r.body as Record<string, unknown>);
      expect(bodies).toHaveLength(150);
      expect(bodies.every((b) => b.avatar_id === 'lk_maya_portrait' && b.resolution === '720p')).toBe(true);
      expect(bodies.find((b) => b.script === 'Hello 0')!.aspect_ratio).toBe('4:5');
      expect(bodies.filter((b) => b.aspect_ratio === '1:1')).toHaveLength(149);

      const report = JSON.parse(readFileSync(join(dir, 'state', 'report.json'), 'utf8'));
      expect(report.journal).toBe(join(dir, 'state', 'j.jsonl'));
      expect(
        readFileSync(join(dir, 'state', 'j.jsonl'), 'utf8')
          .split('\n')
          .filter((l) => l.includes('"state":"completed"')),
      ).toHaveLength(150);
      // 150 renders in flight: every poll is bulk, 100 ids a request at most, never one GET per video.
      const polls = sb.received.filter((r) => r.path === '/v3/videos/statuses').map((r) => r.query.video_ids!.split(',').length);
      expect(Math.max(...polls)).toBe(100);
      expect(report.stats.max_status_requests_per_cycle).toBe(2);
      expect(sb.counters.requests['GET /v3/videos/:id']).toBeUndefined();
    } finally {
      await sb.close();
    }
  });

  it('appends a Markdown summary to $GITHUB_STEP_SUMMARY: counts, then the rows that need attention', async () => {
    const dir = tempDir();
    writeCsv(dir, 3);
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '## earlier step\n');
    sandbox.inject({ kind: 'fail-render', times: 1 });
    const res = await batch(dir, ['--no-download'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(res.code).toBe(5);
    const failed = readReport(dir).rows.find((r: { status: string }) => r.status === 'failed');
    const text = readFileSync(summary, 'utf8').replace(/in \d+s/, 'in Ns');
    expect(text).toBe(
      [
        '## earlier step',
        '### ❌ twin batch: `videos.csv`',
        '',
        '3 rows in Ns · exit code 5',
        '',
        '| status | rows |',
        '|---|---:|',
        '| done | 2 |',
        '| failed | 1 |',
        '',
        '| line | row | video | error |',
        '|---:|---|---|---|',
        `| ${failed.line} | ${failed.row} | ${failed.video_id} | render_failed: ${failed.error.message} |`,
        '',
        'Run the same command with `--retry-failed` to render the failed rows again.',
        '',
        '**Budget:** 3 renders, about 4 seconds of video (estimate); 3 new renders started.',
        '',
        '**Balance:** $250.00 prepaid (wallet).',
        '',
        '**Review page:** `out/review.html`',
        '',
        '',
      ].join('\n'),
    );
  });

  it('batch status shows where a run stands', async () => {
    const dir = tempDir();
    writeCsv(dir, 3);
    sandbox.inject({ kind: 'fail-render', times: 1 });
    await batch(dir, []);
    const res = await runTwin(['batch', 'status', 'out', '--json'], { sandbox, cwd: dir });
    expect(res.code).toBe(0);
    const status = JSON.parse(res.stdout);
    expect(status.rows).toBe(3);
    expect(status.counts).toMatchObject({ downloaded: 2, failed: 1 });
    expect(status.failed[0].error).toMatch(/render_failed/);
    const human = await runTwin(['batch', 'status', join('out', '.twin-journal.jsonl')], { sandbox, cwd: dir });
    expect(human.stdout).toContain('\n  3 rows: 2 downloaded, 1 failed\n'); // no list of zeros
    expect(human.stdout).toContain('--retry-failed');
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.part'))).toEqual([]);
  });
});
