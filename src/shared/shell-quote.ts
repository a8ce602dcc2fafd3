// POSIX shell quoting for the command lines we print (the wizard's "equivalent command").
// Single quotes keep everything literal: $, `, \, !, newlines. A single quote itself is
// closed, escaped and reopened ('\'').

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(value: string): string {
  if (value !== '' && SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Joins already-split words into one line a POSIX shell turns back into the same words. */
export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}

/**
 * A command line of quoted words filled into lines of at most `width` columns, joined with
 * ` \` continuations a shell reads as one line. A flag stays on the line of its value; a
 * word longer than a line gets a line of its own. Continuation lines start with `indent`.
 */
export function wrapCommand(quoted: readonly string[], width: number, indent = '  '): string {
  const groups: string[] = [];
  for (const word of quoted) {
    const last = groups.length - 1;
    // The command words until the first flag are one group; then each flag with its value.
    const startsGroup = word.startsWith('-') || groups.length === 0;
    if (!startsGroup && (last === 0 || !groups[last]!.includes(' ') || !groups[last]!.startsWith('-'))) groups[last] += ` ${word}`;
    else groups.push(word);
  }
  const lines: string[] = [];
  let line = '';
  for (const group of groups) {
    const prefix = lines.length === 0 ? '' : indent;
    if (line && prefix.length + line.length + 1 + group.length + 2 > width) {
      lines.push(line);
      line = group;
    } else {
      line = line ? `${line} ${group}` : group;
    }
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : `${indent}${l}`)).join(' \\\n');
}
