/** Reads a slash-separated path ("oms/orders/#W1234567/items/0/price") from a nested snapshot. */
export function readPath(root: unknown, path: string): { found: boolean; value: unknown } {
  let current: unknown = root;
  for (const segment of path.split('/')) {
    if (current === null || typeof current !== 'object') return { found: false, value: undefined };
    const record = current as Record<string, unknown>;
    if (!(segment in record)) return { found: false, value: undefined };
    current = record[segment];
  }
  return { found: true, value: current };
}

/** Structural equality; numbers compare by value (1 and 1.0, and float noise below a micro-cent). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-6;
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return deepEqual(ka, kb) && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

/** Lists the paths where two snapshots differ (for the report's state diff), capped at `limit`. */
export function diffPaths(before: unknown, after: unknown, prefix = '', limit = 200, out: { path: string; before: unknown; after: unknown }[] = []) {
  if (out.length >= limit) return out;
  const bothObjects = before && after && typeof before === 'object' && typeof after === 'object';
  if (!bothObjects || Array.isArray(before) !== Array.isArray(after)) {
    if (!deepEqual(before, after)) out.push({ path: prefix || '/', before, after });
    return out;
  }
  const keys = new Set([...Object.keys(before as object), ...Object.keys(after as object)]);
  for (const key of [...keys].sort()) {
    diffPaths((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], prefix ? `${prefix}/${key}` : key, limit, out);
  }
  return out;
}
