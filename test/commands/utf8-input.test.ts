// A script file, a -d body or a manifest saved as Latin-1 is refused (exit 2) naming the file,
// line and column, before anything is sent: read leniently, "café" would be rendered as "caf�".
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTwin, tempDir } from '../helpers/harness.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ renderMs: 30 }, { resetEach: true });
const latin1 = (text: string) => Buffer.from(text, 'latin1');
const sent = () => Object.entries(sandbox.counters.requests).filter(([route]) => route.startsWith('POST')).length;

function expectRefused(result: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stdout).toBe('');
  expect(sent()).toBe(0);
}

describe('video create', () => {
  const base = ['video', 'create', '--look', 'lk_alex_office', '--voice', 'v_en_m_01'];

  it('--script-file in Latin-1: refused, naming the file, line and column', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'intro.txt'), latin1('Welcome!\nOur café opens at nine.\n'));
    expectRefused(
      await runTwin([...base, '--script-file', 'intro.txt'], { sandbox, cwd }),
      /--script-file: intro\.txt is not valid UTF-8 \(line 2, column 8\)/,
    );
  });

  it('-d @file in Latin-1: refused', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'body.json'), latin1('{"script": "Déjà vu"}'));
    expectRefused(
      await runTwin([...base, '-d', '@body.json'], { sandbox, cwd }),
      /--data: body\.json is not valid UTF-8 \(line 1, column 14\)/,
    );
  });

  it('UTF-8 with a BOM and accents is fine', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'intro.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Our café opens at nine.\n')]));
    const result = await runTwin([...base, '--script-file', 'intro.txt', '--dry-run', '--json'], { sandbox, cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).request.script).toBe('Our café opens at nine.');
  });
});

describe('batch run manifests', () => {
  it.each([
    [
      'CSV',
      'videos.csv',
      'script,look\nHello there,lk_alex_office\nÇa va bien,lk_alex_office\n',
      /videos\.csv.*not valid UTF-8 \(line 3, column 1\)/,
    ],
    [
      'JSONL',
      'videos.jsonl',
      '{"script":"Hello","look":"lk_alex_office"}\n{"script":"Voilà","look":"lk_alex_office"}\n',
      /videos\.jsonl.*not valid UTF-8 \(line 2, column 16\)/,
    ],
  ])('%s with a Latin-1 cell: exit 2 naming the file and line, nothing created', async (_kind, name, text, message) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, name), latin1(text));
    const result = await runTwin(['batch', 'run', name, '--out', 'out', '--voice', 'v_en_m_01'], { sandbox, cwd });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(sandbox.counters.requests['POST /v3/videos'] ?? 0).toBe(0);
    expect(sandbox.counters.rendered).toBe(0);
  });
});

describe('batch run script_file', () => {
  it('a script_file in Latin-1: exit 2 naming the file, line and column, nothing sent', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'intro.txt'), latin1('Welcome!\nOur café opens at nine.\n'));
    writeFileSync(join(cwd, 'videos.csv'), 'id,script_file,look\na,intro.txt,lk_alex_office\n');
    const result = await runTwin(['batch', 'run', 'videos.csv', '--out', 'out', '--voice', 'v_en_m_01', '--yes'], { sandbox, cwd });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/line 2 \(a\), script_file: intro\.txt is not valid UTF-8 \(line 2, column 8\)/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(sent()).toBe(0);
    expect(sandbox.counters.rendered).toBe(0);
  });
});
