import { editDistance as boundedEditDistance } from '@agentic-commerce/knowledge/text/edit-distance';

/**
 * Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions): the number of single-character
 * insertions, deletions, substitutions or swaps of neighbours that turn `a` into `b`. Typing errors are mostly of these
 * four kinds, which is why the planner uses it to correct words and to match item names (the knowledge index's
 * implementation, shared). Stops early and returns `limit + 1` once the distance is known to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  return a === b ? 0 : boundedEditDistance(a, b, limit);
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
