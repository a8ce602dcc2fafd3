// batch run --audition through real HTTP (issue 26): every row that would render is spoken into
// --out and nothing is rendered; the budget is said from the exact lengths of that audio, the
// review page has a player per row, and the printed command renders each row from exactly its
// approved audio, the lock fingerprint covering those bytes.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { runTwin, sandboxCall, tempDir } from '../helpers/harness.js';
import { FIXTURES } from './media.helpers.js';
import { batchIn, fastBatch, quickSleep, sha256File, writeCsv } from './batch.helpers.js';
import { createHash } from 'node:crypto';

const sandbox = useSandbox({ renderMs: 40, videoBytes: 2048 });
const posts = (from: number) => sandbox.received.slice(from).filter((q) => q.method === 'POST');

function words(command: string): string[] {
  const r = spawnSync('sh', ['-c', `printf '%s\\0' ${command.replace(/^twin /, '')}`], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\0').slice(0, -1);
}

async function assetSha(id: string): Promise<string> {
  const asset = await sandboxCall(sandbox, 'GET', `/v3/assets/${id}`);
  const res = await fetch(asset.data?.url ?? asset.url);
  return createHash('sha256')
    .update(Buffer.from(await res.arrayBuffer()))
    .digest('hex');
}

describe('batch run --audition', () => {
  it('speaks each row into --out, renders nothing, and says the exact lengths; the command renders exactly that audio', {
    timeout: 90_000,
  }, async () => {
    const dir = tempDir();
    writeCsv(dir, 3, { script: (i) => `Row ${i} says ${'many words here '.repeat(i)}and ends.` });
    const from = sandbox.received.length;
    const r = await batchIn(sandbox, dir, ['--audition', '--json'], { sleep: quickSleep });
    expect(r.code, r.stderr).toBe(0);
    expect(posts(from).map((q) => q.path)).toEqual(Array(3).fill('/v3/voices/speech'));
    const doc = JSON.parse(r.stdout);
    expect(doc.rendered).toBe(false);
    expect(doc.rows.map((row: { path: string }) => row.path)).toEqual([1, 2, 3].map((i) => join(dir, 'out', `row-${i}.mp3`)));
    for (const row of doc.rows) expect(sha256File(row.path)).toBe(row.sha256);
    // The estimate is the audio's own length, row by row (one decimal), not the script's guess.
    const exact = doc.rows.reduce((s: number, row: { duration: number }) => s + Math.round(row.duration * 10) / 10, 0);
    expect(doc.estimate.seconds).toBeCloseTo(exact, 5);
    expect(doc.renders).toBe(3);
    const page = readFileSync(join(dir, 'out', 'review.html'), 'utf8');
    expect(page.match(/<audio controls/g)).toHaveLength(3);
    expect(page).toContain('src="row-2.mp3"');

    // The second job: render from the approved audio.
    const argv = words(doc.continue_command);
    expect(argv.slice(0, 3)).toEqual(['batch', 'run', 'videos.auditioned.csv']);
    expect(argv).not.toContain('--audition');
    const render = sandbox.received.length;
    const second = await runTwin([...argv, '--json'], { sandbox, cwd: dir, ...fastBatch });
    expect(second.code, second.stderr).toBe(0);
    const sent = posts(render);
    expect(sent.filter((q) => q.path === '/v3/assets')).toHaveLength(3);
    const creates = sent.filter((q) => q.path === '/v3/videos').map((q) => q.body as Record<string, unknown>);
    expect(creates).toHaveLength(3);
    const report = JSON.parse(second.stdout);
    expect(report.budget.estimated_seconds).toBeCloseTo(exact, 5);
    expect(report.budget.cost_floor).toEqual(doc.cost_floor);
    for (const body of creates) {
      expect(body.script).toBeUndefined();
      expect(doc.rows.map((row: { sha256: string }) => row.sha256)).toContain(await assetSha(String(body.audio_asset_id)));
    }

    // The lock covers the audio: the same command renders nothing; a changed file renders its row only.
    const again = sandbox.received.length;
    const rerun = await runTwin(argv, { sandbox, cwd: dir, ...fastBatch });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(posts(again).filter((q) => q.path === '/v3/videos')).toHaveLength(0);
    // Another take of row 2 (another mp3): its bytes differ, so its fingerprint does.
    copyFileSync(join(FIXTURES, 'voice-preview.mp3'), join(dir, 'out', 'row-2.mp3'));
    const changed = sandbox.received.length;
    const third = await runTwin(argv, { sandbox, cwd: dir, ...fastBatch });
    expect(third.code, third.stderr).toBe(0);
    expect(posts(changed).filter((q) => q.path === '/v3/videos')).toHaveLength(1);
  });
});
