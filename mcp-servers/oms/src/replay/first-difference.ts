/**
 * The first place two JSON values differ, as a path and both sides, or undefined when they are equal.
 * Structural: object key order does not matter, array order does; numbers compare by value.
 */
export function firstDifference(expected: unknown, actual: unknown, path = ''): string | undefined {
  if (Object.is(expected, actual) || (typeof expected === 'number' && typeof actual === 'number' && expected === actual)) return undefined;
  const show = (v: unknown) => (v === undefined ? 'missing' : JSON.stringify(v).slice(0, 160));
  const here = path || '(root)';
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      const diff = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (diff) return diff;
    }
    return undefined;
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    for (const key of keys) {
      const diff = firstDifference(expected[key], actual[key], path ? `${path}.${key}` : key);
      if (diff) return diff;
    }
    return undefined;
  }
  return `${here}: expected ${show(expected)}, got ${show(actual)}`;
}
