// kill -9 in the middle of a 3-language `twin translate --wait --download`, then the same command
// again: the create is replayed by its Idempotency-Key (no new translation is made), the wait picks
// up the same three ids and every file is saved and verified. The real bin/twin.js as a child
// process (needs `npm run build`), against a sandbox started here.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeyGenClient } from '../../src/api/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { BIN, spawnTwin, tempDir, testEnv } from '../helpers/harness.js';
import { closeSandboxWithVideo, sandboxWithVideo } from '../helpers/rendered-video.js';

let sandbox: Sandbox;
let api: HeyGenClient;
let videoId: string;

beforeAll(async () => {
  ({ sandbox, api, videoId } = await sandboxWithVideo());
});
afterAll(() => closeSandboxWithVideo({ sandbox, api }));

const creates = () => sandbox.received.filter((r) => r.method === 'POST' && r.path === '/v3/video-translations');
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Starts twin, waits until stderr shows `count` translation ids, then kills it with SIGKILL. */
function runUntilIds(
  argv: string[],
  cwd: string,
  env: Record<string, string | undefined>,
  count: number,
): Promise<{ ids: string[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { cwd, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let killed = false;
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stderr.on('data', (d) => {
      stderr += d;
      const ids = [...stderr.matchAll(/: (vt_\w+)/g)].map((m) => m[1] as string);
      if (!killed && ids.length >= count) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(guard);
      resolve({ ids: [...stderr.matchAll(/: (vt_\w+)/g)].map((m) => m[1] as string), signal });
    });
  });
}

describe('twin translate --wait --download, killed and run again', () => {
  it('no second create; the same three ids; every file saved and verified', { timeout: 60_000 }, async () => {
    const cwd = tempDir();
    const env = testEnv({ sandbox });
    // Long enough that the kill lands in the wait, before any language has finished.
    sandbox.options.renderMs = 5000;
    const argv = [
      'translate',
      videoId,
      '--to',
      'Spanish (Spain),German (Germany),Japanese (Japan)',
      '--wait',
      '--download',
      'out/',
      '--idempotency-key',
      'resume-test-key-1',
      '--interval',
      '200ms',
    ];
    const before = creates().length;
    const first = await runUntilIds(argv, cwd, env, 3);
    expect(first.signal).toBe('SIGKILL');
    expect(first.ids).toHaveLength(3);
    expect(creates().length - before).toBe(1);
    // Nothing was saved before the kill: the languages were still rendering.
    expect(existsSync(join(cwd, 'out')) ? readdirSync(join(cwd, 'out')) : []).toEqual([]);
    const listed = await api.listTranslations({ limit: 100 });
    const known = new Set(listed.data.map((t: { id: string }) => t.id));

    const second = await spawnTwin([...argv, '--json'], { sandbox, cwd, timeoutMs: 30_000 });
    expect(second.code, second.stderr).toBe(0);
    const doc = JSON.parse(second.stdout);
    // The second POST carries the same key and the API replays the first result: no new job.
    const sent = creates().slice(before);
    expect(sent.map((r) => r.headers['idempotency-key'])).toEqual(['resume-test-key-1', 'resume-test-key-1']);
    expect(doc.translations.map((t: { id: string }) => t.id)).toEqual(first.ids);
    const after = await api.listTranslations({ limit: 100 });
    expect(after.data.map((t: { id: string }) => t.id).sort()).toEqual([...known].sort());
    expect(doc.translations.map((t: { status: string }) => t.status)).toEqual(['completed', 'completed', 'completed']);
    const files = doc.translations.flatMap((t: { files: unknown[] }) => t.files) as Array<{
      path: string;
      sha256: string;
      bytes: number;
      checksum_verified: boolean;
    }>;
    expect(files).toHaveLength(3);
    for (const f of files) {
      expect(f.path.startsWith(join(cwd, 'out'))).toBe(true);
      expect(readFileSync(f.path).length).toBe(f.bytes);
      expect(sha(f.path)).toBe(f.sha256);
      expect(f.checksum_verified).toBe(true);
    }
    expect(readdirSync(join(cwd, 'out')).sort()).toEqual(
      ['german-germany', 'japanese-japan', 'spanish-spain'].map((slug) => `Launch-${videoId}.${slug}.mp4`),
    );
  });
});
