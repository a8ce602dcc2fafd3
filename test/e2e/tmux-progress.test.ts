// The spinner and the progress bar in a real terminal: twin runs inside a detached tmux session
// (120×30) and the screen is read with capture-pane while it works and when it ends.
// Needs tmux and a build (`npm run build`); skipped without them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { BIN, ROOT, tempDir } from '../helpers/harness.js';
import { shellQuote } from '../../src/shared/shell-quote.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const built = existsSync(join(ROOT, 'dist', 'cli.cjs'));
const session = `twin-e2e-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', args, { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', session).stdout;

async function until(check: (text: string) => boolean, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (check(text) || Date.now() > deadline) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(() => {
  if (hasTmux) tmux('kill-session', '-t', session);
});

function openTerminal(cwd: string, env: Record<string, string> = {}): void {
  tmux('kill-session', '-t', session);
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '30', '-c', cwd, 'bash', '--noprofile', '--norc');
  const vars = Object.entries({ HOME: cwd, PS1: '$ ', ...env }).map(([k, v]) => `${k}='${v}'`);
  tmux('send-keys', '-t', session, `unset CI; export ${vars.join(' ')}; clear`, 'Enter');
}

describe.skipIf(!hasTmux || !built)('in a real terminal (tmux)', () => {
  it('animates the wait with a ticking clock, then leaves only the final lines', async () => {
    openTerminal(tempDir());
    tmux('send-keys', '-t', session, `node ${BIN} demo --render-time 4s; echo "exit=$?"`, 'Enter');

    const rendering = await until((t) => /Rendering vid_\w+ · [1-9]s/.test(t), 10_000);
    expect(rendering).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Rendering vid_\w+ · [1-9]s$/m);

    const done = await until((t) => /^exit=\d+$/m.test(t), 20_000);
    expect(done).toMatch(/^exit=0$/m);
    expect(done).toMatch(/^✔ Video vid_\w+ is ready after \d+s$/m);
    expect(done).toMatch(/^✔ Saved twin-demo\/My-first-twin-video-vid_\w+\.mp4 \(\d+ KiB\)$/m);
    expect(done).toContain('What just happened');
    // The animation cleaned up after itself: no spinner frame and no half-drawn bar remain.
    expect(done).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
    expect(done).not.toContain('░');
  });

  it('draws a progress bar that holds its place through a stall; Ctrl-C wipes it, and the same command resumes', async () => {
    const size = 64 * 1024 * 1024;
    const sandbox = await startSandbox({ renderMs: 10, videoBytes: size });
    const api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
    try {
      const { video_id: id } = await api.createVideo({
        type: 'avatar',
        avatar_id: 'lk_alex_office',
        voice_id: 'v_en_m_01',
        script: 'Hi.',
        title: 'Big',
      });
      while ((await api.getVideo(id)).status !== 'completed') await new Promise((r) => setTimeout(r, 20));
      sandbox.inject({ kind: 'stall', at: size / 2, ms: 20_000 });
      openTerminal(tempDir(), { HEYGEN_API_BASE: sandbox.url, HEYGEN_API_KEY: sandbox.apiKey });
      const command = `node ${BIN} video download ${id}; echo "exit=$?"`;
      tmux('send-keys', '-t', session, command, 'Enter');

      // Stalled at half: the bar shows exactly what is on disk, and says how long nothing came.
      const stalled = await until((t) => t.includes('no data for'), 15_000);
      expect(stalled).toMatch(new RegExp(`^Big-${id}\\.mp4  █{10,}░{10,}   50%  32 MiB / 64 MiB  no data for [3-9]s$`, 'm'));
      tmux('send-keys', '-t', session, 'C-c');
      const stopped = await until((t) => /^exit=\d+$/m.test(t), 10_000);
      expect(stopped).toMatch(/^exit=130$/m);
      expect(stopped).toContain('Error: Download interrupted at 32 MiB; the partial file');
      // No twin on this PATH: the resume command names the binary as it was run (issue 23, 11).
      expect(stopped).toContain(`Run \`node ${shellQuote(BIN)} video download ${id}\` to resume.`);
      expect(stopped).not.toMatch(/[█░]/); // the bar is gone, not left half-drawn above the error

      sandbox.resetCounters();
      tmux('send-keys', '-t', session, 'clear', 'Enter');
      tmux('send-keys', '-t', session, command, 'Enter');
      const resumed = await until((t) => /^exit=\d+$/m.test(t), 15_000);
      expect(resumed).toMatch(/^exit=0$/m);
      expect(resumed).toMatch(new RegExp(`^✔ Saved Big-${id}\\.mp4 \\(64 MiB\\)$`, 'm'));
      expect(sandbox.counters.downloadBytes).toBe(size / 2);
    } finally {
      await api.close();
      await sandbox.close();
    }
  });
});
