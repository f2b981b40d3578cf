/**
 * view=collapse (issue 15 §2): standard vs shaped attention at the same spec, run as the CLI and
 * the page run it (runSpec → the view's runner). The trend claims the view's captions make, tested
 * on the independent fixture's model (tools/fixtures/attention.json: k = 3, ρ₀ = 0.2, γ² = 0.5,
 * τ₀ = 1, R = 10; written from the paper by make_attention_fixtures.py, not from this code):
 *  - standard attention collapses: log(1 − ρ̄) falls linearly in ℓ (slope < 0 beyond 4 SE), as fast
 *    as the fixture's own 4 000 networks at n = 64, and ρ̄ = 1 to 6 digits at ℓ = L;
 *  - shaped attention does not: ρ̄ stays far below 1, and the networks' mean at ℓ = n/4 and ℓ = n
 *    (T = 0.25, 1) equals the SDE's within 4 combined SE plus the fixture's O(1/n) bias (its
 *    least-squares fit of finite − SDE on 1/n, averaged over the three pairs: ρ̄ is their mean) and
 *    the SDE's estimated step bias;
 *  - the SDE's step bias is below its Monte Carlo noise (what the caption says).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fixtures from '../../tools/fixtures/attention.json';
import { weightedSlope } from '../archs/attention/convergence.ts';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { decodeSpec } from '../url/codec.ts';
import type { CollapseBlock } from './collapseView.ts';
import { runSpec } from './runSpec.ts';

const fx = fixtures.model;
const rc = fixtures.rankCollapse;
const n = rc.n; // 64, the fixture's width
const query = `view=collapse&arch=attention&k=${fx.m}&q1=${fx.q1}&q2=${fx.q2}&rho0=${fx.rho0}&gamma2=${fx.gamma2}&tau0=${fx.tau0}&n=${n}&L=${n}&M=600&seed=5`;

/** The fixture's O(1/n) bias of the mean of ρ̄ at T: the mean over pairs of its fitted coefficient / n. */
function biasOfMean(T: number): number {
  const fit = fixtures.convergence.find((c) => c.T === T)!.biasFit;
  return fit.reduce((s, p) => s + p.mean.coefOverN, 0) / fit.length / n;
}

describe('view=collapse: standard vs shaped attention (k = 3, n = L = 64)', () => {
  const d = decodeSpec(query);
  let block: CollapseBlock;
  beforeAll(async () => {
    const result = await runSpec(d.spec, { backend: createCpuBackend() });
    block = result.collapse as CollapseBlock;
  }, 60_000);

  it('runs the spec: every layer recorded for both kinds and the SDE at t = ℓ/n', () => {
    expect(d.issues).toEqual([]);
    expect(block.standard!.depth.layers).toEqual(Array.from({ length: n + 1 }, (_, l) => l));
    expect(block.sde!.depth.t.at(-1)).toBe(1);
    expect(block.sde!.timeOffset).toBe(0); // t = ℓ/64 lies on the SDE's grid 2dt = 1/128
    expect(block.standard!.last.count).toBe(600);
    // Layer 0 is the same embedding X₀ for both kinds (the same Philox keys): equal to the bit.
    expect(block.shaped!.depth.mean[0]).toBe(block.standard!.depth.mean[0]);
  });

  it('standard attention: ρ̄ → 1 geometrically (log(1 − ρ̄) falls linearly in ℓ), at the fixture’s rate', () => {
    const s = block.standard!.depth;
    const ls = [1, 2, 3, 4, 5, 6, 7, 8];
    // δ-method SE of log(1 − ρ̄): se/(1 − ρ̄).
    const fit = weightedSlope(ls, ls.map((l) => Math.log(1 - s.mean[l])), ls.map((l) => s.se[l] / (1 - s.mean[l])));
    expect(fit.slope + 4 * fit.se).toBeLessThan(0);
    const fm = rc.attention.meanPairs.mean;
    const fse = rc.attention.meanPairs.se;
    const ref = weightedSlope(ls, ls.map((l) => Math.log(1 - fm[l])), ls.map((l) => fse[l] / (1 - fm[l])));
    expect(Math.abs(fit.slope - ref.slope)).toBeLessThan(4 * Math.hypot(fit.se, ref.se));
    for (const l of [1, 2, 4, 8]) expect(Math.abs(s.mean[l] - fm[l])).toBeLessThan(4 * Math.hypot(s.se[l], fse[l]));
    expect(s.mean[n]).toBeGreaterThan(1 - 1e-6);
    expect(block.standard!.last.nearOne).toBe(1);
  });

  it('shaped attention does not collapse: its mean follows the SDE’s at T = 0.25 and 1 (4 SE + stated biases)', () => {
    const net = block.shaped!.depth;
    const sde = block.sde!.depth;
    for (const [l, T] of [[16, 0.25], [64, 1]] as const) {
      const allowed = 4 * Math.hypot(net.se[l], sde.se[l]) + Math.abs(biasOfMean(T)) + Math.abs(block.sde!.stepBias);
      expect(Math.abs(net.mean[l] - sde.mean[l]), `ℓ = ${l}`).toBeLessThan(allowed);
    }
    expect(net.mean[n]).toBeLessThan(0.6);
    expect(block.shaped!.last.nearOne).toBeLessThan(0.5);
    // The SDE's law is wide, not a point: its 90 % range covers more than half of [−1, 1].
    expect(block.sde!.last.summary.p95 - block.sde!.last.summary.p05).toBeGreaterThan(1);
  });

  it('the SDE’s step bias (dt vs 2dt on the same paths) is below its Monte Carlo noise', () => {
    expect(Math.abs(block.sde!.stepBias)).toBeLessThan(block.sde!.last.meanSe);
  });
});

describe('view=collapse refuses what it cannot show', () => {
  it('another architecture: unavailable, naming the choice', async () => {
    const d = decodeSpec('view=collapse&n=16&L=4&M=4');
    const result = await runSpec(d.spec, { backend: createCpuBackend() });
    expect(result.collapse).toEqual({ unavailable: 'the comparison runs attention networks: choose arch=attention or arch=shapedattn' });
  });
});
