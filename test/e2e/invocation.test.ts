// Every command line twin prints starts the way twin was started where it ran (issue 23, item
// 11): a user without a global `twin` runs `node /path/bin/twin.js`, and the follow-up, resume
// and advice lines must paste as they are, as the demo's closing commands do.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { shellQuote } from '../../src/shared/shell-quote.js';
import { BIN, ROOT, spawnTwin, tempDir, testEnv } from '../helpers/harness.js';

let sandbox: Sandbox;
beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'cli.cjs'))) throw new Error('dist/ is missing: run `npm run build` first');
  sandbox = await startSandbox({ renderMs: 300, videoBytes: 2048, concurrencyLimit: 10 });
});
afterAll(() => sandbox?.close());

/** No `twin` on this PATH: the way to run twin again is the binary's own path. */
const NO_TWIN = { PATH: '/usr/bin:/bin' };
const HERE = `node ${shellQuote(BIN)}`;
const create = ['video', 'create', '--look', 'lk_alex_office', '--voice', 'v_en_m_01', '--script', 'Hello there.'];

describe('what twin prints names the invocation that works where it ran', () => {
  it('"Follow it with" after a create names it, and the line pastes as it is', async () => {
    const r = await spawnTwin(create, { sandbox, env: NO_TWIN });
    expect(r.code, r.stderr).toBe(0);
    const id = r.stdout.trim();
    expect(r.stderr).toContain(`Follow it with: ${HERE} video wait ${id} --download`);
    expect(r.stderr).not.toMatch(/(^|\s)twin video/);
    const line = /Follow it with: (.+)$/m.exec(r.stderr)![1]!;
    const cwd = tempDir();
    const env = { ...testEnv({ sandbox }), ...NO_TWIN } as NodeJS.ProcessEnv;
    await promisify(execFile)('/bin/sh', ['-c', line], { cwd, env });
    expect(readdirSync(cwd).filter((f) => f.endsWith('.mp4'))).toHaveLength(1);
  });

  it('a download that fails after the paid render resumes with it (human and --json)', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'talk.mp4'), 'old');
    const r = await spawnTwin([...create, '--wait', '-o', 'talk.mp4', '--json'], { sandbox, env: NO_TWIN, cwd });
    expect(r.code).toBe(2);
    const id = /Created video (vid_\w+)/.exec(r.stderr)![1]!;
    const error = JSON.parse(r.stderr.slice(r.stderr.indexOf('{"error"'))).error;
    expect(error.resume).toBe(`${HERE} video download ${id} -o talk.mp4 --force`);
    expect(error.suggestion).toContain(`${HERE} video download ${id} -o talk.mp4 --force`);
  });

  it('advice to log in, and a usage error, name it', async () => {
    const status = await spawnTwin(['auth', 'status'], { env: { ...NO_TWIN, HEYGEN_API_KEY: undefined } });
    expect(status.code).toBe(3);
    expect(status.stdout + status.stderr).toContain(`${HERE} auth login`);
    const stray = await spawnTwin([...create, 'extra words'], { sandbox, env: NO_TWIN });
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain(`e.g. ${HERE} video create --look`);
  });

  it("a batch sample's next command names it", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'videos.csv'), 'id,look,script\nr1,lk_alex_office,Hello one\nr2,lk_alex_office,Hello two\n');
    const r = await spawnTwin(['batch', 'run', 'videos.csv', '--out', 'out', '--sample', '1'], { sandbox, env: NO_TWIN, cwd });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(cwd, 'out', 'twin-batch-report.json'), 'utf8'));
    expect(report.continue_command).toBe(`${HERE} batch run videos.csv --out out`);
    expect(r.stdout + r.stderr).toContain(`${HERE} batch run videos.csv --out out`);
  });

  it('inside the heygen-twin folder it is `npx twin`; with twin on PATH, plain `twin`', async () => {
    const clone = tempDir();
    writeFileSync(join(clone, 'package.json'), JSON.stringify({ name: 'heygen-twin' }));
    const inClone = await spawnTwin(create, { sandbox, env: NO_TWIN, cwd: clone });
    expect(inClone.stderr).toContain(`Follow it with: npx twin video wait ${inClone.stdout.trim()} --download`);
    const global = await spawnTwin(create, { sandbox });
    expect(global.stderr).toContain(`Follow it with: twin video wait ${global.stdout.trim()} --download`);
  });
});
