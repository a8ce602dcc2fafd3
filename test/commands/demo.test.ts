// `twin demo` with no key, no HEYGEN_API_BASE and no network: it must bring its own sandbox and
// leave a playable MP4 with captions behind.
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { runTwin, spawnTwin, tempDir, testEnv } from '../helpers/harness.js';
import { useSandbox } from '../helpers/sandbox.js';

// Real time, but no wait longer than 50 ms: the sandbox renders in 300 ms.
const quickSleep = (ms: number, signal?: AbortSignal) => delay(Math.min(ms, 50), undefined, { signal });

/** A PATH with a `twin` on it, as after a global install. */
function pathWithTwin(): string {
  const bin = join(tempDir(), 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'twin'), '#!/bin/sh\n');
  chmodSync(join(bin, 'twin'), 0o755);
  return `${bin}:${process.env.PATH}`;
}

describe('twin demo', () => {
  it('an --out it cannot write to is refused before the render, naming the path (issue 23: checked before paying)', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'afile'), '');
    const r = await runTwin(['demo', '--render-time', '300ms', '--out', 'afile/x'], { cwd, sleep: quickSleep });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot create the folder for afile\/x\/: .*afile is a file; nothing was created/);
    expect(r.stderr).not.toMatch(/bug in twin|\n\s+at /);
  });

  it('renders and downloads a video with captions into ./twin-demo and shows the real-API commands', async () => {
    const cwd = tempDir();
    const r = await runTwin(['demo', '--render-time', '300ms'], { cwd, sleep: quickSleep, env: { PATH: pathWithTwin() } });
    expect(r.code).toBe(0);
    const files = readdirSync(join(cwd, 'twin-demo')).sort();
    expect(files).toHaveLength(2);
    const [srt, mp4] = [files.find((f) => f.endsWith('.srt'))!, files.find((f) => f.endsWith('.mp4'))!];
    expect(mp4).toMatch(/^My-first-twin-video-vid_\w+\.mp4$/);
    expect(
      readFileSync(join(cwd, 'twin-demo', mp4))
        .subarray(4, 8)
        .toString('latin1'),
    ).toBe('ftyp'); // an MP4
    expect(readFileSync(join(cwd, 'twin-demo', srt), 'utf8')).toContain('Digital Twin');

    expect(r.stderr).toContain('Started the built-in HeyGen v3 sandbox');
    expect(r.stderr).toMatch(/Picked the Digital Twin look ".+" \(lk_\w+\) and its voice/);
    expect(r.stdout).toContain('What just happened');
    expect(r.stdout).toContain(`twin-demo/${mp4}`);
    // The real-API command, continued over short lines a person can paste.
    expect(r.stdout).toContain(
      '$ twin video create --look "$(twin looks list --quiet | head -n 1)" \\\n      --script \'Hello! I am your Digital Twin,',
    );
    expect(r.stdout).toContain('--captions --wait --download twin-demo/\n');
    expect(Math.max(...r.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
  });

  it('prints one JSON document and ignores the settings of the folder it runs in', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, '.heygenrc'), JSON.stringify({ 'output-format': 'webm', 'output-dir': 'elsewhere' }));
    const r = await runTwin(['demo', '--render-time', '300ms', '--out', 'here', '--json'], {
      cwd,
      sleep: quickSleep,
      env: { PATH: pathWithTwin() },
    });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      status: 'completed',
      look: { id: expect.stringMatching(/^lk_/) },
      video_id: expect.stringMatching(/^vid_/),
    });
    expect(doc.files.map((f: { kind: string }) => f.kind)).toEqual(['video', 'captions']);
    expect(doc.files[0].path).toBe(join(cwd, 'here', `My-first-twin-video-${doc.video_id}.mp4`));
    expect(existsSync(doc.files[0].path)).toBe(true);
    expect(existsSync(join(cwd, 'elsewhere'))).toBe(false);
    expect(doc.equivalent_commands[0]).toBe('twin auth login');
    expect(doc.equivalent_commands[3]).toMatch(
      /^twin video create --look "\$\(twin looks list --quiet \| head -n 1\)" --script '[^\n\\]+' --title /,
    );
  });

  it('writes its closing commands the way they run here: npx twin in the heygen-twin folder, else the binary path', async () => {
    const clone = tempDir();
    writeFileSync(join(clone, 'package.json'), JSON.stringify({ name: 'heygen-twin' }));
    const noTwin = { PATH: '/usr/bin:/bin' };
    const inClone = JSON.parse(
      (await runTwin(['demo', '--render-time', '300ms', '--json'], { cwd: clone, sleep: quickSleep, env: noTwin })).stdout,
    );
    expect(inClone.equivalent_commands[0]).toBe('npx twin auth login');
    expect(inClone.equivalent_commands[3]).toMatch(/^npx twin video create --look/);
    const elsewhere = JSON.parse(
      (await runTwin(['demo', '--render-time', '300ms', '--json'], { cwd: tempDir(), sleep: quickSleep, env: noTwin })).stdout,
    );
    expect(elsewhere.equivalent_commands[1]).toMatch(/^node .+ looks list$/);
  });

  it('on Ctrl-C says to run the demo again, not to resume a video whose sandbox is gone', async () => {
    const controller = new AbortController();
    let polls = 0;
    const r = await runTwin(['demo', '--render-time', '5s'], {
      signal: controller.signal,
      sleep: async (ms, signal) => {
        if (++polls === 2) controller.abort();
        await quickSleep(ms, signal);
      },
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('Stopped the demo; its sandbox and video are gone with it.');
    expect(r.stderr).toMatch(/Run `[^`]+ demo` again/);
    expect(r.stderr).not.toContain('twin video wait');
    expect(r.stdout).toBe('');
  });

  it('refuses a bad --render-time with exit 2', async () => {
    const r = await runTwin(['demo', '--render-time', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--render-time');
  });
});

describe('the closing command pastes as it is', () => {
  const sandbox = useSandbox({ renderMs: 50 });
  it('run by a shell, with the invocation that works here, it renders and downloads on the account (here a sandbox)', async () => {
    // A real process: the invocation is this binary's path, as for a user without twin on PATH.
    const demo = await spawnTwin(['demo', '--render-time', '300ms', '--json'], { env: { PATH: '/usr/bin:/bin' } });
    expect(demo.code, demo.stderr).toBe(0);
    const command: string = JSON.parse(demo.stdout).equivalent_commands[3];
    expect(command).not.toMatch(/[<>]/);
    const cwd = tempDir();
    const env = { ...testEnv({ sandbox }), PATH: '/usr/bin:/bin' } as NodeJS.ProcessEnv;
    // Async: the sandbox answers from this very process.
    await promisify(execFile)('/bin/sh', ['-c', command], { cwd, env });
    expect(readdirSync(join(cwd, 'twin-demo')).filter((f) => f.endsWith('.mp4'))).toHaveLength(1);
  });
});
