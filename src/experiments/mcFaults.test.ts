/**
 * Monte Carlo faults (issue 20 §1, §3): ρ̂ of networks whose q̂ is beyond 1.3e154 (the product
 * q̂11·q̂22 overflowed, ρ̂ read 0), q̂ beyond f64 (overflow, named), every network dead (named, and
 * told apart from an underflow of the float format), and the SDE view when every network died
 * (a fault, not a crash).
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import type { KernelBlock } from '../backends/types.ts';
import { decodeSpec } from '../url/codec.ts';
import { empiricalCorrelation, F64_RHO_ROUNDOFF, McAccumulator } from './mcAccumulator.ts';
import { runSpec } from './runSpec.ts';

const cpu = createCpuBackend();

function run(query: string) {
  const { spec, issues } = decodeSpec(query);
  expect(issues).toEqual([]);
  return runSpec(spec, { backend: cpu });
}

/** A block of k = 2 kernels: q[net][layer] = [q11, q12, q22]. */
function block(q: number[][][], extra: Partial<KernelBlock> = {}): KernelBlock {
  return { netStart: 0, netCount: q.length, k: 2, recordLayers: q[0].map((_, i) => i + 1), z: Float64Array.from(q.flat(2)), ...extra };
}

describe('ρ̂ and q̂ at the edge of f64 (CPU)', () => {
  it('act=relu&sw2=64&L=300&M=20&n=16: ρ̂ is computed wherever q̂ is finite, and the overflow of q̂ is a named fault', async () => {
    const r = await run('act=relu&sw2=64&L=300&M=20&n=16&backend=cpu');
    const mc = r.mc!;
    const overflow = r.faults!.find((f) => f.block === 'mc' && f.quantity === 'q11');
    expect(overflow).toMatchObject({ cause: 'overflow' });
    // q̂ ≈ 32^ℓ: beyond 1.3e154 from layer ~103 and beyond f64 from ~205 (finite-width spread).
    expect(overflow!.layer).toBeGreaterThan(180);
    expect(overflow!.message).toMatch(/q̂ of \d+ of 20 networks overflows f64 at layer \d+/);
    // Once every network has overflowed, ρ̂ is undefined: said so, with the cause (not "dead").
    expect(r.faults!.find((f) => f.block === 'mc' && f.quantity === 'rho')).toMatchObject({ cause: 'overflow' });
    for (let i = 0; i < mc.layers.length; i++) {
      const layer = mc.layers[i];
      if (layer >= overflow!.layer) break;
      // The median ρ̂ tracks the limit (0.997 there) instead of dropping to 0 at q̂ ≈ 1.3e154.
      if (layer >= 100) expect(mc.rho.p50[i], `median ρ̂ at layer ${layer}`).toBeGreaterThan(0.9);
      expect(mc.rho.p95[i]).toBeLessThanOrEqual(1);
    }
    expect(r.faults!.find((f) => f.block === 'theory' && f.quantity === 'q11')).toMatchObject({ layer: 205, cause: 'overflow' });
    // The networks that overflowed are not counted as q̂ = 0 (the CPU reports them as zero networks):
    // no quantile of q̂ is ever 0 here, they are taken over the networks still live or undefined.
    for (const p of [mc.q11.p05, mc.q11.p50]) expect(p.filter((x) => x === 0)).toEqual([]);
    expect(mc.live[mc.live.length - 1]).toBe(0);
  });

  it('act=softplus&sw2=64&sb2=64 (gram): a network whose G overflowed stays ended, it is not revived at q̂ ≈ σb² (linalg.ts)', async () => {
    const r = await run('act=softplus&sw2=64&sb2=64&L=400&M=4&n=16&backend=cpu');
    const mc = r.mc!;
    // Once gone, never back: the live count only falls, and no q̂ statistic is 0 or a revived ~100.
    for (let i = 1; i < mc.live.length; i++) expect(mc.live[i]).toBeLessThanOrEqual(mc.live[i - 1]);
    expect(mc.live[mc.live.length - 1]).toBe(0);
    for (let i = 0; i < mc.layers.length; i++) if (mc.layers[i] > 100 && Number.isFinite(mc.q11.p05[i])) expect(mc.q11.p05[i]).toBeGreaterThan(1e100);
    expect(r.faults!.filter((f) => f.block === 'mc').map((f) => [f.quantity, f.cause])).toEqual([['q11', 'overflow'], ['rho', 'overflow']]);
  });

  it('a ρ̂ beyond ±1 is clamped only within the rounding bound of its block', () => {
    const q = 1e200; // √q·√q, not √(q·q), which overflows
    expect(empiricalCorrelation(q, q * (1 + 1e-15), q, F64_RHO_ROUNDOFF)).toBe(1);
    expect(empiricalCorrelation(q, -q * (1 + 1e-15), q, F64_RHO_ROUNDOFF)).toBe(-1);
    expect(empiricalCorrelation(1, 1 + 1e-6, 1, F64_RHO_ROUNDOFF)).toBeCloseTo(1 + 1e-6, 12); // beyond it: kept, a bug to see
    expect(empiricalCorrelation(1, 1 + 1e-6, 1, 18 * 2 ** -24)).toBe(1); // f32, n = 16: (n + 2)·2^−24 = 1.1e−6
    expect(empiricalCorrelation(4e300, 2e300, 4e300, F64_RHO_ROUNDOFF)).toBeCloseTo(0.5, 15);
  });
});

