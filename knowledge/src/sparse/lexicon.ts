import { editDistance } from '../text/edit-distance.ts';

/**
 * What the query side needs to know about a collection's text: its vocabulary (for typo tolerance) and the
 * average document length (for BM25's length normalisation of new documents). Persisted as collection metadata so
 * an incremental upsert encodes documents exactly like the full ingest did.
 */
export interface LexiconState {
  averageLength: number;
  terms: string[];
}

export class Lexicon {
  private readonly terms: Set<string>;
  private byLength: Map<number, string[]> | undefined;

  constructor(
    public averageLength: number,
    terms: Iterable<string> = [],
  ) {
    this.terms = new Set(terms);
  }

  static from(state: LexiconState): Lexicon {
    return new Lexicon(state.averageLength, state.terms);
  }

  toJSON(): LexiconState {
    return { averageLength: this.averageLength, terms: [...this.terms].sort() };
  }

  has(term: string): boolean {
    return this.terms.has(term);
  }

  get size(): number {
    return this.terms.size;
  }

  add(terms: Iterable<string>): void {
    for (const term of terms) {
      if (!this.terms.has(term)) {
        this.terms.add(term);
        this.byLength = undefined;
      }
    }
  }

  /**
   * Query weights for analysed query terms. A known term keeps weight 1. An unknown term that is two known terms
   * written together ("smartwatch") becomes both. Otherwise (a typo, or a word the catalog never uses) it is
   * replaced by the known terms within one edit (two for 8+ letters), else by known terms it is a prefix of,
   * sharing weight 0.5. Terms shorter than 4 letters are never corrected (sizes, units, "usb").
   */
  expand(queryTerms: readonly string[]): Map<string, number> {
    const weights = new Map<string, number>();
    const add = (term: string, weight: number) => weights.set(term, Math.max(weights.get(term) ?? 0, weight));
    for (const term of queryTerms) {
      if (this.terms.has(term) || term.length < 4 || /[0-9]/.test(term)) {
        add(term, 1);
        continue;
      }
      const split = this.split(term);
      if (split) {
        for (const part of split) add(part, 1);
        continue;
      }
      const corrections = this.corrections(term);
      if (corrections.length === 0) add(term, 1);
      for (const correction of corrections) add(correction, 0.5 / corrections.length);
    }
    return weights;
  }

  /** "smartwatch" -> ["smart", "watch"] when both halves are known terms (a compound written as one word). */
  private split(term: string): [string, string] | undefined {
    for (let i = 3; i <= term.length - 3; i++) {
      const head = term.slice(0, i);
      const tail = term.slice(i);
      if (this.terms.has(head) && this.terms.has(tail)) return [head, tail];
    }
    return undefined;
  }

  private corrections(term: string): string[] {
    const max = term.length >= 8 ? 2 : 1;
    const found: { term: string; distance: number }[] = [];
    for (let length = term.length - max; length <= term.length + max; length++) {
      for (const candidate of this.bucket(length)) {
        const distance = editDistance(term, candidate, max);
        if (distance <= max) found.push({ term: candidate, distance });
      }
    }
    const best = Math.min(...found.map((f) => f.distance));
    const corrections = found.filter((f) => f.distance === best).map((f) => f.term);
    if (corrections.length > 0) return corrections.slice(0, 3);
    const prefixed: string[] = [];
    for (const candidate of this.terms) if (candidate.startsWith(term)) prefixed.push(candidate);
    return prefixed.sort((a, b) => a.length - b.length).slice(0, 3);
  }

  private bucket(length: number): string[] {
    if (!this.byLength) {
      this.byLength = new Map();
      for (const term of this.terms) {
        const list = this.byLength.get(term.length) ?? [];
        list.push(term);
        this.byLength.set(term.length, list);
      }
    }
    return this.byLength.get(length) ?? [];
  }
}
