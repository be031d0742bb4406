import { analyze, isStopword, stem, tokenize } from '../text/analyzer.ts';
import type { SparseVector } from '../store/vector-store.ts';
import { documentLength, encodeDocument, encodeQuery, type WeightedField } from './bm25.ts';
import { Lexicon } from './lexicon.ts';

export interface TextField {
  text: string;
  weight: number;
}

/** Analyses weighted text fields into BM25 sparse vectors and queries into (typo-tolerant) query vectors. */
export class SparseEncoder {
  constructor(readonly lexicon: Lexicon) {}

  /** Builds an encoder whose average document length is measured on `documents` (a full ingest). */
  static fitted(documents: readonly (readonly TextField[])[]): { encoder: SparseEncoder; vectors: SparseVector[] } {
    // Catalog text repeats a lot (a product's name and category on every variant, option values across products).
    const cache = new Map<string, string[]>();
    const analyzeCached = (text: string) => {
      let terms = cache.get(text);
      if (!terms) cache.set(text, (terms = analyze(text)));
      return terms;
    };
    const analysed = documents.map((fields) => fields.map((f) => ({ terms: analyzeCached(f.text), weight: f.weight })));
    const total = analysed.reduce((sum, fields) => sum + documentLength(fields), 0);
    const lexicon = new Lexicon(analysed.length > 0 ? total / analysed.length : 1);
    for (const fields of analysed) for (const field of fields) lexicon.add(field.terms);
    return { encoder: new SparseEncoder(lexicon), vectors: analysed.map((fields) => encodeDocument(fields, lexicon.averageLength)) };
  }

  /** Encodes a document; its terms join the vocabulary (incremental updates keep the fitted average length). */
  document(fields: readonly TextField[]): SparseVector {
    const analysed = analyzeFields(fields);
    for (const field of analysed) this.lexicon.add(field.terms);
    return encodeDocument(analysed, this.lexicon.averageLength);
  }

  /**
   * The query vector, or undefined when the text has no index terms. Two adjacent words that the index knows as
   * one ("head phones", "tooth brush") are joined first; the rest goes through the lexicon's typo tolerance.
   */
  query(text: string): SparseVector | undefined {
    const words = tokenize(text).filter((w) => !isStopword(w));
    const terms: string[] = [];
    const joined: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const pair = i + 1 < words.length ? stem(`${words[i]}${words[i + 1]}`) : undefined;
      if (pair && this.lexicon.has(pair)) {
        joined.push(pair);
        i++;
      } else terms.push(stem(words[i] as string));
    }
    if (terms.length === 0 && joined.length === 0) return undefined;
    const weights = this.lexicon.expand(terms);
    for (const term of joined) weights.set(term, 1);
    return encodeQuery(weights);
  }
}

function analyzeFields(fields: readonly TextField[]): WeightedField[] {
  return fields.map((f) => ({ terms: analyze(f.text), weight: f.weight }));
}
