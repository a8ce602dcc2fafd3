// Help fits the terminal: at 60 columns no line is wider than the pane (so the terminal never
// breaks a word in two), no word is split by the wrapping, and a wrapped example still pastes
// as one command (each cut ends with a backslash).
import { describe, expect, it } from 'vitest';
import { runTwin } from '../helpers/harness.js';
import { displayWidth } from '../../src/ui/table.js';

const words = (text: string) => text.replace(/ \\\n/g, ' ').split(/\s+/).filter(Boolean);

describe('help at 60 columns', () => {
  it.each([[['video', 'create']], [['batch', 'run']], [['looks', 'list']], [[]]])('twin %j --help', async (path) => {
    const narrow = await runTwin([...path, '--help'], { tty: true, columns: 60 });
    const wide = await runTwin([...path, '--help'], { tty: true, columns: 400 });
    expect(narrow.code).toBe(0);
    for (const line of narrow.stdout.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(60);
    // The same words in the same order: wrapping only moved them to new lines.
    expect(words(narrow.stdout)).toEqual(words(wide.stdout));
  });

  it('a wrapped example command ends each cut line with a backslash', async () => {
    const r = await runTwin(['video', 'create', '--help'], { tty: true, columns: 60 });
    expect(r.stdout).toMatch(/\$ twin video create --look lk_123 --voice v_456 .*\\\n {6}\S/);
  });

  it('piped help keeps whole lines (80 columns, as the snapshots)', async () => {
    const r = await runTwin(['video', 'create', '--help']);
    expect(r.stdout).toContain(
      '$ twin video create --look lk_123 --voice v_456 --engine avatar_v --aspect-ratio 9:16 --script-file intro.txt --download intro.mp4',
    );
  });
});
