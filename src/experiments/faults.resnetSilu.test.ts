/**
 * Issue 20's theory sweep for ResNets with the silu quadrature dual: α ∈ {0, 1/2, 1}, σw² ∈ {2, 16,
 * 64}, σb² ∈ {0, 64}, L = 10000 — every value finite or a fault naming its layer
 * (test/experiments/faultsSweep.ts). One file per quadrature activation: unlike an MLP, whose profile
 * reaches a fixed point in floating point and then reuses its last dual-kernel values (nngp.ts,
 * EntrywiseDual), a ResNet adds L^{−2α}(σw² F(K) + σb²) at every layer and never repeats K, so
 * each of its 10⁴ layers is a new 2-D integral, and the sinh rule needs more nodes as K grows
 * (silu, α = 1/2, σw² = σb² = 64: 360 φ evaluations per integral at K ≈ 1, 27 560 at K ≈ 2e14) —
 * about 3–13 s of CPU per activation here.
 */
import { describe, expect, it } from 'vitest';
import { runSweep, SWEEP_ALPHAS, SWEEP_L, sweepCases } from '../../test/experiments/faultsSweep.ts';

const ACT: string = 'silu';

describe('theory sweep, resnet with silu (quadrature), L = 10000', () => {
  it.each(SWEEP_ALPHAS.map((a) => [a]))('α = %s: every value is finite or a fault names its layer', (alpha) => {
    const { problems, faulted, layers } = runSweep(sweepCases('resnet', ACT, { alpha }));
    expect(problems).toEqual([]);
    expect(layers).toBe(6 * (SWEEP_L + 1)); // layers 0..L
    // The unscaled ResNet (α = 0) leaves f64 at σw² = 64 for φ that grow linearly (silu, softplus); tanh is bounded.
    if (alpha === 0 && ACT !== 'tanh') expect(faulted).toBeGreaterThan(0);
  });
});
