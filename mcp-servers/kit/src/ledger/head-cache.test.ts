import { describe, expect, it } from 'vitest';
import { headCache } from './head-cache.ts';

const head = (id: number, seq = 1) => ({ id, seq, hash: String(id).repeat(64).slice(0, 64) });

describe('ledger head cache', () => {
  it('tells the locked path to try last the chains this process is guessing on or holds uncommitted, and those that went stale', async () => {
    const cache = headCache();
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    cache.remember(head(1));
    cache.remember(head(2));
    expect(cache.avoid()).toEqual([]);
    const guess = cache.take()!; // a guess in flight: its statement may not have reached the database yet
    expect(cache.avoid()).toEqual([guess.id]);
    cache.settle(guess.id, head(guess.id, 2), held); // written, not yet committed
    expect(cache.avoid()).toEqual([guess.id]);
    commit();
    await held;
    await Promise.resolve();
    expect(cache.avoid()).toEqual([]);
    const other = cache.take()!;
    cache.settle(other.id, undefined); // the guess was stale: another process appends there
    expect(cache.avoid()).toEqual([other.id]);
    cache.remember(head(other.id, 9)); // locked and appended to it since
    expect(cache.avoid()).toEqual([]);
  });
});
