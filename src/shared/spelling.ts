// "Did you mean …?" for names people type: flags' values, manifest columns, event types.

/** The candidate within a small edit distance of `word` (case-insensitive), if there is one. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(lower.length / 4)) + 1;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    // Half the letters changed is another word, not a typo ("foo" is not "look").
    if (d < bestDistance && d * 2 < Math.max(lower.length, c.length)) [best, bestDistance] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
