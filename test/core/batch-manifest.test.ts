// Manifest reading and planning: CSV quoting and line numbers, JSONL, column spellings,
// keys that survive reordering, and shards that split rows without overlap.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attemptKey, canonicalJson, idempotencyKey, inShard, parseShard } from '../../src/core/batch/keys.js';
import { readManifest, type ManifestProblem, type ManifestRow } from '../../src/core/batch/manifest.js';
import { planRows } from '../../src/core/batch/plan.js';
import { fieldsFromRow } from '../../src/core/batch/columns.js';
import { tempDir } from '../helpers/harness.js';

async function read(text: string, name: string): Promise<{ rows: ManifestRow[]; problems: ManifestProblem[] }> {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  const problems: ManifestProblem[] = [];
  const rows: ManifestRow[] = [];
  for await (const batch of readManifest(path, name.endsWith('.csv') ? 'csv' : 'jsonl', problems)) rows.push(...batch);
  return { rows, problems };
}

async function plan(text: string, opts: { shard?: string } = {}) {
  const dir = tempDir();
  const path = join(dir, 'm.csv');
  writeFileSync(path, text);
  const problems: ManifestProblem[] = [];
  const source = readManifest(path, 'csv', problems);
  const result = await planRows(
    source,
    { manifestPath: path, identity: 'id:test', defaults: { look: 'lk_1' }, shard: opts.shard ? parseShard(opts.shard) : undefined },
    problems,
  );
  return { ...result, problems };
}

describe('manifest reading', () => {
  it('gives each CSV row the line it starts on, through quoted newlines, blank lines and a BOM', async () => {
    const { rows, problems } = await read('\ufeffid,script\na,"one\ntwo"\n\nb,"x, y"\r\nc,plain\n', 'm.csv');
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.line, r.values.id, r.values.script])).toEqual([
      [2, 'a', 'one\ntwo'],
      [5, 'b', 'x, y'],
      [6, 'c', 'plain'],
    ]);
  });

  it('a Windows copy (BOM, CRLF everywhere, CRLF inside quotes) reads as the same rows and the same keys', async () => {
    const unix = 'id,script,title\na,"Line one,\nline two",First\nb,Plain,Second\n';
    const windows = `\ufeff${unix.replace(/\n/g, '\r\n')}`;
    const [u, w] = [await read(unix, 'm.csv'), await read(windows, 'm.csv')];
    expect(w.problems).toEqual([]);
    expect(w.rows).toEqual(u.rows);
    expect(w.rows[0]).toEqual({ line: 2, values: { id: 'a', script: 'Line one,\nline two', title: 'First' } });
    expect(w.rows[1]!.line).toBe(4);
    const [pu, pw] = [await plan(unix), await plan(windows)];
    expect(pw.rows.map((r) => r.baseKey)).toEqual(pu.rows.map((r) => r.baseKey));
  });

  it('names an unknown column on the header line with the column it probably meant', async () => {
    const { problems } = await read('id,Titel,voice_sped,aspectratio,colour\na,x,1,16:9,red\n', 'm.csv');
    expect(problems).toEqual([
      // A header problem is about the whole file: --skip-invalid cannot leave a row out for it.
      { line: 1, column: 'Titel', message: 'unknown column; did you mean "title"?', file: true },
      { line: 1, column: 'voice_sped', message: 'unknown column; did you mean "voice-speed"?', file: true },
      {
        line: 1,
        file: true,
        column: 'colour',
        message: expect.stringMatching(
          /^unknown column; use the long flags of `twin video create`: look, voice, script, .*, script-file, id, name$/,
        ),
      },
    ]);
    // JSONL keys are columns too.
    const cells: Array<{ column: string; message: string }> = [];
    fieldsFromRow({ script: 'Hi', avatarId: 'lk_1', voiceID: 'v_1', scrpt_file: 'a.txt' }, cells);
    expect(cells).toEqual([{ column: 'scrpt_file', message: 'unknown column; did you mean "script-file"?' }]);
  });

  it('reports a row with too many fields and an unclosed quote by line', async () => {
    const { problems } = await read('id,script\na,hello,extra\nb,"never closed\n', 'm.csv');
    expect(problems[0]).toMatchObject({ line: 2, message: expect.stringMatching(/3 fields but the header has 2/) });
    expect(problems[1]!.message).toMatch(/not valid CSV/);
  });

  it('reads JSONL, skipping blank lines, and names bad lines', async () => {
    const { rows, problems } = await read('{"script":"a"}\n\n{"script":\n[1]\n', 'm.jsonl');
    expect(rows.map((r) => r.line)).toEqual([1]);
    expect(problems.map((p) => p.line)).toEqual([3, 4]);
  });
});

describe('planning', () => {
  it('accepts kebab-case, snake_case and camelCase columns, and types booleans', async () => {
    const { rows, problems } = await plan('script,aspect-ratio,voice_speed,removeBackground\nHi,9:16,1.2,yes\n');
    expect(problems).toEqual([]);
    expect(JSON.parse(rows[0]!.body)).toMatchObject({
      avatar_id: 'lk_1',
      aspect_ratio: '9:16',
      voice_settings: { speed: 1.2 },
      remove_background: true,
    });
  });

  it("a row without any script says so in the manifest's terms", async () => {
    const { problems } = await plan('id,script,title\na,,Only a title\n');
    expect(problems).toEqual([
      { line: 2, row: 'a', column: 'script', message: 'is empty: give each row a script, a script_file, an audio or an audio_url' },
    ]);
  });

  it('keys rows by id, or by content with identical rows numbered', async () => {
    const { rows } = await plan('id,script\nx,Hi\n,Same\n,Same\n');
    expect(rows[0]!.key).toBe('x');
    expect(rows[1]!.key).toMatch(/^~[0-9a-f]{16}$/);
    expect(rows[2]!.key).toBe(`${rows[1]!.key}.2`);
  });

  it('splits rows into shards by key: together they are every row, once', async () => {
    const text = `id,script\n${Array.from({ length: 60 }, (_, i) => `r${i},Hello ${i}`).join('\n')}\n`;
    const shards = await Promise.all(['1/4', '2/4', '3/4', '4/4'].map((s) => plan(text, { shard: s })));
    const keys = shards.flatMap((s) => s.rows.map((r) => r.key));
    expect(keys.length).toBe(60);
    expect(new Set(keys).size).toBe(60);
    expect(shards.every((s) => s.rows.length > 5 && s.total === 60)).toBe(true);
  });

  it('rejects a malformed --shard', () => {
    for (const bad of ['0/3', '4/3', '1', 'a/b', '1/0']) expect(() => parseShard(bad)).toThrow(/--shard/);
    expect(inShard('anything', parseShard('1/1'))).toBe(true);
  });

  it('derives keys from the content and the batch', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
    const key = idempotencyKey('id:a', 'r1', 'hash');
    expect(key).toMatch(/^[A-Za-z0-9_:.-]{1,255}$/);
    expect(idempotencyKey('id:a', 'r1', 'hash')).toBe(key);
    for (const other of [
      idempotencyKey('id:b', 'r1', 'hash'),
      idempotencyKey('id:a', 'r2', 'hash'),
      idempotencyKey('id:a', 'r1', 'hash2'),
      attemptKey(key, 1),
    ]) {
      expect(other).not.toBe(key);
      expect(other).toMatch(/^[A-Za-z0-9_:.-]{1,255}$/);
    }
    expect(attemptKey(key, 0)).toBe(key);
  });
});
