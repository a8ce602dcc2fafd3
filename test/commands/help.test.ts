// Every command's --help is part of the interface: snapshot them all, and insist that
// each runnable command shows at least one example.
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../src/program.js';
import { runTwin } from '../helpers/harness.js';
import { VERSION } from '../../src/shared/version.js';

function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands
    .filter((c) => c.name() !== 'help')
    .flatMap((c) => {
      const path = [...prefix, c.name()];
      return [path, ...commandPaths(c, path)];
    });
}

const program = buildProgram(() => async () => {});
const paths = [[], ...commandPaths(program)];

describe('--help', () => {
  it.each(paths.map((p) => [p.join(' ') || '(root)', p] as const))('twin %s --help', async (_name, path) => {
    const { code, stdout, stderr } = await runTwin([...path, '--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const text = stdout.replaceAll(VERSION, '<version>');
    expect(text).toMatchSnapshot();
  });

  it('each leaf command shows examples', () => {
    const leaves = paths.filter((p) => {
      let c: Command | undefined = program;
      for (const name of p) c = c?.commands.find((x) => x.name() === name);
      return c !== undefined && c.commands.length === 0 && p.length > 0;
    });
    expect(leaves.length).toBeGreaterThan(25); // the walk really found the commands
    const missing: string[] = [];
    for (const p of leaves) {
      let c: Command | undefined = program;
      for (const name of p) c = c?.commands.find((x) => x.name() === name);
      const help = captureHelp(c!);
      if (!help.includes('Examples:')) missing.push(p.join(' '));
    }
    expect(missing).toEqual([]);
  });
});

// Only the noun on the command line gets its verbs registered (src/program.ts): a mistyped
// noun or verb still gets commander's suggestion, from the stubs or the registered noun.
describe('a mistyped command', () => {
  it.each([
    [['lokks'], /unknown command 'lokks'\n\(Did you mean looks\?\)/, 'twin --help'],
    [['looks', 'lst'], /unknown command 'lst'\n\(Did you mean list\?\)/, 'twin looks --help'],
    [['vidoe', 'create'], /unknown command 'vidoe'\n\(Did you mean video\?\)/, 'twin --help'],
  ])('twin %j: the suggestion, exit 2', async (argv, message, see) => {
    const { code, stdout, stderr } = await runTwin(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain(`See \`${see}\` for usage.`);
  });
});

function captureHelp(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  command.outputHelp();
  return text;
}
