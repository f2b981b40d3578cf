/**
 * Issue 3 acceptance: Monte Carlo over explicit finite networks (CPU backend) against the f64
 * infinite-width theory, and the two sampling methods against each other.
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { decodeSpec } from '../url/codec.ts';
import { runLab } from './runLab.ts';
import { runNetworks } from './monteCarlo.ts';
import { meanVar } from '../core/stats.ts';

function spec(query: string): Spec {
  const d = decodeSpec(query);
  expect(d.issues).toEqual([]);
  return d.spec;
}

// Six settings (relu, tanh, erf, gelu; mlp and resnet; L ≤ 10; n ≥ 512). n = 1024 and M = 1000
// networks make the standard error of a mean kernel entry ≈ |K|·√(2L/n)/√M ≈ 0.5 % of |K|.
const SETTINGS = [
  'arch=mlp&act=relu&sw2=2&sb2=0&L=10',
  'arch=mlp&act=tanh&sw2=1.5&sb2=0.05&L=10',
  'arch=mlp&act=erf&sw2=1.2&sb2=0.1&L=8&rho0=0.2',
  'arch=mlp&act=gelu&sw2=2&sb2=0&L=8&q1=2&q2=0.5&rho0=-0.3',
  'arch=resnet&act=relu&sw2=1&alpha=0.5&L=10',
  'arch=resnet&act=tanh&sw2=2&sb2=0.1&alpha=0.5&L=10&rho0=0.8',
];

describe('MC mean kernel vs infinite-width theory (4 SE + finite-width bias)', () => {
  it.each(SETTINGS)('%s', async (query) => {
    const s = spec(`${query}&n=1024&M=1000&seed=2026&method=gram`);
    const { result } = await runLab(s, { backend: createCpuBackend() });
    const mc = result.mc!;
    const th = result.theory;
    let checked = 0;
    for (let r = 0; r < mc.layers.length; r++) {
      const t = th.layers.indexOf(mc.layers[r]);
      for (const key of ['q11', 'q12', 'q22'] as const) {
        const se = mc[key].sd[r] / Math.sqrt(mc.M);
        // The mean of K̂ carries a finite-width bias of order L/n (Hanin & Nica 2020; Roberts,
        // Yaida & Hanin 2022, ch. 4); we allow the bound L·|K|/n (1 % here) on top of 4 SE.
        const bias = (s.L * Math.abs(th.q11[t] + th.q22[t])) / 2 / s.n;
        expect(Math.abs(mc[key].mean[r] - th[key][t]), `${key} at layer ${mc.layers[r]}`).toBeLessThan(4 * se + bias);
        checked++;
      }
    }
    expect(checked).toBe(3 * mc.layers.length);
  });
});

describe('gram and explicit sample the same law of ρ̂_L', () => {
  // Two independent estimates (different Philox domains): means and sds agree within 4 combined SE
  // (SE of a sample sd ≈ sd/√(2M) for near-Gaussian data).
  it.each(['relu', 'tanh'])('%s', async (act) => {
    const base = spec(`act=${act}&sw2=${act === 'relu' ? 2 : 1.6}&n=96&L=6&M=600&seed=5&rho0=0.3`);
    const rhoAtL = async (method: 'gram' | 'explicit') => {
      const { acc } = await runNetworks({ ...base, method }, [base.L], { backend: createCpuBackend() });
      return acc.samples(0).rho;
    };
    const g = meanVar(await rhoAtL('gram'));
    const e = meanVar(await rhoAtL('explicit'));
    const M = base.M;
    const seMean = Math.sqrt(g.var / M + e.var / M);
    expect(Math.abs(g.mean - e.mean)).toBeLessThan(4 * seMean);
    const sdG = Math.sqrt(g.var);
    const sdE = Math.sqrt(e.var);
    const seSd = Math.sqrt(g.var / (2 * M) + e.var / (2 * M));
    expect(Math.abs(sdG - sdE)).toBeLessThan(4 * seSd);
    // …and the laws are not degenerate (the test could fail if one method returned constants).
    expect(sdG).toBeGreaterThan(0.01);
  });
});

describe('Monte Carlo bookkeeping', () => {
  it('results do not depend on the chunking (randomness is keyed by network index)', async () => {
    const s = { ...DEFAULT_SPEC, act: 'tanh', n: 32, L: 5, M: 13, seed: 9 };
    const one = await runLab(s, { backend: createCpuBackend(), chunkNetworks: 13 });
    const many = await runLab(s, { backend: createCpuBackend(), chunkNetworks: 4 });
    expect(many.result).toEqual(one.result);
  });

  it('streams partial results with progress and can be cancelled', async () => {
    const s = { ...DEFAULT_SPEC, n: 64, L: 10, M: 400, seed: 1 };
    const controller = new AbortController();
    const progress: number[] = [];
    const run = runLab(s, {
      backend: createCpuBackend(),
      signal: controller.signal,
      chunkNetworks: 10,
      partialEveryMs: 0,
      onPartial: (partial, p) => {
        progress.push(p.done);
        expect(partial.result.mc!.M).toBe(p.done);
        if (p.done >= 40) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBeLessThan(s.M);
  });

  it('explicit and gram networks are keyed by seed: same seed, same draws; new seed, new draws', async () => {
    for (const method of ['gram', 'explicit'] as const) {
      const s = { ...DEFAULT_SPEC, n: 16, L: 3, M: 4, method, seed: 77 };
      const a = await runNetworks(s, [3], { backend: createCpuBackend() });
      const b = await runNetworks(s, [3], { backend: createCpuBackend() });
      const c = await runNetworks({ ...s, seed: 78 }, [3], { backend: createCpuBackend() });
      expect(a.acc.samples(0).q11).toEqual(b.acc.samples(0).q11);
      expect(a.acc.samples(0).q11).not.toEqual(c.acc.samples(0).q11);
    }
  });
});
