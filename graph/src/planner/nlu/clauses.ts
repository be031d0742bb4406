/**
 * Splits a customer message into clauses at sentence ends and coordinating words ("and", "also", "plus", "then",
 * "but also"), and after an opening greeting ("Hi, where is my order?"), so that "return the lamp and change my address"
 * yields two clauses each with one intent. Keeps the
 * character offsets so slot extractors can work on the original text of each clause.
 */
export interface Clause {
  text: string;
  start: number;
}

const boundary = /^\s*(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening))(?: there)?\s*[,!]+\s*(?=\S)|[.!?;\n]+(?:\s|$)|,\s*but\s+|,\s*(?=(?:and |also |then |plus )?(?:i |please |can |could |would |also |then |and |cancel|return|exchange|change|modify|update|track|book))|\s+(?:and also|and then|also|plus|and|then)\s+(?=(?:i |please |can |could |would |cancel|return|exchange|change|modify|update|track|book|switch|send|ship|use|pay|charge|redeem|where|what|when|how|my |tell))/gi;

export function splitClauses(text: string): Clause[] {
  const clauses: Clause[] = [];
  let last = 0;
  for (const match of text.matchAll(boundary)) {
    const index = match.index ?? 0;
    pushClause(clauses, text, last, index);
    last = index + match[0].length;
  }
  pushClause(clauses, text, last, text.length);
  return clauses;
}

function pushClause(clauses: Clause[], text: string, start: number, end: number): void {
  const raw = text.slice(start, end);
  const trimmedStart = raw.length - raw.trimStart().length;
  const piece = raw.trim();
  if (piece.length > 0) clauses.push({ text: piece, start: start + trimmedStart });
}
