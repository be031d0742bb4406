/**
 * A light English suffix stripper (in the spirit of Porter's step 1 and Harman's S-stemmer). Intent classification
 * only needs "returning / returned / returns / return" to meet, not linguistic roots, and a light stemmer keeps words
 * readable in tests and debug output. Words of four letters or fewer are left alone.
 */
const irregular: Record<string, string> = {
  bought: 'buy',
  sent: 'send',
  gave: 'give',
  got: 'get',
  gotten: 'get',
  made: 'make',
  paid: 'pay',
  wrong: 'wrong',
  was: 'be',
  were: 'be',
  is: 'be',
  are: 'be',
  am: 'be',
  children: 'child',
};

export function stem(word: string): string {
  const known = irregular[word];
  if (known) return known;
  if (word.length <= 4 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 5) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('es') && /(ch|sh|x|z|ss)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('ment') && w.length > 7) w = w.slice(0, -4);
  if (w.endsWith('ation') && w.length > 7) w = `${w.slice(0, -5)}e`;
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  const last = w.at(-1);
  if (last && w.length > 3 && last === w.at(-2) && !'sz'.includes(last)) return w.slice(0, -1);
  return w;
}
