import { describe, expect, it } from 'vitest';
import fixture from '../../../tools/fixtures/cresnet.json';
import { activation } from '../../core/activations.ts';
import { buildPaths, type Path } from '../../core/paths.ts';
import { logLogSlope } from '../../experiments/fit.ts';
import { dualKernels } from '../../theory/dual.ts';
import { sharedDiscreteGram, unsharedDiscreteGram } from './discrete.ts';
import { cresnetFinalGrams, type CresnetConfig } from './network.ts';
import { pdeGram, type NskParams } from './pde.ts';

const pl = (pts: number[][]) => `pl:${pts.flat().join(',')}`;
const built = buildPaths(`${pl(fixture.paths.x)}_${pl(fixture.paths.y)}`, 2);
if (!built.ok) throw new Error(built.reason);
const paths: Path[] = built.value;
const { L, s02, sa2, sb2 } = fixture;
const params = (act: string): NskParams => ({ s02, sa2, sb2, V: dualKernels(activation(act)).F });
const config = (act: string, share: boolean, n: number, seed = 1): CresnetConfig => ({ n, L, s02, sa2, sb2, share, act: activation(act), seed });
const KEYS = [['xy', 0, 1], ['xx', 0, 0], ['yy', 1, 1]] as const;

/** Mean, sd and standard error of K̂_ab over networks. */
function stats(grams: Float64Array[], a: number, b: number) {
  const v = grams.map((G) => G[a * 2 + b]);
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1));
  return { mean, sd, se: sd / Math.sqrt(v.length) };
}

describe('controlled ResNet: width-∞ kernels at depth L (discrete.ts) against the independent Python recursions', () => {
  it.each(['identity', 'erf'])('%s: shared and unshared, every entry to 1e−12 relative', (act) => {
    const want = fixture.recursions[act as 'identity' | 'erf'];
    const shared = sharedDiscreteGram(paths, L, params(act));
    const unshared = unsharedDiscreteGram(paths, L, params(act));
    for (const [key, a, b] of KEYS) {
      expect(Math.abs(shared[a][b] / want.shared[key] - 1), `shared ${key}`).toBeLessThan(1e-12);
      expect(Math.abs(unshared[a][b] / want.unshared[key] - 1), `unshared ${key}`).toBeLessThan(1e-12);
    }
  });
});

describe('controlled ResNet on the CPU against an independent numpy simulation (tools/fixtures/cresnet.json)', () => {
  it.each(fixture.mc.map((r) => [`${r.act} ${r.shared ? 'shared' : 'unshared'}`, r] as const))('%s, n = 64: MC means agree within 4 combined SE', (_name, row) => {
    const M = row.shared ? 200 : 120;
    const grams = cresnetFinalGrams(paths, config(row.act, row.shared, row.n, 11), M);
    for (const [key, a, b] of KEYS) {
      const ts = stats(grams, a, b);
      const py = row.kernel[key];
      const tol = 4 * Math.hypot(ts.se, py.se);
      expect(Math.abs(ts.mean - py.mean), `${key}: TS ${ts.mean} ± ${ts.se}, numpy ${py.mean} ± ${py.se}`).toBeLessThan(tol);
    }
  });
});

describe('controlled ResNet, shared weights, n = 512: MC mean against the neural signature kernel', () => {
  it.each(['identity', 'erf'])('%s: within 4 SE plus the stated bias (finite width c/n from the numpy fit, depth |K_L − K_PDE|)', (act) => {
    const n = 512;
    const grams = cresnetFinalGrams(paths, config(act, true, n, 5), 48);
    const KL = sharedDiscreteGram(paths, L, params(act));
    const pde = pdeGram(paths, 3, params(act));
    const fit = fixture.bias[act as 'identity' | 'erf'].fit;
    for (const [key, a, b] of KEYS) {
      const s = stats(grams, a, b);
      // Finite-width bias: E K̂ − K_L ≈ c/n, c fitted in numpy at n = 16…128; bound |c| + 2 SE(c).
      const widthBias = (Math.abs(fit[key].c) + 2 * fit[key].se) / n;
      // Depth bias: the width-∞ network at depth L is the first-order scheme on the L×L grid.
      const depthBias = Math.abs(KL[a][b] - pde[a][b].extrapolated) + pde[a][b].errorEstimate;
      expect(Math.abs(s.mean - KL[a][b]), `${key} vs K_L`).toBeLessThan(4 * s.se + widthBias);
      expect(Math.abs(s.mean - pde[a][b].extrapolated), `${key} vs PDE`).toBeLessThan(4 * s.se + widthBias + depthBias);
      // The stated bias is small next to the kernel: the test says something about K_PDE.
      expect(widthBias + depthBias).toBeLessThan(0.1 * pde[a][b].extrapolated);
    }
  });

  it('the spread over networks shrinks like n^−1/2 (fitted slope of sd against n, φ = id)', () => {
    const widths = [32, 64, 128, 256];
    const M = 64;
    const sds = widths.map((n) => stats(cresnetFinalGrams(paths, config('identity', true, n, 9), M), 0, 1).sd);
    const slope = logLogSlope(widths, sds);
    // sd estimates from M nets have relative SE ≈ 1/√(2(M−1)); the slope's SE follows from the
    // spread of log n; 4 SE, plus 0.05 for the O(1/n) correction to the n^−1/2 law at n = 32.
    const lx = widths.map(Math.log);
    const mx = lx.reduce((s, x) => s + x, 0) / lx.length;
    const slopeSe = 1 / Math.sqrt(2 * (M - 1)) / Math.sqrt(lx.reduce((s, x) => s + (x - mx) ** 2, 0));
    expect(Math.abs(slope + 0.5), `slope ${slope} (SE ${slopeSe})`).toBeLessThan(4 * slopeSe + 0.05);
  });
});
