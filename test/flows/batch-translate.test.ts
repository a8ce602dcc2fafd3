// The batch's translation columns end to end against the sandbox, through real HTTP: the exact
// bodies and one create per row, files beside each row's video, the journal resuming a run killed
// mid-create (same key, replayed) and mid-wait (no create at all), and a fresh machine with the
// lock translating nothing again.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type HeyGenClient } from '../../src/api/index.js';
import { checkRowLanguages, isTranslateColumn, translateCells, translationFingerprint } from '../../src/core/batch/translate-column.js';
import { readTranslationJournal, translationJournalPath } from '../../src/core/batch/translate-journal.js';
import type { CellProblem } from '../../src/core/batch/columns.js';
import {
  translateRows,
  type BatchTranslateDeps,
  type RowToTranslate,
  type TranslationLockRecord,
} from '../../src/flows/batch-translate.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/harness.js';

let sandbox: Sandbox;
let api: HeyGenClient;
const videos: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ renderMs: 30, concurrencyLimit: 100 });
  api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
  for (const title of ['Intro', 'Outro']) {
    const v = await api.createVideo({
      type: 'avatar',
      avatar_id: 'lk_alex_office',
      voice_id: 'v_en_m_01',
      script: `${title}.`,
      title,
    } as never);
    videos.push(v.video_id);
  }
  await new Promise((r) => setTimeout(r, 80));
});
afterAll(async () => {
  await api.close();
  await sandbox.close();
});

const creates = () => sandbox.received.filter((r) => r.method === 'POST' && r.path === '/v3/video-translations');
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const FP = (n: number) => `sha256:${String(n).repeat(64)}`;

