// Every list table fits the terminal (80 columns too, and narrower): low-priority columns
// go first, long values are shortened in the middle, ids are never cut. Pipes get every
// column of every row, untouched.
import { beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/index.js';
import { displayWidth } from '../../src/ui/table.js';
import { useSandbox } from '../helpers/sandbox.js';
import { runTwin } from '../helpers/harness.js';

const sandbox = useSandbox({ renderMs: 20 });

beforeAll(async () => {
  const api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
  const title = 'A quarterly update for every office in Europe, the Middle East and Africa, with numbers';
  await api.createVideo({ type: 'avatar', avatar_id: 'lk_alex_office', script: 'Hello there.', title });
  await api.createWebhookEndpoint({
    url: 'https://hooks.example.com/a/very/long/path/that/keeps/going/on/and/on/for/testing',
    events: ['avatar_video.success'],
  });
  await api.close();
});

const LISTS: Array<{ argv: string[]; key: string; id: string }> = [
  { argv: ['looks', 'list', '--type', 'all', '--ownership', 'all', '--limit', '50'], key: 'looks', id: 'id' },
  { argv: ['voices', 'list', '--limit', '50'], key: 'voices', id: 'voice_id' },
  { argv: ['video', 'list'], key: 'videos', id: 'id' },
  { argv: ['webhooks', 'list'], key: 'endpoints', id: 'endpoint_id' },
];

describe.each(LISTS)('twin $argv.0 $argv.1', ({ argv, key, id }) => {
  it('fits 120, 80 and 60 columns and shows every id whole', async () => {
    const json = JSON.parse((await runTwin([...argv, '--json'], { sandbox })).stdout) as Record<string, Array<Record<string, string>>>;
    const ids = json[key]!.map((item) => item[id]!);
    expect(ids.length).toBeGreaterThan(0);
    for (const columns of [120, 80, 60]) {
      const r = await runTwin(argv, { sandbox, tty: true, columns, env: { NO_COLOR: '1' } });
      expect(r.code).toBe(0);
      for (const line of r.stdout.trimEnd().split('\n')) expect(displayWidth(line), `${columns}: ${line}`).toBeLessThanOrEqual(columns);
      for (const each of ids) expect(r.stdout).toContain(each);
    }
  });

  it('prints every column, untouched, into a pipe', async () => {
    const piped = await runTwin(argv, { sandbox });
    const wide = await runTwin(argv, { sandbox, tty: true, columns: 400, env: { NO_COLOR: '1' } });
    const headers = wide.stdout
      .split('\n')[0]!
      .trim()
      .split(/\s{2,}/);
    const rows = piped.stdout.trimEnd().split('\n');
    for (const row of rows) expect(row.split('\t')).toHaveLength(headers.length);
    expect(piped.stdout).not.toContain('…');
  });
});

describe('what matters is cut last', () => {
  it('looks list at 80 columns: engines whole as a set, the one-value TYPE column hidden first', async () => {
    const r = await runTwin(['looks', 'list'], { sandbox, tty: true, columns: 80, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    const [header, ...rows] = r.stdout.trimEnd().split('\n');
    expect(header).toMatch(/ENGINES/);
    expect(header).not.toMatch(/TYPE/);
    expect(r.stdout).not.toContain('…');
    expect(rows.find((l) => l.startsWith('lk_alex_office'))).toMatch(/\sIV, V\s/);
    // Piped, the engines stay the API's values, every column kept.
    const piped = await runTwin(['looks', 'list'], { sandbox });
    expect(piped.stdout).toMatch(/\tdigital_twin\t/);
    expect(piped.stdout).toMatch(/avatar_iv,avatar_v/);
  });

  it('video list shows when a video was created as people read it, never a cut timestamp', async () => {
    for (const columns of [120, 80]) {
      const r = await runTwin(['video', 'list'], { sandbox, tty: true, columns, env: { NO_COLOR: '1' } });
      expect(r.stdout).toMatch(/just now|\d+ min ago|\d+ h ago/);
      expect(r.stdout).not.toMatch(/\d{4}-\d{2}…|…\d{2}:\d{2}Z/);
    }
    const piped = await runTwin(['video', 'list'], { sandbox });
    expect(piped.stdout).toMatch(/\t\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\t/);
  });
});
