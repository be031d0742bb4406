import { describe, expect, it } from 'vitest';
import { createPrng, hashSeed } from './prng.ts';

describe('prng', () => {
  it('replays the same sequence from the same seed and a different one from another seed', () => {
    const draw = (seed: number) => {
      const prng = createPrng(seed);
      return Array.from({ length: 5 }, () => prng.next());
    };
    const a = createPrng(42);
    const b = createPrng(42);
    const first = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(first);
    expect(draw(43)).not.toEqual(first.slice(0, 5));
  });

  it('forks independent streams that do not depend on how far the parent has advanced', () => {
    const fresh = createPrng(7).fork('order', 3);
    const advanced = createPrng(7);
    for (let i = 0; i < 100; i++) advanced.next();
    expect(advanced.fork('order', 3).int(0, 1_000_000)).toBe(fresh.int(0, 1_000_000));
    expect(createPrng(7).fork('order', 4).next()).not.toBe(createPrng(7).fork('order', 3).next());
  });

  it('keeps int() within bounds and covers them, and rejects inverted bounds', () => {
    const prng = createPrng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(prng.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(() => prng.int(5, 4)).toThrow(/min <= max/);
  });

  it('draws weighted keys in proportion to their weights', () => {
    const prng = createPrng(9);
    const counts = { common: 0, rare: 0 };
    for (let i = 0; i < 10_000; i++) counts[prng.weighted({ common: 9, rare: 1 })]++;
    expect(counts.rare / 10_000).toBeGreaterThan(0.08);
    expect(counts.rare / 10_000).toBeLessThan(0.12);
  });

  it('samples distinct elements', () => {
    const picked = createPrng(5).sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(picked).size).toBe(4);
    expect(createPrng(5).sample([1, 2], 5)).toHaveLength(2);
  });

  it('hashes text to well-spread 32-bit seeds', () => {
    expect(hashSeed('a')).not.toBe(hashSeed('b'));
    expect(hashSeed('a', 1)).toBe(hashSeed('a', 1));
    expect(hashSeed('x')).toBeLessThan(2 ** 32);
  });
});
