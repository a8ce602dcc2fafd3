// twin completion bash|zsh|fish: the scripts parse in their shells, and completing real
// command lines in those shells offers the commands, flags and enum values of the live tree.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/program.js';
import { SETTING_KEYS } from '../../src/config/schema.js';
import { ASPECT_RATIOS, ENGINES, EXPRESSIVENESS_LEVELS, FITS, OUTPUT_FORMATS, RESOLUTIONS } from '../../src/shared/video-facts.js';
import { describeTree, type CommandSpec } from '../../src/commands/completion/tree.js';
import { runTwin, tempDir } from '../helpers/harness.js';

const program = buildProgram(() => async () => {});
const specs = describeTree(program);
const dir = tempDir('twin-completion-');

function has(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}
const shells = { zsh: has('zsh'), fish: has('fish') };
for (const [name, present] of Object.entries(shells)) {
  if (!present) console.warn(`completion.test: ${name} is not installed; skipping its checks (apt-get install -y ${name}).`);
}

async function script(shell: string): Promise<string> {
  const result = await runTwin(['completion', shell]);
  expect(result.code).toBe(0);
  expect(result.stderr).toBe('');
  const file = join(dir, `twin.${shell}`);
  writeFileSync(file, result.stdout);
  return file;
}

function run(shell: string, args: string[], input?: string): string {
  const result = spawnSync(shell, args, { input, encoding: 'utf8', timeout: 20_000 });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

/** Completes each line in one bash process, as readline would with the cursor at the end. */
function completeBash(file: string, lines: string[]): string[][] {
  const program = `source ${file}
COMP_WORDBREAKS=$' \\t\\n"\\'><=;|&(:'
while IFS= read -r line; do
  COMP_LINE=$line; COMP_POINT=\${#line}; COMPREPLY=()
  _twin
  printf '%s\\n' "\${COMPREPLY[@]}" '<end>'
done`;
  const out = run('bash', ['-c', program], lines.join('\n') + '\n');
  return out
    .split('<end>\n')
    .slice(0, lines.length)
    .map((block) => block.split('\n').filter(Boolean));
}

const spec = (path: string) => specs.find((s) => s.path === path);
/** What the tree says a flag accepts: the shells must offer exactly this. */
const treeValues = (path: string, flag: string) => [...spec(path)!.flags.find((f) => f.names.includes(flag))!.values];

/** Issue 3 names these flags; each must complete to (at least) these values. */
const ENUM_FLAGS: Array<[string, string, readonly string[]]> = [
  ['twin video create', '--engine', ENGINES],
  ['twin video create', '--resolution', RESOLUTIONS],
  ['twin video create', '--aspect-ratio', ASPECT_RATIOS],
  ['twin video create', '--fit', FITS],
  ['twin video create', '--output-format', OUTPUT_FORMATS],
  ['twin video create', '--expressiveness', EXPRESSIVENESS_LEVELS],
  ['twin looks list', '--type', ['digital_twin', 'studio_avatar', 'photo_avatar', 'all']],
  ['twin looks list', '--ownership', ['private', 'public', 'all']],
  ['twin voices list', '--gender', ['male', 'female']],
  ['twin voices list', '--type', ['public', 'private']],
  ['twin looks list', '--engine', ['avatar_iv', 'avatar_v', 'avatar_iii']],
];

describe('the command tree', () => {
  it('holds every command with its flags, global flags included', () => {
    expect(spec('twin')!.subcommands.map((c) => c.name)).toEqual(program.commands.map((c) => c.name()));
    expect(spec('twin auth login')!.flags.flatMap((f) => f.names)).toEqual(
      expect.arrayContaining(['--with-token', '--json', '-q', '--quiet', '--no-input', '-h', '--help']),
    );
    expect(spec('twin auth login')!.flags.flatMap((f) => f.names)).not.toContain('--version');
    expect(spec('twin completion')!.args).toEqual([['bash', 'zsh', 'fish']]);
    expect(spec('twin config set')!.args).toEqual([SETTING_KEYS]);
  });

  it('takes values from .choices(), else from the settings enums; hides hidden flags', () => {
    const root = new Command('twin').option('--json');
    root
      .command('make')
      .option('--engine <engine>')
      .addOption(new Option('--fit <fit>').choices(['cover']))
      .addOption(new Option('--secret').hideHelp())
      .option('--out [path]');
    const make = describeTree(root).find((s: CommandSpec) => s.path === 'twin make')!;
    const flag = (name: string) => make.flags.find((f) => f.names.includes(name));
    expect(flag('--engine')).toMatchObject({ takesValue: true, values: ENGINES });
    expect(flag('--fit')).toMatchObject({ takesValue: true, values: ['cover'] });
    expect(flag('--out')).toMatchObject({ takesValue: true, values: [] });
    expect(flag('--json')).toMatchObject({ takesValue: false });
    expect(flag('--secret')).toBeUndefined();
  });

  it('covers the enum flags of issue 3', () => {
    for (const [path, flag, values] of ENUM_FLAGS)
      expect(treeValues(path, flag), `${path} ${flag}`).toEqual(expect.arrayContaining([...values]));
  });
});

describe('bash', () => {
  let file: string;
  beforeAll(async () => {
    file = await script('bash');
  });

  it('parses (bash -n) and names the flags', () => {
    run('bash', ['-n', file]);
    const text = spawnSync('cat', [file], { encoding: 'utf8' }).stdout;
    for (const flag of ['--with-token', '--json', '--no-input', ...ENUM_FLAGS.map(([, f]) => f)]) expect(text).toContain(flag);
    expect(text).toContain('complete -o default -F _twin twin heygen-twin');
  });

  it('completes commands, subcommands, flags and argument values', () => {
    const [top, partial, config, keys, shellNames, flags, global, afterValue, filesOnly] = completeBash(file, [
      'twin ',
      'twin con',
      'twin config ',
      'twin config get asp',
      'twin completion ',
      'twin auth login --w',
      'twin doctor --j',
      'twin --json config s',
      'twin auth login --with-token ',
    ]);
    expect(top).toEqual(program.commands.map((c) => c.name()));
    expect(partial).toEqual(['config']);
    expect(config).toEqual(['get', 'set', 'unset', 'list', 'path']);
    expect(keys).toEqual(['aspect-ratio']);
    expect(shellNames).toEqual(['bash', 'zsh', 'fish']);
    expect(flags).toEqual(['--with-token']);
    expect(global).toEqual(['--json']);
    expect(afterValue).toEqual(['set']);
    expect(filesOnly).toEqual([]); // a leaf without argument values: bash falls back to file names
  });

  it('completes the values of every enum flag, also as --flag=value and after a colon', () => {
    const lines = ENUM_FLAGS.map(([path, flag]) => `${path} ${flag} `);
    const results = completeBash(file, lines);
    ENUM_FLAGS.forEach(([path, flag], i) => expect(results[i], `${path} ${flag}`).toEqual(treeValues(path, flag)));
    const [equals, colon, afterFlagValue, fileFlag] = completeBash(file, [
      'twin video create --engine=avatar_',
      'twin video create --aspect-ratio 16:',
      'twin video create --look lk_1 --engine avatar_v --res',
      'twin video create --script-file ',
    ]);
    expect(equals).toEqual(['avatar_iv', 'avatar_v', 'avatar_iii']);
    expect(colon).toEqual(['9']); // readline replaces only the text after ':'
    expect(afterFlagValue).toEqual(['--resolution']);
    expect(fileFlag).toEqual([]);
  });
});

describe.skipIf(!shells.zsh)('zsh', () => {
  /** Runs _twin with the completion builtins replaced by printers (they exist only inside a widget). */
  function completeZsh(file: string, line: string): string[] {
    const harness = `compdef() { :; }
compadd() { if [[ $1 == -a ]]; then print -l -- \${(P)2}; else print -l -- "$@"; fi; }
_describe() { print -l -- \${(P)4%%:*}; }
_files() { print -- '<files>'; }
compset() { :; }
source ${file}
words=(\${(z)1}); [[ $1 == *' ' ]] && words+=('')
CURRENT=\${#words}
_twin`;
    return run('zsh', ['-f', '-c', harness, 'zsh', line]).split('\n').filter(Boolean);
  }

  it('parses (zsh -n) and completes commands, flags and values', async () => {
    const file = await script('zsh');
    run('zsh', ['-n', file]);
    expect(completeZsh(file, 'twin ')).toEqual(program.commands.map((c) => c.name()));
    expect(completeZsh(file, 'twin config get ')).toEqual([...SETTING_KEYS]);
    expect(completeZsh(file, 'twin auth login -')).toEqual(spec('twin auth login')!.flags.flatMap((f) => f.names));
    expect(completeZsh(file, 'twin auth login --with-token ')).toEqual(['<files>']);
    for (const [path, flag] of ENUM_FLAGS) expect(completeZsh(file, `${path} ${flag} `)).toEqual(treeValues(path, flag));
  });
});

describe.skipIf(!shells.fish)('fish', () => {
  it('parses (fish -n) and completes commands, flags and values', async () => {
    const file = await script('fish');
    run('fish', ['-n', file]);
    const complete = (line: string) =>
      run('fish', ['--no-config', '-c', `source ${file}; complete -C ${JSON.stringify(line)}`])
        .split('\n')
        .filter(Boolean);
    expect(complete('twin con')).toEqual([`config\t${program.commands.find((c) => c.name() === 'config')!.description()}`]);
    expect(complete('twin completion ')).toEqual(['bash', 'fish', 'zsh']); // fish sorts
    expect(complete('twin auth login --with')).toEqual(['--with-token\tread the key from stdin instead of asking (scripts, CI)']);
    expect(complete('heygen-twin config get voice-')).toEqual(['voice-locale', 'voice-pitch', 'voice-speed', 'voice-volume']);
    for (const [path, flag] of ENUM_FLAGS) expect(complete(`${path} ${flag} `).sort()).toEqual(treeValues(path, flag).sort());
    expect(complete('twin video create --engine=avatar_')).toEqual(['--engine=avatar_iii', '--engine=avatar_iv', '--engine=avatar_v']);
  });
});

describe('twin completion', () => {
  it('prints the same script on a terminal and in a pipe; --json wraps it', async () => {
    const pipe = await runTwin(['completion', 'bash']);
    const tty = await runTwin(['completion', 'bash'], { tty: true });
    expect(tty.stdout).toBe(pipe.stdout);
    const json = await runTwin(['completion', 'fish', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ shell: 'fish', script: expect.stringContaining('complete -c twin') });
  });

  it('picks the shell from $SHELL when none is named', async () => {
    const result = await runTwin(['completion'], { env: { SHELL: '/usr/bin/zsh' } });
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('#compdef twin heygen-twin')).toBe(true);
  });

  it.each([
    [['completion', 'powershell'], { SHELL: '/bin/bash' }, /powershell.*bash, zsh, fish/s],
    [['completion'], { SHELL: '/bin/tcsh' }, /SHELL is \/bin\/tcsh, and twin has completion for bash, zsh, fish only\./],
    [['completion'], { SHELL: undefined }, /SHELL is not set/],
  ])('%j with %j exits 2', async (argv, env, message) => {
    const result = await runTwin(argv, { env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});
