// Completion never runs code an API sends: look and voice ids such as `$(touch pwned)`, backticks
// or a line break (the sandbox's hostileIds knob) are left out of the cache, and the scripts read
// back only safe ids even from a cache written by hand. Driven in real bash, zsh and fish (each
// skipped, with the reason, where the shell is not installed; CI installs them).
import { spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { runTwin, tempDir } from '../helpers/harness.js';

const sb = useSandbox({ renderMs: 50, hostileIds: true });

const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
const LINES = ['twin video create --look ', 'twin looks get ', 'twin video create --voice '];
const HOSTILE_LINES = '$(>pwned_cache)\tx\n`>pwned_cache2`\ty\nlk_fine;>pwned_cache3\tz\n$(touch${IFS}pwned_cache4)\n';

let config = '';
const scripts: Record<'bash' | 'zsh' | 'fish', string> = { bash: '', zsh: '', fish: '' };

beforeAll(async () => {
  config = join(tempDir(), 'config');
  const refresh = await runTwin(['completion', '--refresh', '--json'], { sandbox: sb, env: { TWIN_CONFIG_DIR: config } });
  expect(refresh.code).toBe(0);
  const dir = JSON.parse(refresh.stdout).cache as string;
  // What the cache holds now is checked below; then lines as a hostile or older writer left them.
  cacheText = { looks: readFileSync(join(dir, 'looks'), 'utf8'), voices: readFileSync(join(dir, 'voices'), 'utf8') };
  appendFileSync(join(dir, 'looks'), HOSTILE_LINES);
  appendFileSync(join(dir, 'voices'), HOSTILE_LINES);
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    const file = join(tempDir(), `twin.${shell}`);
    writeFileSync(file, (await runTwin(['completion', shell])).stdout);
    scripts[shell] = file;
  }
});
let cacheText = { looks: '', voices: '' };

/** Runs a shell program in a fresh folder; returns its output and the files it left there. */
function inShell(shell: string, args: string[], input?: string): { stdout: string; files: string[] } {
  const cwd = tempDir();
  const r = spawnSync(shell, args, {
    cwd,
    input,
    encoding: 'utf8',
    timeout: 20_000,
    env: { PATH: '/usr/bin:/bin', HOME: tempDir(), TWIN_CONFIG_DIR: config, HEYGEN_API_BASE: sb.url },
  });
  expect(r.status, r.stderr).toBe(0);
  return { stdout: r.stdout, files: readdirSync(cwd) };
}

const offered = (stdout: string) => stdout.split('<end>\n').map((b) => b.split('\n').filter(Boolean));

describe('completion with hostile ids from the API', () => {
  it('the cache holds one safe id a line: shell code, quotes and line breaks from the API are left out', () => {
    for (const text of [cacheText.looks, cacheText.voices]) {
      const lines = text.split('\n').filter(Boolean);
      expect(lines.length).toBeGreaterThan(10);
      for (const line of lines) expect(line).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]*\t[^\t\u0000-\u001f]*$/);
      expect(text).not.toContain('pwned');
    }
    expect(cacheText.looks).toMatch(/^lk_alex_office\t/m);
  });

  it('bash: TAB after --look, looks get and --voice runs nothing and offers only safe ids', () => {
    const program = `source ${scripts.bash}
while IFS= read -r line; do
  COMP_LINE=$line; COMP_POINT=\${#line}; COMPREPLY=()
  _twin
  printf '%s\\n' "\${COMPREPLY[@]}" '<end>'
done`;
    const { stdout, files } = inShell('bash', ['-c', program], `${LINES.join('\n')}\n`);
    expect(files).toEqual([]);
    const [look, get, voice] = offered(stdout);
    expect(look).toContain('lk_alex_office');
    expect(get).toContain('lk_alex_office');
    expect(voice!.length).toBeGreaterThan(10);
    for (const word of [...look!, ...get!, ...voice!]) expect(word).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/);
  });

  it.skipIf(!has('zsh'))('zsh (skipped when zsh is not installed): the candidates are inert', () => {
    // The completion system's builtins, stubbed to print what they are given.
    const program = `compdef() { : }
_describe() { : }; _files() { : }; compset() { : }
compadd() { if [[ $1 == -a ]]; then print -rl -- "\${(@P)2}"; else print -rl -- "$@"; fi }
source ${scripts.zsh}
for line in ${LINES.map((l) => `'${l}'`).join(' ')}; do
  words=(\${=line} ''); CURRENT=\${#words}
  _twin
  print -r -- '<end>'
done`;
    const { stdout, files } = inShell('zsh', ['-f', '-c', program]);
    expect(files).toEqual([]);
    const [look, get, voice] = offered(stdout);
    expect(look).toContain('lk_alex_office');
    expect(get).toContain('lk_alex_office');
    expect(voice!.length).toBeGreaterThan(10);
    for (const word of [...look!, ...get!, ...voice!]) expect(word).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/);
  });

  it.skipIf(!has('fish'))('fish (skipped when fish is not installed): one safe id a candidate', () => {
    const program = `source ${scripts.fish}
for line in ${LINES.map((l) => `'${l}'`).join(' ')}
  complete -C "$line"
  echo '<end>'
end`;
    const { stdout, files } = inShell('fish', ['--no-config', '-c', program]);
    expect(files).toEqual([]);
    const [look, get, voice] = offered(stdout).map((b) => b.map((l) => l.split('\t')[0]!));
    expect(look).toContain('lk_alex_office');
    expect(get).toContain('lk_alex_office');
    expect(voice!.length).toBeGreaterThan(10);
    for (const word of [...look!, ...get!, ...voice!]) expect(word).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/);
  });
});
