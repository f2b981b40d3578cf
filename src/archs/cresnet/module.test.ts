import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../backends/cpu/cpuBackend.ts';
import { activation } from '../../core/activations.ts';
import { buildPaths } from '../../core/paths.ts';
import { estimateRun } from '../../experiments/plan.ts';
import { runSpec } from '../../experiments/runSpec.ts';
import { dualKernels } from '../../theory/dual.ts';
import { decodeSpec } from '../../url/codec.ts';
import { pdeGram } from './pde.ts';

const cpu = createCpuBackend();

function spec(query: string) {
  const d = decodeSpec(query);
  expect(d.issues).toEqual([]);
  return d.spec;
}

describe('arch=cresnet through the lab (registry, runSpec, CLI JSON)', () => {
  it('unshared, φ = id: the MC mean of K̂_12 at every step equals the width-∞ profile within 4 SE (exact in mean at any n)', async () => {
    const s = spec('arch=cresnet&method=explicit&act=identity&share=0&n=32&L=8&M=300&sw2=1.5&paths=pl:0,0,0.6,0.3,0.3,0.9_pl:0,0,0.5,-0.3,0.8,0.2');
    const r = await runSpec(s, { backend: cpu });
    expect(r.mc!.layers).toEqual(r.theory.layers);
    for (let i = 0; i < r.mc!.layers.length; i++) {
      const se = r.mc!.q12.sd[i] / Math.sqrt(r.mc!.M);
      expect(Math.abs(r.mc!.q12.mean[i] - r.theory.q12[i]), `step ${i}`).toBeLessThanOrEqual(4 * se + 1e-12);
    }
    // The limit block's κ(1) (RK4 at level λ) and the signature block's (λ + 1) differ by (2⁴ − 1)·estimate.
    expect(r.signature!.equation).toBe('ode');
    expect(Math.abs(r.limit!.q12[r.limit!.q12.length - 1] - r.signature!.kernel[0][1])).toBeCloseTo(15 * r.signature!.errorEstimate[0][1], 12);
  });

  it('shared: the signature block is the PDE Gram (value, Richardson estimate, extrapolation) with its grid; the limit ends at K(1, 1)', async () => {
    const s = spec('arch=cresnet&method=explicit&act=erf&M=0&paths=sine:0.5,0,0.5_line:1,0.5_bm:4,0.5&k=3&refine=2');
    const r = await runSpec(s, { backend: cpu });
    const paths = buildPaths(s.paths, s.pdim);
    if (!paths.ok) throw new Error(paths.reason);
    const G = pdeGram(paths.value, 2, { s02: s.s02, sa2: s.sw2, sb2: s.sb2, V: dualKernels(activation('erf')).F });
    const sig = r.signature!;
    expect(sig.equation).toBe('pde');
    expect(sig.grid).toEqual({ refine: 2, cells: [64 * 8, 8, 32 * 8], order: 2 });
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) {
      expect(sig.kernel[a][b]).toBe(G[a][b].value);
      expect(sig.errorEstimate[a][b]).toBe(G[a][b].errorEstimate);
      expect(sig.extrapolated![a][b]).toBe(G[a][b].extrapolated);
    }
    // The limit block's last point is K^{12}(1, 1) at level λ; it differs from the λ + 1 value by
    // (2^p − 1)·estimate = 3·estimate (Richardson).
    const last = r.limit!.q12[r.limit!.q12.length - 1];
    expect(r.limit!.t[r.limit!.t.length - 1]).toBe(1);
    expect(Math.abs(last - sig.kernel[0][1])).toBeCloseTo(3 * sig.errorEstimate[0][1], 12);
  });

  it('cost model: the PDE grid costs ≈ 4× per refinement level, and a huge tanh grid is refused', () => {
    const cost = (q: string) => estimateRun(spec(q), { name: 'cpu', adapter: 'test' }).theorySeconds;
    const base = 'arch=cresnet&method=explicit&M=0&act=tanh&paths=pl:0,0,1,1,0,2_pl:0,0,1,0&refine=';
    const ratio = (cost(`${base}7`) - cost(`${base}6`)) / (cost(`${base}6`) - cost(`${base}5`));
    expect(ratio).toBeGreaterThan(3.9);
    expect(ratio).toBeLessThan(4.1);
    // 64-segment sine and a line at λ = 6: 2·(64·2⁷)² ≈ 1.3e8 quadrature evaluations, and more.
    expect(cost('arch=cresnet&M=0&act=tanh&paths=sine:1,0_line:1,1&refine=6')).toBeGreaterThan(900);
  });
});
