// Issue 16 through real HTTP against the sandbox: --sample / --rows then the rest (never a row
// twice), the render budget (--max-renders, the max-renders setting, --max-minutes), the plan's
// estimate and balance in every output, the balance warning, `twin batch review` (no request,
// --open) and review.html written by `batch run` and `batch status`.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { runTwin, tempDir, until, type RunOptions } from '../helpers/harness.js';
import { createClient } from '../../src/api/index.js';
import type { Task } from '../../src/core/batch/tasks.js';
import { continueCommand } from '../../src/commands/batch/run-options.js';
import { ReviewSession } from '../../src/flows/batch-review.js';
import { writeReviewPage } from '../../src/core/batch/review-page.js';
import { journalPaths } from '../../src/core/batch/journal-paths.js';
import { batchIn } from './batch.helpers.js';

const sandbox = useSandbox({ renderMs: 30, videoBytes: 2048, concurrencyLimit: 10 });

function manifest(rows: number, script = (i: number) => `Hello number ${i} from the sample test`): string {
  const dir = tempDir();
  const lines = ['id,look,script,title'];
  for (let i = 1; i <= rows; i++) lines.push(`row-${i},lk_alex_office,${script(i)},Video ${i}`);
  writeFileSync(join(dir, 'videos.csv'), `${lines.join('\n')}\n`);
  return dir;
}

const batch = (dir: string, args: string[], opts: RunOptions = {}) => batchIn(sandbox, dir, args, opts);

const report = (dir: string) => JSON.parse(readFileSync(join(dir, 'out', 'twin-batch-report.json'), 'utf8'));
const posts = () => Object.keys(sandbox.counters.requests).filter((route) => route.startsWith('POST '));

