/**
 * The sde view for shaped attention (convergence in law as n grows at fixed T): its law against the
 * independent fixture's SDE law, its two-sample noise floors against a direct measurement, and the
 * convergence panel's distances falling with n above their floors.
 */
import { describe, expect, it } from 'vitest';
import fixtures from '../../../tools/fixtures/attention.json';
import { createCpuBackend } from '../../backends/cpu/cpuBackend.ts';
import type { SdeViewBlock } from '../../experiments/sdeView.ts';
import { runSpecStreaming } from '../../experiments/runSpec.ts';
import { wasserstein1 } from '../../core/stats.ts';
import { decodeSpec } from '../../url/codec.ts';
import { simulateTokenSde } from './sde.ts';
import { kolmogorovSmirnov2, twoSampleFloors } from './sdeView.ts';

describe('the sde view for arch=shapedattn', () => {
  it('law at T = 1 vs the fixture; distances above their floors fall with n (fitted slope < 0)', async () => {
    const d = decodeSpec('view=sde&arch=shapedattn&k=3&rho0=0.2&n=64&L=64&M=1500&nmin=8&nmax=64');
    expect(d.issues).toEqual([]);
    const { result } = await runSpecStreaming({ ...d.spec, backend: 'cpu' }, { backend: createCpuBackend() });
    const b = (result as unknown as { sdeView: SdeViewBlock }).sdeView;
    expect(b.T).toBe(1);
    const ref = fixtures.sde.find((x) => x.T === 1)!.pairs[0];
    // 4 000 paths: SE(mean) ≈ 0.62/√4000 ≈ 0.01.
    expect(Math.abs(b.law.mean - ref.stats.mean)).toBeLessThan(4 * Math.hypot(0.62 / Math.sqrt(4000), ref.se.mean));
    expect(Math.abs(b.law.sd - ref.stats.sd)).toBeLessThan(4 * Math.hypot(0.62 / Math.sqrt(8000), ref.se.sd));
    const c = b.convergence;
    expect(c.n).toEqual([8, 16, 32, 64]);
    expect(c.L).toEqual([8, 16, 32, 64]);
    expect(c.w1[0]).toBeGreaterThan(2 * c.floorW1[0]);
    expect(Number.isFinite(c.slopeW1)).toBe(true);
    expect(c.slopeW1).toBeLessThan(0);
    expect(b.netPaths.rho).toHaveLength(24);
    expect(b.netPaths.t[b.netPaths.t.length - 1]).toBe(1);
    expect(b.sdePaths.t[b.sdePaths.t.length - 1]).toBeCloseTo(1, 12);
  });

  it('the two-sample floors are the distances between two samples of one law (direct measurement, ±35 %)', () => {
    const sde = simulateTokenSde({ m: 3, gamma2: 0.5, tau0: 1, q1: 1, q2: 1, rho0: 0.2, T: 0.5, dt: 1 / 128, paths: 6000, seed: 77, stopAt: 10, coarse: false });
    const all = sde.rho[0];
    // 10 disjoint pairs of samples (M = 300 each) from the same law: the mean distance vs the floor.
    let w = 0;
    let k = 0;
    for (let r = 0; r < 10; r++) {
      const a = all.subarray(600 * r, 600 * r + 300);
      const bb = all.subarray(600 * r + 300, 600 * r + 600);
      w += wasserstein1(a, bb) / 10;
      k += kolmogorovSmirnov2(a, bb) / 10;
    }
    const f = twoSampleFloors(all, 300, 300);
    expect(Math.abs(w / f.w1 - 1)).toBeLessThan(0.35);
    expect(Math.abs(k / f.ks - 1)).toBeLessThan(0.35);
  });
});
