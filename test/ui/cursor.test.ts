import * as readline from 'node:readline';
import { describe, expect, it } from 'vitest';
import { clearLine, cursorTo, moveCursor } from '../../src/ui/cursor.js';

/** What a stream is sent, write by write. */
function recorder() {
  const writes: string[] = [];
  return { writes, stream: { write: (data: string) => (writes.push(data), true) } as unknown as NodeJS.WritableStream };
}

describe('cursor escapes', () => {
  it('are the bytes node:readline writes for every move the spinner and notices make', () => {
    const ours = recorder();
    const node = recorder();
    const moves: Array<
      (s: NodeJS.WritableStream, r: { cursorTo: typeof cursorTo; clearLine: typeof clearLine; moveCursor: typeof moveCursor }) => void
    > = [
      (s, r) => r.cursorTo(s, 0),
      (s, r) => r.cursorTo(s, 7, 2),
      (s, r) => r.clearLine(s, 0),
      (s, r) => r.clearLine(s, -1),
      (s, r) => r.clearLine(s, 1),
      (s, r) => r.moveCursor(s, -2, 0),
      (s, r) => r.moveCursor(s, 3, -1),
      (s, r) => r.moveCursor(s, 0, 4),
      (s, r) => r.moveCursor(s, 0, 0),
    ];
    for (const move of moves) {
      move(ours.stream, { cursorTo, clearLine, moveCursor });
      move(node.stream, readline as never);
    }
    expect(ours.writes).toEqual(node.writes);
    expect(ours.writes).toContain('\x1b[3;8H');
  });
});
