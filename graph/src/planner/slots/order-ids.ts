/**
 * Order ids in the forms customers type them: "#W1234567", "W1234567", "w 1234567", "order 1234567",
 * "order number 1234567". Returns canonical "#W" ids in order of appearance, without duplicates.
 */
const patterns = [/#?\s?\bw\s?(\d{7})\b/gi, /\border\s*(?:number|no\.?|num|id|#)?\s*[:#]?\s*(\d{7})\b/gi];

export function extractOrderIds(text: string): string[] {
  const found: { index: number; id: string }[] = [];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) found.push({ index: match.index ?? 0, id: `#W${match[1]}` });
  }
  found.sort((a, b) => a.index - b.index);
  return [...new Set(found.map((f) => f.id))];
}
