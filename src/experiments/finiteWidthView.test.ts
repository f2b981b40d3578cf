import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { secondMomentRatio } from '../theory/finiteWidth/normMoments.ts';
import type { NormLawBlock } from './finiteNormLaw.ts';
import { runFiniteWidth, type FiniteWidthBlock } from './finiteWidthView.ts';
import { planSpec } from './plan.ts';
import { runSpecStreaming } from './runSpec.ts';

const cpu = createCpuBackend();

describe('view=finite in the result document', () => {
  it('He-ReLU, σb = 0: widths, MC vs K and K + d/n, the exact law of Q next to its Monte Carlo, plain JSON', async () => {
    const spec: Spec = { ...DEFAULT_SPEC, view: 'finite', act: 'relu', sw2: 2, sb2: 0, n: 16, L: 4, M: 400, nmin: 16, nmax: 64, seed: 2 };
    expect(planSpec(spec).sizes.map((s) => s.n)).toEqual([16, 32, 64]); // one batch per width; the view draws no depth profile, so samples none
    const phases = new Set<string>();
    const { result } = await runSpecStreaming(spec, { backend: cpu, onPartial: (_p, progress) => phases.add(progress.phase) });
    const b = JSON.parse(JSON.stringify(result.finite)) as FiniteWidthBlock;
    expect(result.mc).toBeUndefined();
    expect(b.n).toEqual([16, 32, 64]);
    expect(b.layer).toBe(4);
    expect(phases.has('widths')).toBe(true);
    for (const key of ['q11', 'q12', 'q22', 'rho'] as const) {
      for (const field of ['mean', 'se', 'sd', 'absBias', 'corrected', 'predictedSd'] as const) {
        expect(b[key][field], `${key}.${field}`).toHaveLength(3);
        for (const x of b[key][field]) expect(typeof x, `${key}.${field}`).toBe('number');
      }
      expect(typeof b[key].slopeSd).toBe('number');
    }
    // ReLU with σb = 0: the diagonal has no 1/n bias at all (F(a, a, a) = a/2 is linear).
    expect(b.q11.corrected).toEqual([b.q11.limit, b.q11.limit, b.q11.limit]);
    expect(b.q12.corrected[0]).not.toBe(b.q12.limit);
    const norm = b.norm as NormLawBlock;
    expect(norm.family).toBe('relu');
    expect(norm.secondMoment.exact).toEqual([16, 32, 64].map((n) => secondMomentRatio(1, 0, n, 4)));
    expect(norm.secondMoment.heavyTailed).toEqual([true, false, false]); // L/n ≥ 0.2 at n = 16
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(norm.logMoments.mcMean[i] - norm.logMoments.exactMean[i]!)).toBeLessThan(4 * norm.logMoments.mcMeanSe[i]);
      expect(norm.logMoments.live[i]).toBe(400);
      expect(norm.logNormal.sigma2Leading[i]).toBeCloseTo(17 / b.n[i], 14); // (2 + 5·3)/n
    }
  });

  it('explains what it cannot do: resnet; orthogonal weights (no 1/n theory, exact isometry note)', async () => {
    const resnet = await runSpecStreaming({ ...DEFAULT_SPEC, view: 'finite', arch: 'resnet', n: 8, L: 2, M: 4, nmin: 8, nmax: 8 }, { backend: cpu });
    expect((resnet.result.finite as { unavailable: string }).unavailable).toMatch(/arch=mlp/);
    const ortho = await runFiniteWidth({ ...DEFAULT_SPEC, view: 'finite', act: 'identity', sw2: 1, sb2: 0, method: 'explicit', weights: 'orthogonal', L: 3, M: 8, nmin: 8, nmax: 16 }, { backend: cpu });
    expect(ortho.correction.available).toBe(false);
    expect(ortho.correction.reason).toMatch(/orthogonal/);
    // The exact law of |z^L|² exists for orthogonal linear nets (orthogonalNorm.ts), not for orthogonal ReLU nets.
    expect(ortho.norm).toMatchObject({ family: 'linear', weights: 'orthogonal' });
    const reluOrtho = await runFiniteWidth({ ...DEFAULT_SPEC, view: 'finite', act: 'relu', sb2: 0, method: 'explicit', weights: 'orthogonal', L: 2, M: 4, nmin: 8, nmax: 8 }, { backend: cpu });
    expect((reluOrtho.norm as { unavailable: string }).unavailable).toMatch(/linear nets/);
    expect(ortho.notes.join(' ')).toMatch(/isometry/);
    // Only the first layer (a projection of the d = 1024 inputs onto n) fluctuates: sd(q̂) > 0, and
    // it is the same at depth L as at depth 1 up to the factor σw^{2(L−1)} = 1 here.
    expect(ortho.q11.sd.every((x) => x > 0)).toBe(true);
    expect(ortho.q11.corrected).toEqual([null, null]);
  });
});

describe('convergence (tanh at the edge of chaos, σw² = 1, σb² = 0, L = 8, gram, M = 5000)', () => {
  it('bias slope −1 and fluctuation slope −1/2, each within 4 SE of the fit (plus a stated 0.05 for the sd’s O(1/n) terms)', async () => {
    const spec: Spec = { ...DEFAULT_SPEC, view: 'finite', act: 'tanh', sw2: 1, sb2: 0, L: 8, M: 5000, nmin: 16, nmax: 64, rho0: 0.5, seed: 3 };
    const b = await runFiniteWidth(spec, { backend: cpu });
    const x = b.n.map(Math.log);
    const xbar = x.reduce((s, v) => s + v, 0) / x.length;
    const sxx = x.reduce((s, v) => s + (v - xbar) ** 2, 0);
    // OLS slope SE from per-point errors σ_i of the log ordinate (independent-error formula; the
    // coupled seeds correlate neighbouring widths positively, which only shrinks the true SE).
    const slopeSe = (sigmas: number[]) => Math.sqrt(sigmas.reduce((s, sg, i) => s + ((x[i] - xbar) * sg) ** 2, 0)) / sxx;
    const q = b.q11;
    const biasSe = slopeSe(q.se.map((se, i) => se / q.absBias[i]));
    expect(Math.abs(q.slopeBias! + 1)).toBeLessThan(4 * biasSe);
    const sdSe = slopeSe(q.sd.map(() => 1 / Math.sqrt(2 * (spec.M - 1))));
    expect(Math.abs(q.slopeSd! + 0.5)).toBeLessThan(4 * sdSe + 0.05);
    // The corrected curve follows the Monte Carlo; the limit does not (|bias| ≥ 4 SE at n = 16).
    for (let i = 0; i < 3; i++) expect(Math.abs(q.mean[i] - q.corrected[i]!)).toBeLessThan(4 * q.se[i]);
    expect(q.absBias[0]).toBeGreaterThan(4 * q.se[0]);
  });
});
