import { editDistance, typoBudget } from './edit-distance.ts';

/**
 * The words the planner knows (from its training utterances and domain lexicon), with counts. `correct` maps a typed
 * word that is not in the vocabulary to the closest known word within the typo budget, preferring the more frequent
 * word on ties, and leaves it unchanged when nothing is close (names, product words it has never seen).
 */
export class Vocabulary {
  private readonly counts = new Map<string, number>();
  private readonly byLength = new Map<number, string[]>();
  private readonly cache = new Map<string, string>();

  add(words: Iterable<string>): void {
    for (const word of words) {
      if (/\d/.test(word)) continue;
      const seen = this.counts.get(word);
      this.counts.set(word, (seen ?? 0) + 1);
      if (seen === undefined) {
        const bucket = this.byLength.get(word.length) ?? [];
        bucket.push(word);
        this.byLength.set(word.length, bucket);
      }
    }
    this.cache.clear();
  }

  has(word: string): boolean {
    return this.counts.has(word);
  }

  correct(word: string): string {
    if (this.counts.has(word) || /\d/.test(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const budget = typoBudget(word);
    let best = word;
    let bestDistance = budget + 1;
    let bestCount = 0;
    for (let length = word.length - budget; length <= word.length + budget; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        if (typoBudget(candidate) === 0) continue;
        const distance = editDistance(word, candidate, Math.min(bestDistance, budget));
        const count = this.counts.get(candidate) ?? 0;
        if (distance < bestDistance || (distance === bestDistance && distance <= budget && count > bestCount)) {
          best = candidate;
          bestDistance = distance;
          bestCount = count;
        }
      }
    }
    const corrected = bestDistance <= budget ? best : word;
    this.cache.set(word, corrected);
    return corrected;
  }
}
