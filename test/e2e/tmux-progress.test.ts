// The spinner and the progress bar in a real terminal: `twin demo` runs inside a detached tmux
// session (120×30) and the screen is read with capture-pane while it renders and when it ends.
// Needs tmux and a build (`npm run build`); skipped without them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/harness.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const built = existsSync(join(ROOT, 'dist', 'main.js'));
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

describe.skipIf(!hasTmux || !built)('in a real terminal (tmux)', () => {
  it('animates the wait with a ticking clock, then leaves only the final lines', async () => {
    const cwd = tempDir();
    tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '30', '-c', cwd, 'bash', '--noprofile', '--norc');
    tmux('send-keys', '-t', session, `env -u CI HOME=${cwd} node ${BIN} demo --render-time 4s; echo "exit=$?"`, 'Enter');

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
});
