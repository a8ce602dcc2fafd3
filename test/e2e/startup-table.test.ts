// The start-up table (src/startup/table.ts) names every command of the commander tree, and only
// those: a new verb without a line there would start with the wrong built-ins (or, for a
// download, the wrong V8 flags). What it decides for a command line is checked here too.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/program.js';
import { commandOf, LEAVES, NOUNS, registered, startOf } from '../../src/startup/table.js';

const program = buildProgram(() => async () => {});
const topLevel = program.commands.filter((c) => c.name() !== 'help');

describe('the start-up table', () => {
  it('has a line for every command of the tree, and none for a command that is not there', () => {
    const tree = Object.fromEntries(
      topLevel.map((c) => [
        c.name(),
        c.commands
          .map((v) => v.name())
          .filter((n) => n !== 'help')
          .sort(),
      ]),
    );
    const table = {
      ...Object.fromEntries(Object.entries(NOUNS).map(([noun, verbs]) => [noun, Object.keys(verbs).sort()])),
      ...Object.fromEntries(Object.keys(LEAVES).map((leaf) => [leaf, []])),
    };
    expect(table).toEqual(tree);
  });

  it('loads for help only what printing the tree needs, and the V8 flags follow the command alone', () => {
    expect(startOf(['video', 'create', '--help'])).toEqual({ preload: ['tty', 'os', 'process'], downloads: true });
    expect(startOf(['video', 'create', '--look', 'lk_1'])).toMatchObject({ downloads: true });
    expect(startOf(['video', 'create', '--dry-run']).preload).not.toContain('crypto');
    expect(startOf(['video', 'create']).preload).toContain('crypto');
    expect(startOf(['looks', 'list', '--json'])).toEqual({ preload: ['tty', 'os', 'process', 'assert', 'perf_hooks'], downloads: false });
    expect(startOf(['batch', 'run', 'a.csv', '--dry-run']).preload).toContain('readline');
    expect(startOf(['webhooks', 'listen']).preload).toContain('http');
    expect(startOf([]).preload).toContain('readline');
    expect(commandOf(['--json', 'webhooks', 'rotate-secret', 'wh_1'])).toBe('webhooks-rotate-secret');
    expect(commandOf(['--version'])).toBe('help');
  });

  it('registers the verbs of the nouns named, and a leaf unless another command is named', () => {
    const names = (argv: string[] | undefined) => topLevel.map((c) => c.name()).filter(registered(argv));
    expect(names(['video', 'get', 'v_1'])).toEqual(['video']);
    expect(names(['doctor'])).toEqual(['doctor']);
    expect(names(['--help'])).toEqual(Object.keys(LEAVES));
    expect(names(['completion', 'bash'])).toEqual(topLevel.map((c) => c.name()));
    expect(names(undefined)).toEqual(topLevel.map((c) => c.name()));
  });
});
