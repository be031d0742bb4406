/** A chain head as this process last saw it. */
export interface KnownHead {
  id: number;
  seq: number;
  hash: string;
}

/**
 * What this process last wrote to each ledger chain's head, so an append can skip locking and reading the head: it
 * writes its entries on the guess and moves the head only if the head still is what was guessed (docs/decisions/0300).
 * A wrong guess (another process appended, or the transaction that wrote it rolled back) costs the locked path.
 */
export function headCache() {
  const heads = new Map<number, KnownHead>();
  const busy = new Set<number>();
  /** Chains whose guess went stale, most likely because another process appends to them: the locked path tries others first. */
  const contended = new Set<number>();
  let turn = 0;
  return {
    /** A known chain no append of this process is writing to right now, in rotation; marks it busy. */
    take(): KnownHead | undefined {
      const free = [...heads.keys()].filter((c) => !busy.has(c)).sort((a, b) => a - b);
      if (free.length === 0) return undefined;
      const chain = free[turn++ % free.length]!;
      busy.add(chain);
      return heads.get(chain);
    },
    /**
     * Ends a `take`: `head` is the chain's new head, or undefined when the guess was wrong. With `held` (settles when
     * the appending transaction ends) the chain is not guessed again before then: until it commits, the head it
     * wrote is not visible to other transactions, so a guess on it would miss.
     */
    settle(chain: number, head: KnownHead | undefined, held?: Promise<unknown>): void {
      if (head && held) void held.finally(() => busy.delete(chain));
      else busy.delete(chain);
      if (head) {
        heads.set(chain, head);
        return;
      }
      heads.delete(chain);
      if (contended.size >= 8) contended.clear();
      contended.add(chain);
    },
    /**
     * Chains the locked path should try last: those whose guess went stale, and those an append of this process is
     * guessing on or holds uncommitted (locking one of those would make that guess stale and its write run again).
     */
    avoid: (): number[] => [...new Set([...contended, ...busy])],
    /** Remembers a head written on the locked path (unless an append of this process is writing that chain now). */
    remember(head: KnownHead, held?: Promise<unknown>): void {
      contended.delete(head.id);
      if (busy.has(head.id)) return;
      heads.set(head.id, head);
      if (held) {
        busy.add(head.id);
        void held.finally(() => busy.delete(head.id));
      }
    },
  };
}
