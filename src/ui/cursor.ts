// The cursor escapes node:readline writes (cursorTo, clearLine, moveCursor), for the spinner
// and the retry notice: the same bytes, without loading node:readline into every command.
const CSI = '\x1b[';

type Stream = NodeJS.WritableStream;

export function cursorTo(stream: Stream, x: number, y?: number, done?: () => void): boolean {
  return stream.write(typeof y === 'number' ? `${CSI}${y + 1};${x + 1}H` : `${CSI}${x + 1}G`, done);
}

/** -1: to the start of the line, 1: to its end, 0: the whole line. */
export function clearLine(stream: Stream, dir: -1 | 0 | 1, done?: () => void): boolean {
  return stream.write(`${CSI}${dir < 0 ? 1 : dir > 0 ? 0 : 2}K`, done);
}

export function moveCursor(stream: Stream, dx: number, dy: number, done?: () => void): boolean {
  const data = (dx < 0 ? `${CSI}${-dx}D` : dx > 0 ? `${CSI}${dx}C` : '') + (dy < 0 ? `${CSI}${-dy}A` : dy > 0 ? `${CSI}${dy}B` : '');
  if (!data) {
    if (done) process.nextTick(done);
    return true;
  }
  return stream.write(data, done);
}
