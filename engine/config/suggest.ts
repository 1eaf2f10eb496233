/**
 * "Did you mean ...?" for unknown config names. Uses the optimal-string-alignment distance
 * (Levenshtein plus swapping two neighbours), since "lniger.ms" is as likely a typo as "linger.m".
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  // Close enough to be a typo, not merely another config: two edits, or a quarter of the name.
  const threshold = Math.max(2, Math.floor(name.length / 4));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    // The length difference alone is a lower bound on the distance: skip hopeless candidates cheaply.
    if (Math.abs(candidate.length - name.length) > threshold) continue;
    const distance = editDistance(name, candidate);
    if (distance <= threshold && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance between two strings. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(table[i - 1]![j]! + 1, table[i]![j - 1]! + 1, table[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, table[i - 2]![j - 2]! + 1);
      }
      table[i]![j] = best;
    }
  }
  return table[rows - 1]![cols - 1]!;
}