describe('batch run --sample / --rows', () => {
  it('renders a stable spread of N rows, stops with exit 0 and the command for the rest, which renders only the rest', async () => {
    const dir = manifest(10);
    sandbox.resetCounters();
    const first = await batch(dir, ['--sample', '3', '--look', 'lk_alex_office']);
    expect(first.code, first.stderr).toBe(0);
    expect(sandbox.counters.rendered).toBe(3);
    const sampled = report(dir).rows.map((r: { row: string }) => r.row);
    expect(sampled).toEqual(['row-2', 'row-6', 'row-9']); // the middle of each third, in file order
    expect(first.stderr).toContain('then render the other 7 rows with:\n  twin batch run videos.csv --out out --look lk_alex_office');
    expect(report(dir).continue_command).toBe('twin batch run videos.csv --out out --look lk_alex_office');
    expect(existsSync(join(dir, 'out', 'review.html'))).toBe(true);
    const sampledIds = report(dir).rows.map((r: { video_id: string }) => r.video_id);

    // The same sample job again (a CI re-run) picks the same rows: nothing new is rendered.
    sandbox.resetCounters();
    const again = await batch(dir, ['--sample', '3', '--look', 'lk_alex_office']);
    expect(again.code, again.stderr).toBe(0);
    expect(sandbox.counters.rendered).toBe(0);

    sandbox.resetCounters();
    const rest = await batch(dir, ['--look', 'lk_alex_office']);
    expect(rest.code, rest.stderr).toBe(0);
    expect(rest.stderr).toContain('Budget: 7 renders');
    expect(sandbox.counters.rendered).toBe(7);
    const all = report(dir).rows;
    expect(all).toHaveLength(10);
    expect(all.every((r: { status: string }) => r.status === 'done')).toBe(true);
    for (const id of sampledIds) expect(all.some((r: { video_id: string }) => r.video_id === id)).toBe(true);
    expect(report(dir).continue_command).toBeUndefined();
  });

  it('renders the rows --rows names, and refuses unknown names and --sample with --rows before sending anything', async () => {
    const dir = manifest(5);
    sandbox.resetCounters();
    const unknown = await batch(dir, ['--rows', 'row-2,nope,also-nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--rows: no row named "nope", "also-nope"');
    const both = await batch(dir, ['--rows', 'row-2', '--sample', '1']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--sample and --rows cannot be combined');
    expect(posts()).toEqual([]);

    const named = await batch(dir, ['--rows', 'row-4, row-1', '--json']);
    expect(named.code, named.stderr).toBe(0);
    expect(sandbox.counters.rendered).toBe(2);
    const json = JSON.parse(named.stdout);
    expect(json.rows.map((r: { row: string }) => r.row)).toEqual(['row-1', 'row-4']);
    expect(json.budget).toMatchObject({ renders: 2, sample: 2, renders_started: 2 });
    expect(json.continue_command).toBe('twin batch run videos.csv --out out');
  });
});

describe('render budget', () => {
  it('--max-renders refuses a bigger plan with exit 2 and the count, sending nothing', async () => {
    const dir = manifest(5);
    sandbox.resetCounters();
    const res = await batch(dir, ['--max-renders', '4']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('This run would start 5 renders; --max-renders allows 4. Nothing was sent.');
    expect(posts()).toEqual([]);
    expect(sandbox.counters.rendered).toBe(0);
  });

  it('takes max-renders from .heygenrc, and counts only what is left to render', async () => {
    const dir = manifest(5);
    writeFileSync(join(dir, '.heygenrc'), JSON.stringify({ 'max-renders': 3 }));
    sandbox.resetCounters();
    const refused = await batch(dir, ['--json']);
    expect(refused.code).toBe(2);
    expect(refused.stderr + refused.stdout).toContain('would start 5 renders; --max-renders allows 3');
    expect(posts()).toEqual([]);

    const sample = await batch(dir, ['--sample', '2']);
    expect(sample.code, sample.stderr).toBe(0);
    const rest = await batch(dir, []);
    expect(rest.code, rest.stderr).toBe(0); // 3 left, within the setting
    expect(sandbox.counters.rendered).toBe(5);
  });

  it('--max-minutes refuses a plan whose estimate is longer, sending nothing', async () => {
    const long = Array.from({ length: 300 }, () => 'word').join(' '); // 300 words: about 2 minutes each
    const dir = manifest(3, () => long);
    sandbox.resetCounters();
    const res = await batch(dir, ['--max-minutes', '5']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('This run would make about 6 minutes of video (estimate); --max-minutes allows 5.');
    expect(posts()).toEqual([]);
    const ok = await batch(dir, ['--max-minutes', '6', '--dry-run', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).budget).toMatchObject({ renders: 3, estimated_minutes: 6, max_minutes: 6 });
  });

  it('states renders, minutes and balance before sending: human, --dry-run --json and the step summary', async () => {
    const dir = manifest(4);
    sandbox.resetCounters();
    const dry = await batch(dir, ['--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout).budget).toEqual({
      renders: 4,
      estimated_seconds: 11.2, // 7 words each at 150 a minute
      estimated_minutes: 0.2,
      rows_of_unknown_length: 0,
      max_renders: null,
      max_minutes: null,
      cost_floor: { usd: 0.75, credits: 0.2 },
      balance: { type: 'wallet', remaining: 250, unit: 'usd', summary: '$250.00 prepaid (wallet)' },
      balance_warning: null,
      sample: null,
    });
    expect(posts()).toEqual([]);
    const summary = join(dir, 'summary.md');
    const run = await batch(dir, [], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Budget: 4 renders, about 11 seconds of video (estimate) · balance: $250.00 prepaid (wallet)');
    // Said before the first create: the line comes before the first row's progress.
    expect(run.stderr.indexOf('Budget:')).toBeLessThan(run.stderr.indexOf('row-1'));
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('**Budget:** 4 renders, about 11 seconds of video (estimate); 4 new renders started.');
    expect(md).toContain('**Balance:** $250.00 prepaid (wallet).');
    expect(md).toContain('**Review page:** `out/review.html`');
  });

  it('warns (and still renders) when the balance is clearly too small, saying it is an estimate', async () => {
    const dir = manifest(2);
    sandbox.options.billing = { billing_type: 'wallet', wallet: { currency: 'usd', remaining_balance: 0.1 } };
    try {
      sandbox.resetCounters();
      const res = await batch(dir, []);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stderr).toMatch(
        /! This run may need about \$0\.\d\d or more \(an estimate from script length and published rates\) and the account has \$0\.10 left/,
      );
      expect(sandbox.counters.rendered).toBe(2);
    } finally {
      delete sandbox.options.billing;
    }
  });
});

describe('twin batch review', () => {
  it('rebuilds review.html from the journal without any request and prints its path; batch status writes it too', async () => {
    const dir = manifest(3);
    expect((await batch(dir, ['--sample', '1'])).code).toBe(0);
    const page = join(dir, 'out', 'review.html');
    writeFileSync(page, 'stale');
    sandbox.resetCounters();
    const res = await runTwin(['batch', 'review', 'out'], { sandbox, cwd: dir });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.trim()).toBe(page);
    expect(sandbox.counters.requests).toEqual({});
    const html = readFileSync(page, 'utf8');
    expect(html.match(/<li class="card"/g)).toHaveLength(3);
    expect(html).toContain('data-status="done"');
    expect(html).toContain('<video controls preload="metadata" playsinline src="row-2.mp4"');

    const json = JSON.parse((await runTwin(['batch', 'review', 'out', '--json'], { sandbox, cwd: dir })).stdout);
    expect(json).toMatchObject({ path: page, totals: { done: 1, failed: 0, pending: 2, rows: 3 }, renders_last_run: 1, opened: null });

    writeFileSync(page, 'stale');
    const status = await runTwin(['batch', 'status', 'out'], { sandbox, cwd: dir });
    expect(status.code).toBe(0);
    expect(status.stderr).toContain(`Review page: ${page}`);
    expect(readFileSync(page, 'utf8')).toContain('<!doctype html>');
    expect(sandbox.counters.requests).toEqual({});
  });

  it('"Still to render" counts a failed row, which a retry renders again', async () => {
    const dir = manifest(2);
    sandbox.inject({ kind: 'fail-render', times: 1 });
    expect((await batch(dir, [])).code).toBe(5);
    const out = join(dir, 'out');
    const { model } = await writeReviewPage(out, journalPaths(out), new Date());
    expect(model.totals).toMatchObject({ done: 1, failed: 1, pending: 0, rows: 2 });
    const failed = model.cards.find((c) => c.status === 'failed')!;
    expect(model.pending_seconds).toBe(failed.facts!.estimate.seconds);
    expect(model.pending_seconds).toBeGreaterThan(0);
  });

  it("shows the thumbnail and the API's duration for rows rendered without a download", async () => {
    const dir = manifest(2);
    sandbox.resetCounters();
    const res = await batch(dir, ['--no-download']);
    expect(res.code, res.stderr).toBe(0);
    // From the video list (100 a page), never one GET per video.
    expect(sandbox.counters.requests['GET /v3/videos']).toBe(1);
    expect(sandbox.counters.requests['GET /v3/videos/:id']).toBeUndefined();
    const html = readFileSync(join(dir, 'out', 'review.html'), 'utf8');
    expect(html).not.toContain('<video');
    const thumbs = html.match(/<img src="http:\/\/127\.0\.0\.1:\d+\/[^"]+" alt="Thumbnail: Video \d"/g) ?? [];
    expect(thumbs).toHaveLength(2);
    expect(html).toMatch(/<dt>Duration<\/dt><dd>0:03<\/dd>/); // the sandbox's duration for 7 words (2.8 s), not the estimate
    expect(html).toContain('data-status="done"');
  });

  it('shows the manifest as it is now: an edited row is pending again, a removed row is gone', async () => {
    const dir = manifest(3);
    expect((await batch(dir, [])).code).toBe(0);
    const csv = join(dir, 'videos.csv');
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
    writeFileSync(csv, `${[lines[0], lines[1]!.replace('Hello number 1', 'Hello again'), lines[2]].join('\n')}\n`);
    sandbox.resetCounters();
    const res = await batch(dir, ['--rows', 'row-2']); // renders nothing: row-2 is done
    expect(res.code, res.stderr).toBe(0);
    expect(sandbox.counters.rendered).toBe(0);
    const html = readFileSync(join(dir, 'out', 'review.html'), 'utf8');
    const cards = [...html.matchAll(/<li class="card" data-status="(\w+)"[\s\S]*?<code>(row-\d)<\/code>/g)].map((m) => [m[2], m[1]]);
    expect(cards).toEqual([
      ['row-1', 'pending'],
      ['row-2', 'done'],
    ]);
    expect(html).toContain('Hello again');
  });

  it('--open hands the page to the default browser, and never fails where there is none', async () => {
    const dir = manifest(1);
    expect((await batch(dir, [])).code).toBe(0);
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const opened = join(dir, 'opened.txt');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
    const res = await runTwin(['batch', 'review', 'out', '--open'], { sandbox, cwd: dir, env: { PATH: `${bin}:/usr/bin:/bin` } });
    expect(res.code, res.stderr).toBe(0);
    const page = join(dir, 'out', 'review.html');
    await expect.poll(() => (existsSync(opened) ? readFileSync(opened, 'utf8') : '')).toBe(page);

    const none = await runTwin(['batch', 'review', 'out', '--open'], { sandbox, cwd: dir, env: { PATH: join(dir, 'empty') } });
    expect(none.code).toBe(0);
    expect(none.stdout.trim()).toBe(page);
    expect(none.stderr).toContain(`Could not open a browser (xdg-open was not found); open ${page} yourself.`);
  });

  it('says what is wrong with a folder that holds no journal (exit 2)', async () => {
    const dir = tempDir();
    const res = await runTwin(['batch', 'review', '.'], { sandbox, cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('No .twin-journal*.jsonl in');
  });
});

describe('the command to continue after a sample', () => {
  it('keeps what was switched off (--no-download, --no-lock, --no-cache) and leaves out the defaults', () => {
    const on = { out: 'out', sample: 3, download: true, lock: undefined, cache: true, dryRun: false, force: false };
    expect(continueCommand('videos.csv', on)).toBe('twin batch run videos.csv --out out');
    const off = { out: 'out', rows: 'a,b', download: false, lock: false, cache: false, force: true };
    expect(continueCommand('videos.csv', off)).toBe('twin batch run videos.csv --out out --no-download --no-lock --no-cache --force');
    expect(continueCommand('videos.csv', { lock: 'ci/videos.lock' })).toBe('twin batch run videos.csv --lock ci/videos.lock');
  });
});

describe('video facts from the list', () => {
  it('finds every video of the run, however many pages it takes', async () => {
    const client = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
    try {
      const session = new ReviewSession(true, tempDir());
      const tasks: Task[] = [];
      for (let i = 0; i < 15; i++) {
        const row = { line: i + 2, key: `k${i}`, baseKey: `b${i}`, fingerprint: '', body: '' };
        const body = { type: 'avatar' as const, avatar_id: 'lk_alex_office', script: `Video number ${i} of the list test` };
        session.onRow(row, body);
        const created = await client.createVideo(body, { idempotencyKey: `list-facts-${i}-${Date.now()}` });
        tasks.push({ row, attempt: 0, key: row.baseKey, phase: 'done', videoId: created.video_id });
      }
      session.attach(tasks);
      const ids = tasks.map((t) => t.videoId!);
      await until(
        async () => (await client.getVideoStatuses({ video_ids: ids })).data.every((e) => e.status === 'completed'),
        'the renders',
      );
      sandbox.resetCounters();
      await session.fillVideoFacts(client, new AbortController().signal, 2);
      expect(tasks.filter((t) => session.facts.get(t.row.key)!.duration === undefined).map((t) => t.row.key)).toEqual([]);
      expect(sandbox.counters.requests['GET /v3/videos']).toBe(8);
    } finally {
      await client.close();
    }
  });
});

describe('balance from GET /v3/users/me', () => {
  it.each([
    [
      {
        billing_type: 'subscription',
        subscription: { plan: 'pro', credits: { premium_credits: { remaining: 120 }, add_on_credits: { remaining: 30 } } },
      },
      150,
      'credits',
    ],
    [{ billing_type: 'usage_based', usage_based: { included_credits: 100, remaining_credits: 40 } }, 40, 'credits'],
    [{ billing_type: 'wallet', wallet: { currency: 'credits', remaining_balance: 900 } }, 900, 'credits'],
  ] as const)('auth status and the plan report %j', async (billing, remaining, unit) => {
    sandbox.options.billing = billing as never;
    try {
      const status = JSON.parse((await runTwin(['auth', 'status', '--json'], { sandbox })).stdout);
      expect(status.billing).toMatchObject({ type: billing.billing_type, remaining, unit });
      const dir = manifest(1);
      const plan = JSON.parse((await batch(dir, ['--dry-run', '--json'])).stdout);
      expect(plan.budget.balance).toMatchObject({ type: billing.billing_type, remaining, unit });
    } finally {
      delete sandbox.options.billing;
    }
  });
});
