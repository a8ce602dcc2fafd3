// Help on a terminal fits its width: commander wraps the option descriptions (down to a narrow
// column), and this wraps what it leaves whole — the examples and notes added after the
// options, long usage lines — at spaces, so a 60-column pane never breaks a word in two.
import { displayWidth } from './table.js';

/** The narrowest description column commander still wraps (its own default, 40, gives up at 60 columns). */
export const HELP_MIN_WRAP = 16;

/**
 * Every line of `text` wider than `width`, cut at spaces. A wrapped example command (`$ twin …`)
 * ends each cut with ` \` so that pasting the lines still runs one command; other lines go on
 * under their own indentation. A single word wider than the line is left whole.
 */
export function wrapHelp(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => (displayWidth(line) <= width ? line : wrapLine(line, width)))
    .join('\n');
}

function wrapLine(line: string, width: number): string {
  const indent = /^\s*/.exec(line)![0];
  const command = line.slice(indent.length).startsWith('$ ');
  const more = command ? `${indent}    ` : indent;
  const tail = command ? ' \\' : '';
  const words = line.slice(indent.length).split(/ +/);
  const lines: string[] = [];
  let current = indent + words.shift()!;
  for (const word of words) {
    if (displayWidth(`${current} ${word}`) + tail.length <= width) current += ` ${word}`;
    else {
      lines.push(current + tail);
      current = more + word;
    }
  }
  lines.push(current);
  return lines.join('\n');
}
