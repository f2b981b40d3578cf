/**
 * The sde view for arch=shapedtx (convergence in law as n grows at fixed T): its law is the block
 * SDE's (B3) — against an independent run of the block SDE (other seed) within 4 SE, and far from
 * shaped attention's SDE law (the MLP sublayer's noise 2γ₂²Σ_lin widens it) — and the convergence
 * panel's distance at the smallest width stands above its noise floor and above the largest width's.
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../backends/cpu/cpuBackend.ts';
import type { SdeViewBlock } from '../../experiments/sdeView.ts';
import { runSpecStreaming } from '../../experiments/runSpec.ts';
import { decodeSpec } from '../../url/codec.ts';
import { lawWithErrors } from '../attention/lawStats.ts';
import { simulateTokenSde } from '../attention/sde.ts';
import { simulateBlockSde } from './sde.ts';

describe('the sde view for arch=shapedtx', () => {
  it('law at T = 0.25 is the block SDE law; the distance at n = 8 stands above its floor and above that at n = 64', async () => {
    const d = decodeSpec('view=sde&arch=shapedtx&k=3&rho0=0.2&n=64&L=16&M=1500&nmin=8&nmax=64');
    expect(d.issues).toEqual([]);
    const { result } = await runSpecStreaming({ ...d.spec, backend: 'cpu' }, { backend: createCpuBackend() });
    const b = (result as unknown as { sdeView: SdeViewBlock }).sdeView;
    expect(b.T).toBe(0.25);
    const g = { m: 3, gamma2: 0.5, tau0: 1, q1: 1, q2: 1, rho0: 0.2, T: 0.25, dt: 1 / 256, paths: 3000, seed: 99, stopAt: 10, coarse: false };
    const block = lawWithErrors(simulateBlockSde({ ...g, gamma2m: 0.5, cp: 0, cm: -1 }).rho[0]);
    const attention = lawWithErrors(simulateTokenSde(g).rho[0]);
    // The view's law: 4 000 paths (sdePlan), SE(mean) ≈ sd/√4000, SE(sd) ≈ sd/√8000.
    const seMean = b.law.sd / Math.sqrt(4000), seSd = b.law.sd / Math.sqrt(8000);
    expect(Math.abs(b.law.mean - block.stats.mean)).toBeLessThan(4 * Math.hypot(seMean, block.se.mean));
    expect(Math.abs(b.law.sd - block.stats.sd)).toBeLessThan(4 * Math.hypot(seSd, block.se.sd));
    expect(Math.abs(b.law.sd - attention.stats.sd)).toBeGreaterThan(10 * Math.hypot(seSd, attention.se.sd));
    const c = b.convergence;
    expect(c.n).toEqual([8, 16, 32, 64]);
    expect(c.L).toEqual([2, 4, 8, 16]);
    // At M = 1 500 only n = 8 stands above twice the floor (≈ 0.017: the block's law is wide), so
    // the panel fits no rate here; the rate itself is tested in convergence.test.ts.
    expect(c.w1[0]).toBeGreaterThan(2 * c.floorW1[0]);
    expect(c.w1[0]).toBeGreaterThan(c.w1[c.w1.length - 1]);
    expect(b.netPaths.rho).toHaveLength(24);
    expect(b.netPaths.t[b.netPaths.t.length - 1]).toBe(0.25);
    expect(b.sdePaths.t[b.sdePaths.t.length - 1]).toBeCloseTo(0.25, 12);
  });
});
