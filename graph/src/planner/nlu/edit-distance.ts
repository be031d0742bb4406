/**
 * Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions): the number of single-character
 * insertions, deletions, substitutions or swaps of neighbours that turn `a` into `b`. Typing errors are mostly of these
 * four kinds, which is why the planner uses it to correct words and to match item names.
 * Stops early and returns `limit + 1` once the distance is known to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const current = new Array<number>(cols).fill(0);
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (prevPrev[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = current;
  }
  return prev[cols - 1] ?? 0;
}

/** How many edits a word of this length may carry and still count as the same word (0 for very short words). */
export function typoBudget(word: string): number {
  if (word.length <= 3) return 0;
  if (word.length <= 6) return 1;
  return 2;
}

/** True when `typed` is `target` up to the typo budget of the longer of the two. */
export function fuzzyEquals(typed: string, target: string): boolean {
  if (typed === target) return true;
  const budget = Math.min(typoBudget(typed), typoBudget(target));
  if (budget === 0) return false;
  return editDistance(typed, target, budget) <= budget;
}
