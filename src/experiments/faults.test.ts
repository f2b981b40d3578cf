/**
 * The faults list (issue 20 §1): where a value leaves f64 the result names the quantity, the first
 * layer and the cause; nothing is silently replaced by 0 or left null. The sweep covers every
 * activation of the registry at σw² ∈ {2, 16, 64}, σb² ∈ {0, 64}, L = 10000 (theory only, M = 0)
 * for every architecture with a theory (test/experiments/faultsSweep.ts).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC } from '../core/spec.ts';
import { theoryBlock } from '../archs/theory.ts';
import { F64_MIN_NORMAL, faultsEntry, firstFault, theoryFaults, type Fault } from './faults.ts';
import { quadratureActivations, runSweep, SWEEP_ALPHAS, SWEEP_L, sweepActivations, sweepCases } from '../../test/experiments/faultsSweep.ts';

/** The activations of faults.resnet<Act>.test.ts. */
const RESNET_QUADRATURE_FILES = ['tanh', 'silu', 'softplus'];

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

describe('theory sweep: every activation, σw² ∈ {2, 16, 64}, σb² ∈ {0, 64}, L = 10000', () => {
  // MLPs with the NTK, ResNets with closed-form duals at α ∈ {0, 1/2, 1} and the shaped MLP here;
  // ResNets with a quadrature dual in faults.resnet*.test.ts, one file per activation (every one
  // of their 10⁴ layers is a new 2-D integral: see there).
  it.each(sweepActivations())('mlp (with NTK) %s: every value is finite or a fault names its layer', (act) => {
    const { problems, faulted, layers } = runSweep(sweepCases('mlp', act));
    expect(problems).toEqual([]);
    expect(layers).toBe(6 * SWEEP_L);
    // Every φ reaches the edge of f64 somewhere: q for φ that grow at least linearly, the NTK
    // (which grows like χ₁^l in the chaotic phase) for bounded φ (tanh, erf, sin) at σw² = 64.
    expect(faulted).toBeGreaterThan(0);
  });

  const closedForm = sweepActivations().filter((a) => !quadratureActivations().includes(a));
  it.each(closedForm)('resnet α ∈ {0, 1/2, 1} %s: every value is finite or a fault names its layer', (act) => {
    let faulted = 0;
    for (const alpha of SWEEP_ALPHAS) {
      const r = runSweep(sweepCases('resnet', act, { alpha }));
      expect(r.problems).toEqual([]);
      expect(r.layers).toBe(6 * (SWEEP_L + 1)); // layers 0..L
      faulted += r.faulted;
    }
    // The unscaled ResNet (α = 0) explodes for every φ but the bounded ones.
    if (!['tanh', 'erf', 'sin'].includes(act)) expect(faulted).toBeGreaterThan(0);
  });

  it('the ResNet files cover every quadrature activation (a new one must be added there)', () => {
    expect([...RESNET_QUADRATURE_FILES].sort()).toEqual(quadratureActivations().sort());
  });

  it('shaped MLP (φ_s piecewise linear, act unused) at c± = (0, −1) and (20, −20) with n = 4: finite or a fault', () => {
    const cases = [
      ...sweepCases('shaped', 'relu', { cp: 0, cm: -1 }),
      ...sweepCases('shaped', 'relu', { cp: 20, cm: -20, n: 4 }),
    ];
    const { problems, layers } = runSweep(cases);
    expect(problems).toEqual([]);
    expect(layers).toBe(12 * SWEEP_L);
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