describe('every network dead: a fault naming the layer, and why', () => {
  it('f64 networks whose q̂ jumps from 0.5 to 0 are dead (ReLU: every unit off), not an underflow', () => {
    const acc = new McAccumulator(2, [1, 2, 3], 2);
    acc.add(block([
      [[0.5, 0.2, 0.5], [0.4, 0.1, 0.3], [0, 0, 0]],
      [[0.5, 0.2, 0.5], [0, 0, 0], [0, 0, 0]],
    ]));
    expect(acc.faults()).toEqual([
      { block: 'mc', quantity: 'rho', layer: 3, cause: 'dead', message: 'every network is dead (q̂ = 0) from layer 3 on: ρ̂ is undefined there' },
    ]);
    // The same networks at the top of f64 the layer before: an overflow (reported by the backend as 0).
    const big = new McAccumulator(1, [1, 2], 2);
    big.add(block([[[1e300, 1e299, 1e300], [0, 0, 0]]]));
    expect(big.faults().map((f) => [f.quantity, f.layer, f.cause])).toEqual([['q11', 2, 'overflow'], ['rho', 2, 'overflow']]);
  });

  it('f32 networks that fall from 1e−35 to 0 underflowed the format (the GPU without rescaling, e.g. tanh)', () => {
    const acc = new McAccumulator(2, [1, 2, 3], 2);
    acc.add(block([
      [[1e-20, 0, 1e-20], [1e-35, 0, 2e-36], [0, 0, 0]],
      [[1e-21, 0, 1e-21], [3e-36, 0, 1e-35], [0, 0, 0]],
    ], { format: 'f32' }));
    const [q, f] = acc.faults();
    expect(q).toMatchObject({ quantity: 'q11', layer: 3, cause: 'underflow' });
    expect(f).toMatchObject({ quantity: 'rho', layer: 3, cause: 'underflow' });
    expect(f.message).toContain('underflows f32 by layer 3');
  });

  it('no fault while some network lives', () => {
    const acc = new McAccumulator(2, [1, 2], 2);
    acc.add(block([
      [[1, 0.5, 1], [0, 0, 0]],
      [[1, 0.5, 1], [2, 1, 2]],
    ]));
    expect(acc.faults()).toEqual([]);
  });
});

describe('the SDE view when every network dies (issue 20 §3): a finding, not a crash', () => {
  it.each(['view=sde&arch=shaped&n=1&L=10000&M=10', 'view=sde&arch=shaped&cp=20&cm=-20&n=4&L=10000&M=10'])('%s', async (query) => {
    const r = await run(`${query}&backend=cpu`);
    const block = r.sdeView as { convergence: { w1: number[]; n: number[] } };
    const dead = r.faults!.filter((f) => f.block === 'sdeView');
    expect(dead.length).toBeGreaterThan(0);
    for (const f of dead) {
      expect(f).toMatchObject({ quantity: 'convergence', cause: 'empty' });
      expect(f.message).toMatch(/convergence in law at n = \d+: all \d+ networks are dead by layer \d+/);
    }
    // Widths where every network died have no distance (NaN: null in the JSON), as many as faults.
    expect(block.convergence.w1.filter((x) => !Number.isFinite(x))).toHaveLength(dead.length);
  });
});
