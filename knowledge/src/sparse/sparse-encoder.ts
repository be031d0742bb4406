import { analyze } from '../text/analyzer.ts';
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
  static fitted(documents: readonly (readonly TextField[])[]): SparseEncoder {
    const analysed = documents.map(analyzeFields);
    const total = analysed.reduce((sum, fields) => sum + documentLength(fields), 0);
    const lexicon = new Lexicon(analysed.length > 0 ? total / analysed.length : 1);
    for (const fields of analysed) for (const field of fields) lexicon.add(field.terms);
    return new SparseEncoder(lexicon);
  }

  /** Encodes a document; its terms join the vocabulary (incremental updates keep the fitted average length). */
  document(fields: readonly TextField[]): SparseVector {
    const analysed = analyzeFields(fields);
    for (const field of analysed) this.lexicon.add(field.terms);
    return encodeDocument(analysed, this.lexicon.averageLength);
  }

  /** The query vector, or undefined when the text has no index terms. */
  query(text: string): SparseVector | undefined {
    const terms = analyze(text);
    if (terms.length === 0) return undefined;
    return encodeQuery(this.lexicon.expand(terms));
  }
}

function analyzeFields(fields: readonly TextField[]): WeightedField[] {
  return fields.map((f) => ({ terms: analyze(f.text), weight: f.weight }));
}
