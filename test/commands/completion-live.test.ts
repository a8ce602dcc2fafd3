// Live values in completion: look and voice ids come from a cache in the config folder, read
// by the script itself (no process, no network per keystroke); `twin completion --refresh`
// fills it, and never sends a request without a key for the API base.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { runTwin, tempDir } from '../helpers/harness.js';

const sb = useSandbox({ renderMs: 50 });

function completeBash(file: string, env: Record<string, string>, lines: string[]): string[][] {
  const program = `source ${file}
while IFS= read -r line; do
  COMP_LINE=$line; COMP_POINT=\${#line}; COMPREPLY=()
  _twin
  printf '%s\\n' "\${COMPREPLY[@]}" '<end>'
done`;
  const r = spawnSync('bash', ['-c', program], {
    input: `${lines.join('\n')}\n`,
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', HOME: tempDir(), ...env },
  });
  expect(r.stderr).toBe('');
  return r.stdout
    .split('<end>\n')
    .slice(0, lines.length)
    .map((b) => b.split('\n').filter(Boolean));
}

describe('completion of look and voice ids', () => {
  it('--refresh caches the ids per API base (0600); bash completes --look, --voice and `looks get` from it', async () => {
    const config = join(tempDir(), 'config');
    const refresh = await runTwin(['completion', '--refresh', '--json'], { sandbox: sb, env: { TWIN_CONFIG_DIR: config } });
    expect(refresh.code).toBe(0);
    const doc = JSON.parse(refresh.stdout);
    expect(doc.looks).toBeGreaterThan(0);
    expect(doc.voices).toBeGreaterThan(0);
    const looksFile = join(doc.cache, 'looks');
    expect(doc.cache).toBe(join(config, 'completion', sb.url.replace(/[^A-Za-z0-9]/g, '_')));
    expect(statSync(looksFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(looksFile, 'utf8')).toMatch(/^lk_maya_portrait\tMaya – portrait$/m);

    const script = join(tempDir(), 'twin.bash');
    writeFileSync(script, (await runTwin(['completion', 'bash'])).stdout);
    const [look, get, voice, other] = completeBash(script, { TWIN_CONFIG_DIR: config, HEYGEN_API_BASE: sb.url }, [
      'twin video create --look lk_maya_p',
      'twin looks get lk_alex_o',
      'twin video create --voice=v_en_f_0',
      'twin video create --title lk_',
    ]);
    expect(look).toEqual(['lk_maya_portrait']);
    expect(get).toEqual(['lk_alex_office']);
    expect(voice!.length).toBeGreaterThan(1);
    expect(voice!.every((v) => v.startsWith('v_en_f_0'))).toBe(true);
    expect(other).toEqual([]); // --title is free text, not an id
    // Another API base has its own cache: none yet, so nothing is offered (and no wait).
    const [elsewhere] = completeBash(script, { TWIN_CONFIG_DIR: config, HEYGEN_API_BASE: 'http://127.0.0.1:9' }, [
      'twin video create --look lk_',
    ]);
    expect(elsewhere).toEqual([]);
  });

  it('without a key for the API base, --refresh sends nothing and exits 3', async () => {
    const config = join(tempDir(), 'config');
    mkdirSync(config, { recursive: true });
    const before = sb.received.length;
    const r = await runTwin(['completion', '--refresh'], { env: { TWIN_CONFIG_DIR: config, HEYGEN_API_BASE: sb.url } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('nothing was sent');
    expect(sb.received.length).toBe(before);
  });
});
