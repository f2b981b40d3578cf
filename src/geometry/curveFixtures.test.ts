/**
 * Finite networks on a circle against the independent numpy simulation of
 * tools/fixtures/make_geometry_fixtures.py (explicit networks, every weight drawn by numpy):
 * ReLU He length distortion (Hanin, Jeong & Rolnick 2022) and E log‖J u‖² with its variance.
 * The lab runs the exact gram chain with tangents (curveNetwork.ts); both are Monte Carlo, so every
 * comparison allows 4 combined standard errors, √(SE_lab² + SE_numpy²).
 */
import { describe, expect, it } from 'vitest';
import fixtures from '../../tools/fixtures/geometry.json';
import { DEFAULT_SPEC } from '../core/spec.ts';
import { sampleCurves } from './curveMonteCarlo.ts';

interface Stat {
  mean: number;
  se: number;
  var: number;
  seVar: number;
}

function stat(x: Float64Array): Stat {
  const M = x.length;
  let mean = 0;
  for (const v of x) mean += v;
  mean /= M;
  let s2 = 0;
  let s4 = 0;
  for (const v of x) {
    s2 += (v - mean) ** 2;
    s4 += (v - mean) ** 4;
  }
  const variance = s2 / (M - 1);
  return { mean, se: Math.sqrt(variance / M), var: variance, seVar: Math.sqrt(Math.max(s4 / M - variance * variance, 0) / M) };
}

const M = 500;

describe.each(fixtures.configs.map((c) => [c.name, c] as const))('%s vs numpy', (_name, cfg) => {
  const spec = { ...DEFAULT_SPEC, act: cfg.act, sw2: cfg.sw2, sb2: cfg.sb2, n: cfg.n, L: cfg.L, M, seed: 7 };
  const run = sampleCurves(spec, { k: cfg.k, q: cfg.q }, { method: 'gram' });
  const at = (measure: 'distortion' | 'logJacobian2', layer: number) => stat(run.samples[measure][run.layers.indexOf(layer)]);

  it.each(cfg.layers.map((l, i) => [l, i]))('layer %i: distortion and log‖J u‖², mean and variance within 4 SE', (layer, i) => {
    for (const [measure, ref] of [['distortion', cfg.distortion[i]], ['logJacobian2', cfg.logJacobian2[i]]] as const) {
      const s = at(measure, layer);
      expect(Math.abs(s.mean - ref.mean), `${measure} mean`).toBeLessThan(4 * Math.hypot(s.se, ref.se));
      expect(Math.abs(s.var - ref.var), `${measure} var`).toBeLessThan(4 * Math.hypot(s.seVar, ref.seVar));
    }
  });

  if (cfg.name === 'relu_he') {
    it('ReLU He: mean distortion ≤ 1 within MC error at every layer to L = 64, not growing; its variance grows with depth', () => {
      const first = at('distortion', 1);
      for (const l of run.layers) {
        const s = at('distortion', l);
        expect(s.mean).toBeLessThan(1 + 3 * s.se);
        // Not growing: never above its first-layer value by more than the combined error.
        expect(s.mean).toBeLessThan(first.mean + 3 * Math.hypot(s.se, first.se));
      }
      const v = [1, 8, 32].map((l) => at('distortion', l));
      for (let j = 1; j < v.length; j++) expect(v[j].var - v[j - 1].var).toBeGreaterThan(4 * Math.hypot(v[j].seVar, v[j - 1].seVar));
    });

    it('ReLU He: E‖J u‖² d/n = σw²(σw²/2)^{ℓ−1} = 2 at every width (exact for Gaussian weights), within 4 SE', () => {
      for (const l of [1, 4, 16]) {
        const j = stat(run.samples.logJacobian2[run.layers.indexOf(l)].map(Math.exp));
        expect(Math.abs(j.mean - 2)).toBeLessThan(4 * j.se);
      }
    });
  }
});
