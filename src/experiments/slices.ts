/**
 * The one slicing + merging primitive behind every core (the worker pool, issue 19 §2) and sharded
 * sweeps (issue 19 §4). Networks are independent and their randomness is keyed by the network index
 * (DESIGN.md §4), so a batch of M networks can be cut into contiguous ranges, the ranges computed
 * anywhere (another thread, another machine) and the per-network kernels put back in network order:
 * the accumulator then holds exactly the numbers one thread would have produced, and every
 * statistic (sums, sorts, quantiles) is computed from them exactly as in one thread.
 */
import type { KernelBlock } from '../backends/types.ts';

export interface NetRange {
  readonly start: number;
  readonly count: number;
}

/**
 * Range `index` of `parts` contiguous ranges covering [0, total): sizes differ by at most one, the
 * larger ones first (range i starts at i·⌊total/parts⌋ + min(i, total mod parts)). Depends only on
 * (total, parts, index), so every process computes the same cut.
 */
export function sliceRange(total: number, parts: number, index: number): NetRange {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`total must be an integer ≥ 0, got ${total}`);
  if (!Number.isInteger(parts) || parts < 1) throw new RangeError(`parts must be an integer ≥ 1, got ${parts}`);
  if (!Number.isInteger(index) || index < 0 || index >= parts) throw new RangeError(`index must be an integer in [0, ${parts - 1}], got ${index}`);
  const base = Math.floor(total / parts);
  const extra = total % parts;
  return { start: index * base + Math.min(index, extra), count: base + (index < extra ? 1 : 0) };
}

/** Consecutive ranges of at most `size` networks covering [start, start + count), in order. */
export function chunkRanges(start: number, count: number, size: number): NetRange[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be an integer ≥ 1, got ${size}`);
  const out: NetRange[] = [];
  for (let s = start; s < start + count; s += size) out.push({ start: s, count: Math.min(size, start + count - s) });
  return out;
}

/**
 * Puts blocks of networks back in network order. Blocks may arrive in any order (workers finish
 * when they finish, shard files are read in any order); each is handed to `sink` as soon as every
 * network before it has been, so the sink sees [from, from + total) exactly once, in order.
 * Overlapping or out-of-range blocks are refused (a duplicated shard would otherwise count twice).
 */
export class InOrder<B extends { readonly netStart: number; readonly netCount: number }> {
  private readonly waiting = new Map<number, B>();
  private next: number;
  private received = 0;

  constructor(
    readonly from: number,
    readonly total: number,
    private readonly sink: (block: B) => void,
  ) {
    this.next = from;
  }

  /** Networks received so far (handed on or waiting). */
  get count(): number {
    return this.received;
  }

  get complete(): boolean {
    return this.next === this.from + this.total;
  }

  put(block: B): void {
    const { netStart: s, netCount: c } = block;
    const end = this.from + this.total;
    if (s < this.from || s + c > end) throw new RangeError(`networks [${s}, ${s + c}) lie outside [${this.from}, ${end})`);
    if (s < this.next || this.overlapsWaiting(s, c)) throw new RangeError(`networks [${s}, ${s + c}) arrived twice`);
    this.received += c;
    if (c === 0) return;
    this.waiting.set(s, block);
    for (let b = this.waiting.get(this.next); b !== undefined; b = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.next += b.netCount;
      this.sink(b);
    }
  }

  /** The ranges not received yet (to name what is missing). */
  missing(): NetRange[] {
    const out: NetRange[] = [];
    let at = this.next;
    for (const s of [...this.waiting.keys()].sort((a, b) => a - b)) {
      if (s > at) out.push({ start: at, count: s - at });
      at = s + this.waiting.get(s)!.netCount;
    }
    if (at < this.from + this.total) out.push({ start: at, count: this.from + this.total - at });
    return out;
  }

  private overlapsWaiting(s: number, c: number): boolean {
    for (const [ws, b] of this.waiting) if (s < ws + b.netCount && ws < s + c) return true;
    return false;
  }
}

/** One block of networks [netStart, netStart + netCount) from contiguous blocks given in order. */
export function concatBlocks(netStart: number, k: number, recordLayers: readonly number[], blocks: readonly KernelBlock[], withPhi: boolean): KernelBlock {
  let netCount = 0;
  let size = 0;
  for (const b of blocks) {
    if (b.netStart !== netStart + netCount) throw new RangeError(`block starts at network ${b.netStart}, expected ${netStart + netCount}`);
    netCount += b.netCount;
    size += b.z.length;
  }
  const z = new Float64Array(size);
  const phi = withPhi ? new Float64Array(size) : undefined;
  let at = 0;
  for (const b of blocks) {
    z.set(b.z, at);
    if (phi) {
      if (!b.phi) throw new Error('a block lacks the post-activation kernels that were asked for');
      phi.set(b.phi, at);
    }
    at += b.z.length;
  }
  return { netStart, netCount, k, recordLayers, z, phi };
}

/** Networks [netStart, netStart + netCount) with every kernel 0 (placeholders for another shard's networks). */
export function zeroBlock(netStart: number, netCount: number, k: number, recordLayers: readonly number[], withPhi: boolean): KernelBlock {
  const size = (netCount * recordLayers.length * k * (k + 1)) / 2;
  return { netStart, netCount, k, recordLayers, z: new Float64Array(size), phi: withPhi ? new Float64Array(size) : undefined };
}
