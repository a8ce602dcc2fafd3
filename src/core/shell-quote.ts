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
