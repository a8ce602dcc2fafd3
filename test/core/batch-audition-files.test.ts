// The manifest a batch audition writes: read back by the manifest reader, every cell as written
// (commas, quotes, newlines), the spoken columns replaced by the heard file's path.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditionedValues, writeManifest } from '../../src/core/batch/audition-files.js';
import { readManifest, type ManifestFormat, type ManifestProblem } from '../../src/core/batch/manifest.js';
import { tempDir } from '../helpers/harness.js';

async function readBack(path: string, format: ManifestFormat) {
  const problems: ManifestProblem[] = [];
  const rows: Array<Record<string, unknown>> = [];
  for await (const chunk of readManifest(path, format, problems)) rows.push(...chunk.map((r) => r.values));
  expect(problems).toEqual([]);
  return rows;
}

describe('audition files', () => {
  it('replaces the script, its file, speed, accent and any old audio with the heard file, relative to the new manifest', () => {
    const dir = tempDir();
    const values = {
      id: 'a',
      look: 'lk_1',
      Script: 'Hi',
      'script-file': 'x.txt',
      voice_speed: '0.9',
      voiceLocale: 'en-US',
      audio: '',
      title: 'T',
    };
    expect(auditionedValues(values, join(dir, 'out', 'a.mp3'), join(dir, 'videos.auditioned.csv'))).toEqual({
      id: 'a',
      look: 'lk_1',
      title: 'T',
      audio: join('out', 'a.mp3'),
    });
  });

  it('writes CSV that reads back cell for cell, and JSONL with its types', async () => {
    const dir = tempDir();
    const rows = [
      { id: 'a', title: 'Hello, "world"', audio: 'out/a.mp3' },
      { id: 'b', title: 'two\nlines', audio: 'out/b.mp3', background: '#112233' },
    ];
    writeManifest(join(dir, 'm.csv'), 'csv', rows);
    expect(await readBack(join(dir, 'm.csv'), 'csv')).toEqual([
      { id: 'a', title: 'Hello, "world"', audio: 'out/a.mp3', background: '' },
      { id: 'b', title: 'two\nlines', audio: 'out/b.mp3', background: '#112233' },
    ]);
    const typed = [{ id: 'c', captions: true, voice_volume: 0.5, audio: 'c.mp3' }];
    writeManifest(join(dir, 'm.jsonl'), 'jsonl', typed);
    expect(await readBack(join(dir, 'm.jsonl'), 'jsonl')).toEqual(typed);
  });
});
