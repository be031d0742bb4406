import { describe, expect, it } from 'vitest';
import { argumentsHash, canonicalJson } from './canonical-json.ts';

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined members, writes undefined array slots as null', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, undefined, { z: 1, y: 'é' }], c: undefined }, 'a b': null })).toBe(
      '{"a":{"d":[3,null,{"y":"é","z":1}]},"a b":null,"b":1}',
    );
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson({ only: undefined })).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson(new Date('2026-11-28T00:00:00Z'))).toBe('"2026-11-28T00:00:00.000Z"');
    expect(canonicalJson('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
    expect(canonicalJson(10n)).toBe('10');
  });

  it('orders keys by UTF-16 code units, as JSON.stringify of a sorted copy would', () => {
    const value = { Z: 1, a: 2, _: 3, '10': 4, '9': 5, é: 6, B: [{ y: 1, x: 2 }] };
    const sortedCopy = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sortedCopy) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedCopy((v as Record<string, unknown>)[k])])) : v;
    // JSON.stringify puts integer-like keys first whatever the insertion order; compare member by member instead.
    const members = (text: string) => Object.keys(JSON.parse(text) as object);
    expect(members(canonicalJson(value))).toEqual(Object.keys(sortedCopy(value) as object));
    expect(canonicalJson(value)).toBe('{"10":4,"9":5,"B":[{"x":2,"y":1}],"Z":1,"_":3,"a":2,"é":6}');
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ amount: Number.NaN })).toThrow('canonical JSON cannot encode the number NaN');
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(/Infinity/);
  });

  it('hashes equal arguments equally whatever their key order', () => {
    expect(argumentsHash('oms', 'cancel', { order_id: '#W1', reason: 'x' })).toBe(argumentsHash('oms', 'cancel', { reason: 'x', order_id: '#W1' }));
    expect(argumentsHash('oms', 'cancel', { order_id: '#W1' })).not.toBe(argumentsHash('oms', 'cancel', { order_id: '#W2' }));
  });
});
