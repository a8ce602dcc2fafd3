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