function setup() {
  const out = tempDir();
  const journalPath = translationJournalPath(join(out, 'batch.journal'));
  const rows: RowToTranslate[] = [
    {
      rowKey: 'intro',
      videoId: videos[0]!,
      videoFingerprint: FP(1),
      videoPath: join(out, 'intro.mp4'),
      translate: { languages: ['Spanish (Spain)', 'German (Germany)'], mode: 'speed' },
    },
    {
      rowKey: 'outro',
      videoId: videos[1]!,
      videoFingerprint: FP(2),
      videoPath: join(out, 'outro.mp4'),
      translate: { languages: ['Japanese (Japan)'], mode: 'precision' },
    },
  ];
  for (const r of rows) writeFileSync(r.videoPath, 'the row video');
  const lock = new Map<string, TranslationLockRecord>();
  const deps = (over: Partial<BatchTranslateDeps> = {}): BatchTranslateDeps => ({
    api,
    identity: 'batch-1',
    journalPath,
    locked: (fp) => lock.has(fp),
    record: (_row, e) => lock.set(e.fingerprint, e),
    timing: { timeoutMs: 20_000, intervalMs: 20, maxIntervalMs: 50, now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    ...over,
  });
  return { out, journalPath, rows, lock, deps };
}

describe('batch translate_to / translate_mode columns', () => {
  it('reads the cells and checks languages before anything is paid for', () => {
    const problems: CellProblem[] = [];
    expect(isTranslateColumn('Translate_To')).toBe(true);
    expect(isTranslateColumn('translate-mode')).toBe(true);
    expect(translateCells({ script: 'x', translate_to: 'spanish (spain); German (Germany)' }, problems)).toEqual({
      languages: ['spanish (spain)', 'German (Germany)'],
      mode: 'speed',
    });
    expect(translateCells({ translate_to: '' }, problems)).toBeUndefined();
    expect(problems).toEqual([]);
    translateCells({ translate_to: 'French (France)', translate_mode: 'fast' }, problems);
    translateCells({ translate_mode: 'precision' }, problems);
    expect(problems.map((p) => p.column)).toEqual(['translate_mode', 'translate_mode']);
    const t = { languages: ['spanish (spain)', 'es'], mode: 'speed' as const };
    const problem = checkRowLanguages(t, ['Spanish (Spain)', 'Spanish (Mexico)', 'German (Germany)']);
    expect(problem?.message).toMatch(/"es" is not a language name.*Spanish \(Spain\)/);
    const ok = { languages: ['spanish (spain)'], mode: 'speed' as const };
    expect(checkRowLanguages(ok, ['Spanish (Spain)'])).toBeUndefined();
    expect(ok.languages).toEqual(['Spanish (Spain)']);
    // One fingerprint per language and options, built on the source video's.
    expect(translationFingerprint(FP(1), 'Spanish (Spain)', 'speed')).not.toBe(
      translationFingerprint(FP(1), 'Spanish (Spain)', 'precision'),
    );
    expect(translationFingerprint(FP(1), 'Spanish (Spain)', 'speed')).not.toBe(translationFingerprint(FP(2), 'Spanish (Spain)', 'speed'));
  });

  it('one create per row with the exact body; every file beside its video, verified; the lock re-run translates nothing', async () => {
    const { out, rows, lock, deps } = setup();
    const before = creates().length;
    const results = await translateRows(rows, deps());
    const sent = creates().slice(before);
    expect(sent).toHaveLength(2);
    expect(sent.map((r) => r.body)).toEqual([
      {
        video: { type: 'url', url: expect.stringContaining(`/download/${videos[0]}/`) },
        output_languages: ['Spanish (Spain)', 'German (Germany)'],
        mode: 'speed',
      },
      {
        video: { type: 'url', url: expect.stringContaining(`/download/${videos[1]}/`) },
        output_languages: ['Japanese (Japan)'],
        mode: 'precision',
      },
    ]);
    expect(new Set(sent.map((r) => r.headers['idempotency-key'])).size).toBe(2);
    expect(results.map((r) => [r.rowKey, r.outcome, r.created])).toEqual([
      ['intro', 'done', true],
      ['outro', 'done', true],
    ]);
    const files = results.flatMap((r) => r.files);
    expect(files.map((f) => f.path)).toEqual(
      ['intro.spanish-spain.mp4', 'intro.german-germany.mp4', 'outro.japanese-japan.mp4'].map((n) => join(out, n)),
    );
    for (const f of files) expect(sha(f.path)).toBe(f.sha256);
    expect([...lock.values()].map((e) => [e.language, e.file])).toEqual([
      ['Spanish (Spain)', 'intro.spanish-spain.mp4'],
      ['German (Germany)', 'intro.german-germany.mp4'],
      ['Japanese (Japan)', 'outro.japanese-japan.mp4'],
    ]);
    // A fresh machine (no journal) with the same lock: nothing is created again.
    const fresh = tempDir();
    const again = await translateRows(rows, deps({ journalPath: translationJournalPath(join(fresh, 'batch.journal')) }));
    expect(creates().length - before).toBe(2);
    expect(again.map((r) => r.outcome)).toEqual(['up_to_date', 'up_to_date']);
    // A language added to a row: only it is paid for.
    const more = [
      { ...rows[0]!, translate: { languages: ['Spanish (Spain)', 'German (Germany)', 'Japanese (Japan)'], mode: 'speed' as const } },
    ];
    await translateRows(more, deps({ journalPath: translationJournalPath(join(fresh, 'batch.journal')) }));
    expect(
      creates()
        .slice(before + 2)
        .map((r) => (r.body as { output_languages: string[] }).output_languages),
    ).toEqual([['Japanese (Japan)']]);
  });

  it('killed after the create was sent: the re-run sends the same key and gets the same ids (no new translation)', async () => {
    const { rows, journalPath, deps } = setup();
    const before = creates().length;
    const dying = {
      ...api,
      getVideo: api.getVideo.bind(api),
      getTranslation: api.getTranslation.bind(api),
      createTranslation: async (...args: Parameters<HeyGenClient['createTranslation']>) => {
        await api.createTranslation(...args);
        throw new Error('killed');
      },
    } as unknown as HeyGenClient;
    await expect(translateRows(rows.slice(0, 1), deps({ api: dying }))).rejects.toThrow('killed');
    expect(readTranslationJournal(journalPath).get('intro')?.state).toBe('submitting');
    const listed = (await api.listTranslations({ limit: 100 })).data.length;
    const [result] = await translateRows(rows.slice(0, 1), deps());
    const sent = creates().slice(before);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.headers['idempotency-key']).toBe(sent[0]?.headers['idempotency-key']);
    expect((await api.listTranslations({ limit: 100 })).data.length).toBe(listed);
    expect(result?.outcome).toBe('done');
    expect(result?.files).toHaveLength(2);
  });

  it('killed while waiting: the re-run waits for the journaled ids and creates nothing', async () => {
    const { rows, journalPath, deps } = setup();
    const before = creates().length;
    const dying = {
      getVideo: api.getVideo.bind(api),
      createTranslation: api.createTranslation.bind(api),
      getTranslation: async () => {
        throw new Error('killed');
      },
    } as unknown as HeyGenClient;
    await expect(translateRows(rows.slice(1), deps({ api: dying }))).rejects.toThrow('killed');
    const entry = readTranslationJournal(journalPath).get('outro');
    expect(entry?.state).toBe('created');
    expect(creates().length - before).toBe(1);
    const [result] = await translateRows(rows.slice(1), deps());
    expect(creates().length - before).toBe(1);
    expect(result).toMatchObject({ outcome: 'done', created: false });
    expect(result?.files.map((f) => f.id)).toEqual(entry?.ids?.map((i) => i.id));
    // Done rows are not translated again by the same journal either.
    const [third] = await translateRows(rows.slice(1), deps({ locked: () => false }));
    expect(third).toMatchObject({ outcome: 'done', created: false });
    expect(creates().length - before).toBe(1);
  });
});
