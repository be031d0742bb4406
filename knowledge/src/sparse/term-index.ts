/**
 * Sparse-vector dimension of a term: 32-bit FNV-1a of its UTF-8 bytes. Both stores (and Qdrant) see only these
 * numbers; the vocabulary that maps back to terms lives in the lexicon.
 */
export function termIndex(term: string): number {
  let hash = 0x811c9dc5;
  const bytes = Buffer.from(term, 'utf8');
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
