import { describe, expect, it } from 'vitest';
import { chunkRanges, concatBlocks, InOrder, sliceRange, zeroBlock } from './slices.ts';

describe('sliceRange', () => {
  it('cuts [0, total) into contiguous ranges whose sizes differ by at most one, for every (total, parts)', () => {
    for (let total = 0; total <= 40; total++) {
      for (let parts = 1; parts <= 9; parts++) {
        let at = 0;
        const sizes: number[] = [];
        for (let i = 0; i < parts; i++) {
          const r = sliceRange(total, parts, i);
          expect(r.start).toBe(at);
          at += r.count;
          sizes.push(r.count);
        }
        expect(at).toBe(total);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('refuses an index outside [0, parts) or a non-integer total, naming the value', () => {
    expect(() => sliceRange(10, 4, 4)).toThrow(/index must be an integer in \[0, 3\], got 4/);
    expect(() => sliceRange(10, 0, 0)).toThrow(/parts must be an integer ≥ 1, got 0/);
    expect(() => sliceRange(2.5, 2, 0)).toThrow(/total must be an integer ≥ 0, got 2.5/);
  });

  it('chunkRanges covers [start, start + count) with chunks of at most size', () => {
    expect(chunkRanges(3, 10, 4)).toEqual([
      { start: 3, count: 4 },
      { start: 7, count: 4 },
      { start: 11, count: 2 },
    ]);
    expect(chunkRanges(0, 0, 4)).toEqual([]);
  });
});

const block = (netStart: number, netCount: number) => ({ netStart, netCount, tag: `${netStart}+${netCount}` });

describe('InOrder', () => {
  it('hands blocks that arrive in any order to the sink in network order', () => {
    const seen: string[] = [];
    const order = new InOrder(10, 9, (b: ReturnType<typeof block>) => seen.push(b.tag));
    order.put(block(16, 3));
    order.put(block(13, 3));
    expect(seen).toEqual([]);
    expect(order.missing()).toEqual([{ start: 10, count: 3 }]);
    expect(order.count).toBe(6);
    order.put(block(10, 3));
    expect(seen).toEqual(['10+3', '13+3', '16+3']);
    expect(order.complete).toBe(true);
    expect(order.missing()).toEqual([]);
  });

  it('refuses a block twice (a duplicated shard) and a block out of range, and names what is missing', () => {
    const order = new InOrder(0, 10, () => {});
    order.put(block(0, 4));
    expect(() => order.put(block(2, 2))).toThrow(/networks \[2, 4\) arrived twice/);
    order.put(block(6, 2));
    expect(() => order.put(block(7, 2))).toThrow(/arrived twice/);
    expect(() => order.put(block(9, 2))).toThrow(/networks \[9, 11\) lie outside \[0, 10\)/);
    expect(order.missing()).toEqual([
      { start: 4, count: 2 },
      { start: 8, count: 2 },
    ]);
    expect(order.complete).toBe(false);
  });
});

describe('concatBlocks', () => {
  it('joins contiguous kernel blocks in order and refuses a gap', () => {
    const layers = [1, 2];
    const a = { ...zeroBlock(4, 1, 2, layers, true) };
    a.z.set([1, 2, 3, 4, 5, 6]);
    a.phi!.set([7, 8, 9, 10, 11, 12]);
    const b = zeroBlock(5, 2, 2, layers, true);
    b.z.fill(-1);
    const joined = concatBlocks(4, 2, layers, [a, b], true);
    expect(joined.netStart).toBe(4);
    expect(joined.netCount).toBe(3);
    expect([...joined.z]).toEqual([1, 2, 3, 4, 5, 6, ...new Array(12).fill(-1)]);
    expect([...joined.phi!.slice(0, 6)]).toEqual([7, 8, 9, 10, 11, 12]);
    expect(() => concatBlocks(4, 2, layers, [b], false)).toThrow(/block starts at network 5, expected 4/);
  });
});
