// The live view of a translation wait: on a terminal one line per language, redrawn in place and
// left with its final state; in a log one plain line per change. In-process against the sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeyGenClient } from '../../src/api/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { runTwin, tempDir } from '../helpers/harness.js';
import { closeSandboxWithVideo, sandboxWithVideo } from '../helpers/rendered-video.js';

let sandbox: Sandbox;
let api: HeyGenClient;
let videoId: string;

beforeAll(async () => {
  ({ sandbox, api, videoId } = await sandboxWithVideo());
});
afterAll(() => closeSandboxWithVideo({ sandbox, api }));

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 20)));
const ESC = String.fromCharCode(27);
const plainText = (s: string) => s.replace(new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]`, 'g'), '');

describe('translation live view', () => {
  it('a terminal: each language on its own line, redrawn in place, the final states left on screen', async () => {
    sandbox.options.renderMs = 300;
    sandbox.inject({ kind: 'fail-translation', language: 'German (Germany)', failureMessage: 'no speech found' });
    const r = await runTwin(['translate', videoId, '--to', 'Spanish (Spain),German (Germany),Japanese (Japan)', '--wait'], {
      sandbox,
      cwd: tempDir(),
      tty: true,
      sleep,
    });
    sandbox.options.renderMs = 30;
    expect(r.code, r.stderr).toBe(5);
    // Redrawn in place: the cursor moves up over the 3 languages + the summary line.
    expect(r.stderr).toContain(`${ESC}[4A\r${ESC}[J`);
    expect(r.stderr).toContain(`${ESC}[?25l`);
    expect(r.stderr).toContain(`${ESC}[?25h`);
    const lastFrame = plainText(r.stderr.slice(r.stderr.lastIndexOf(`${ESC}[4A`))).replace(/\r/g, '');
    const lines = lastFrame.split('\n').filter((l) => l.trim() !== '');
    expect(lines[0]).toMatch(/^✔ Spanish \(Spain\) {3}completed {2}vt_/);
    expect(lines[1]).toMatch(/^✖ German \(Germany\) {2}failed: no speech found {2}vt_/);
    expect(lines[2]).toMatch(/^✔ Japanese \(Japan\) {2}completed {2}vt_/);
    expect(lines[3]).toMatch(/^2\/3 completed · elapsed /);
  });

  it('a log: one plain line per change, no escapes', async () => {
    const r = await runTwin(['translate', videoId, '--to', 'Spanish (Spain),Japanese (Japan)', '--wait'], {
      sandbox,
      cwd: tempDir(),
      sleep,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain(ESC);
    expect(r.stderr).toMatch(/^Spanish \(Spain\) {3}completed {2}vt_\w+$/m);
    expect(r.stderr).toMatch(/^Japanese \(Japan\) {2}completed {2}vt_\w+$/m);
  });
});
