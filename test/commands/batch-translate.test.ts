// The manifest columns translate_to / translate_mode through `twin batch run` against the sandbox:
// one create per row with the exact body after its video is saved, the files beside the video,
// the lock keeping each translation (a re-run and a fresh machine translate nothing again), the
// review page listing each language's file, and an unknown language refused before anything is paid.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { tempDir } from '../helpers/harness.js';
import { batchIn, quickSleep, readReport, sha256File } from './batch.helpers.js';

const sandbox = useSandbox({ renderMs: 30, videoBytes: 2048, concurrencyLimit: 10 });

function manifest(dir: string, second = 'Japanese (Japan)', script = (n: string) => n): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'videos.csv'),
    [
      'id,look,script,title,translate_to,translate_mode',
      `row-1,lk_alex_office,${script('Hello there')},Video 1,spanish (spain); German (Germany),`,
      `row-2,lk_alex_office,${script('Second one')},Video 2,${second},precision`,
      `row-3,lk_alex_office,${script('No translation')},Video 3,,`,
    ].join('\n') + '\n',
  );
}

const creates = () => sandbox.received.filter((r) => r.method === 'POST' && r.path === '/v3/video-translations');
const videoCreates = () => sandbox.received.filter((r) => r.method === 'POST' && r.path === '/v3/videos');

describe('batch run: translate_to / translate_mode', () => {
  it('one create per row after its video; files beside it, in the lock and on the review page; re-runs translate nothing', async () => {
    const dir = tempDir();
    manifest(dir);
    const before = creates().length;
    const r = await batchIn(sandbox, dir, ['--json'], { sleep: quickSleep });
    expect(r.code, r.stderr).toBe(0);
    const sent = creates().slice(before);
    expect(sent).toHaveLength(2);
    expect(sent.map((s) => s.body)).toEqual([
      {
        video: { type: 'url', url: expect.stringContaining('/download/') },
        output_languages: ['Spanish (Spain)', 'German (Germany)'],
        mode: 'speed',
      },
      { video: { type: 'url', url: expect.stringContaining('/download/') }, output_languages: ['Japanese (Japan)'], mode: 'precision' },
    ]);
    for (const s of sent) expect(s.headers['idempotency-key']).toMatch(/-t$/);
    const out = join(dir, 'out');
    const names = ['row-1.spanish-spain.mp4', 'row-1.german-germany.mp4', 'row-2.japanese-japan.mp4'];
    for (const n of names) expect(existsSync(join(out, n)), n).toBe(true);
    const report = readReport(dir);
    expect(report.translations.map((t: { rowKey: string; outcome: string }) => [t.rowKey, t.outcome])).toEqual([
      ['row-1', 'done'],
      ['row-2', 'done'],
    ]);
    for (const f of report.translations.flatMap((t: { files: unknown[] }) => t.files) as Array<{ path: string; sha256: string }>)
      expect(sha256File(f.path)).toBe(f.sha256);
    const lock = JSON.parse(readFileSync(join(dir, 'videos.csv.lock'), 'utf8'));
    expect(Object.keys(lock.rows['row-1'].translations)).toEqual(['Spanish (Spain)', 'German (Germany)']);
    expect(lock.rows['row-2'].translations['Japanese (Japan)']).toMatchObject({
      file: 'row-2.japanese-japan.mp4',
      sha256: sha256File(join(out, 'row-2.japanese-japan.mp4')),
    });
    expect(lock.rows['row-3'].translations).toBeUndefined();
    const page = readFileSync(join(out, 'review.html'), 'utf8');
    for (const n of names) expect(page).toContain(`href="${n}"`);

    // The same run again: nothing rendered, nothing translated.
    const videosBefore = videoCreates().length;
    const again = await batchIn(sandbox, dir, [], { sleep: quickSleep });
    expect(again.code, again.stderr).toBe(0);
    expect(creates().length - before).toBe(2);
    expect(videoCreates().length).toBe(videosBefore);

    // A fresh machine: the manifest and its lock only. Nothing is translated again.
    const fresh = tempDir();
    manifest(fresh);
    copyFileSync(join(dir, 'videos.csv.lock'), join(fresh, 'videos.csv.lock'));
    const third = await batchIn(sandbox, fresh, ['--json'], { sleep: quickSleep });
    expect(third.code, third.stderr).toBe(0);
    expect(creates().length - before).toBe(2);

    // A language added to row 2: only it is paid for.
    manifest(dir, 'Japanese (Japan);French (France)');
    const fourth = await batchIn(sandbox, dir, [], { sleep: quickSleep });
    expect(fourth.code, fourth.stderr).toBe(0);
    expect(
      creates()
        .slice(before + 2)
        .map((s) => (s.body as { output_languages: string[] }).output_languages),
    ).toEqual([['French (France)']]);
  });

  it('an unknown language is exit 2 naming the row, before anything is paid', async () => {
    const dir = tempDir();
    manifest(dir, 'Klingon');
    const videosBefore = videoCreates().length;
    const before = creates().length;
    const r = await batchIn(sandbox, dir, [], { sleep: quickSleep });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 3 \(row-2\): translate_to: "Klingon" is not a language name/);
    expect(videoCreates().length).toBe(videosBefore);
    expect(creates().length).toBe(before);
  });

  it('--max-minutes counts the translations (source length × languages)', async () => {
    const dir = tempDir();
    // About a minute of speech a row: 3 minutes of video, 3 more of translations (2 + 1 languages).
    manifest(dir, 'Japanese (Japan)', (n) => `${n} ${'word '.repeat(150).trim()}`);
    const before = creates().length;
    const videosBefore = videoCreates().length;
    const r = await batchIn(sandbox, dir, ['--max-minutes', '4'], { sleep: quickSleep });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/minutes of translations \(3 translations, estimate\); --max-minutes allows 4/);
    expect(videoCreates().length).toBe(videosBefore);
    expect(creates().length).toBe(before);
  });

  it('--dry-run and the plan say how many translations a run would order and what they would cost, sending nothing', async () => {
    const dir = tempDir();
    // About a minute of speech a row: 3 translations (2 + 1 languages) of about a minute each.
    manifest(dir, 'Japanese (Japan)', (n) => `${n} ${'word '.repeat(150).trim()}`);
    const before = creates().length;
    const videosBefore = videoCreates().length;
    const human = await batchIn(sandbox, dir, ['--dry-run'], { sleep: quickSleep });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout + human.stderr).toMatch(
      /Translations: 3 after the renders, about 3\.\d+ minutes of output, about \$\d+\.\d\d \(estimate\)/,
    );
    const json = await batchIn(sandbox, dir, ['--dry-run', '--json'], { sleep: quickSleep });
    expect(json.code, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.translations).toMatchObject({ translations: 3, minutes: expect.any(Number), usd: expect.any(Number) });
    expect(doc.translations.minutes).toBeGreaterThan(2.5);
    expect(videoCreates().length).toBe(videosBefore);
    expect(creates().length).toBe(before);
  });
});
