// Every command's --help is part of the interface: snapshot them all, and insist that
// each runnable command shows at least one example.
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../src/program.js';
import { runTwin } from '../helpers/harness.js';
import { VERSION } from '../../src/version.js';

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

function captureHelp(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  command.outputHelp();
  return text;
}
