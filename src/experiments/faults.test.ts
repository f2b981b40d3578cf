/**
 * The faults list (issue 20 §1): where a value leaves f64 the result names the quantity, the first
 * layer and the cause; nothing is silently replaced by 0 or left null. The sweep covers every
 * activation of the registry at σw² ∈ {2, 16, 64}, σb² ∈ {0, 64}, L = 10000 (theory only, M = 0).
 */
import { describe, expect, it } from 'vitest';
import { listActivations } from '../core/activations.ts';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { theoryBlock } from '../archs/theory.ts';
import { F64_MIN_NORMAL, faultsEntry, firstFault, theoryFaults, type Fault } from './faults.ts';
import type { TheoryBlock } from './result.ts';

describe('firstFault: the first index where a series leaves f64, and why', () => {
  it('names overflow, underflow and NaN, and leaves exact zeros that were there from the start alone', () => {
    expect(firstFault([1, 1e300, Infinity, NaN])).toEqual({ index: 2, cause: 'overflow' });
    expect(firstFault([1, 1e307, NaN])).toEqual({ index: 2, cause: 'overflow' }); // an intermediate overflowed
    expect(firstFault([1, null, 2])).toEqual({ index: 1, cause: 'nan' }); // JSON null: NaN with no overflow behind it
    expect(firstFault([1e-300, 1e-310, 0])).toEqual({ index: 1, cause: 'underflow' }); // a subnormal
    expect(firstFault([1e-300, 1e-299, 0])).toEqual({ index: 2, cause: 'underflow' }); // 0 straight from the bottom of the range
    expect(firstFault([0, 0, 0])).toBeUndefined(); // q12 = 0 of an odd φ at ρ₀ = 0: exact, not a fault
    expect(firstFault([0.3, 0, 0])).toBeUndefined(); // ReLU at ρ = −1 maps to exactly 0
    expect(firstFault([-1e308, -Infinity])).toEqual({ index: 1, cause: 'overflow' });
  });

  it('an empty list is omitted from the result, so results without faults keep their form and digest', () => {
    expect(faultsEntry([])).toEqual({});
    const f: Fault = { block: 'theory', quantity: 'q11', layer: 3, cause: 'overflow', message: 'x' };
    expect(faultsEntry([f])).toEqual({ faults: [f] });
  });
});

/**
 * The values of a profile that are not finite f64 numbers with no fault of that quantity at that
 * layer or before, and the drops to 0 (after a non-zero value) with no fault of any quantity at or
 * before that layer (ρ is 0 by convention once q has underflowed to 0). Should be empty.
 */
function unexplained(block: TheoryBlock, faults: readonly Fault[]): string[] {
  const keys = (['q11', 'q12', 'q22', 'rho', 'ntk11', 'ntk12', 'ntk22'] as const).filter((k) => block[k] !== undefined);
  const firstAny = Math.min(Infinity, ...faults.map((f) => f.layer));
  const out: string[] = [];
  for (const key of keys) {
    const values = block[key]!;
    const own = faults.find((f) => f.block === 'theory' && f.quantity === key);
    for (let i = 0; i < values.length; i++) {
      const layer = block.layers[i];
      if (!Number.isFinite(values[i]) && !(own && own.layer <= layer)) out.push(`${key} is ${values[i]} at layer ${layer} with no fault`);
      if (values[i] === 0 && i > 0 && values[i - 1] !== 0 && !(firstAny <= layer)) out.push(`${key} drops to 0 at layer ${layer} with no fault`);
    }
  }
  for (const f of faults) {
    if (!f.message.includes(`layer ${f.layer}`)) out.push(`the message of ${f.quantity} does not name layer ${f.layer}: ${f.message}`);
    if (!['overflow', 'underflow', 'nan'].includes(f.cause)) out.push(`theory fault with cause ${f.cause}`);
  }
  return out;
}

describe('theory sweep: every activation, σw² ∈ {2, 16, 64}, σb² ∈ {0, 64}, L = 10000', () => {
  // 'fast' quadrature: the sweep is about range, not the last digits (the rules are the same
  // code at a coarser step; 'exact' is checked on the quoted inputs in theory/largeQ.test.ts).
  // MLPs with the NTK at L = 10000; unscaled ResNets (α = 0, the exploding case) at L = 10000 for
  // closed forms, and at L = 300 with quadrature (every layer is a new 2-D integral there, ~1 s per
  // 1000 layers; softplus and silu overflow by layer ~200 at σw² = 64, tanh grows only linearly).
  const acts = [...listActivations().map((a) => a.id), 'leaky:-1'];
  it.each(acts)('%s: every value is finite or a fault names its layer', (act) => {
    let faulted = 0;
    const closed = listActivations().find((a) => a.id === act)?.dual !== undefined || act.startsWith('leaky');
    for (const arch of ['mlp', 'resnet'] as const) {
      for (const sw2 of [2, 16, 64]) {
        for (const sb2 of [0, 64]) {
          const L = arch === 'resnet' && !closed ? 300 : 10000;
          const spec: Spec = { ...DEFAULT_SPEC, arch, alpha: arch === 'resnet' ? 0 : 0.5, act, sw2, sb2, L, M: 0, ntk: arch === 'mlp' };
          const block = theoryBlock(spec, { precision: 'fast' });
          const faults = theoryFaults(block);
          expect(unexplained(block, faults), `${arch} ${act} sw2=${sw2} sb2=${sb2}`).toEqual([]);
          if (faults.length > 0) faulted++;
        }
      }
    }
    // The sweep reaches the edge of f64 for every activation somewhere (α = 0 ResNets explode).
    expect(faulted).toBeGreaterThan(0);
  });

  it('nothing is flagged where nothing leaves f64 (tanh, He-initialised ReLU)', () => {
    for (const act of ['tanh', 'relu']) {
      const block = theoryBlock({ ...DEFAULT_SPEC, act, sw2: 2, L: 10000, M: 0 });
      expect(theoryFaults(block)).toEqual([]);
      expect(block.q11.every(Number.isFinite)).toBe(true);
    }
  });

  it('sanity of the F64_MIN_NORMAL constant', () => {
    expect(F64_MIN_NORMAL).toBe(2 ** -1022);
  });
});
