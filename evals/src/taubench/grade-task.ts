import { firstDifference } from '@agentic-commerce/oms/replay/first-difference';

type Records = Record<string, Record<string, unknown>>;
export interface TauStateLike {
  users: Records;
  orders: Records;
  products: Records;
}

export interface GoldEntry {
  changed_records: { users?: Records | undefined; orders?: Records | undefined; products?: Records | undefined };
}

/**
 * τ-bench's reward for one episode: the final database must equal the gold one (initial data with the gold's
 * changed records overlaid), and every required output must appear in some agent reply (lower-cased, commas
 * removed, as the benchmark checks). Returns the first reason it failed, or undefined.
 */
export function gradeTauTask(initial: TauStateLike, final: TauStateLike, gold: GoldEntry, outputs: readonly string[], replies: readonly string[]): string | undefined {
  for (const kind of ['users', 'orders', 'products'] as const) {
    const expected = { ...initial[kind], ...(gold.changed_records[kind] ?? {}) };
    const ids = new Set([...Object.keys(expected), ...Object.keys(final[kind])]);
    for (const id of ids) {
      const diff = firstDifference(expected[id], final[kind][id], `${kind}["${id}"]`);
      if (diff) return `final state differs: ${diff}`;
    }
  }
  const said = replies.join('\n').toLowerCase().replace(/,/g, '');
  for (const output of outputs) {
    if (!said.includes(output.toLowerCase().replace(/,/g, ''))) return `no agent reply states the required output "${output}"`;
  }
  return undefined;
}
