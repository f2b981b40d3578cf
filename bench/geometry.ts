/**
 * Issue 18, a bigger confirmation than the tests can afford (node bin/run-ts.mjs bench/geometry.ts
 * [--quick]): tanh at n = 1024 in the ordered, critical and chaotic phases with M = 400 networks
 * (tests: 40), L = 20; ReLU He at n = 1024 to L = 64. Prints JSON: per layer the z-score of the mean
 * image length against the mean field shifted by its stated bias ((mean − ℒ(1 + b))/SE, and |b|/SE),
 * the fitted chaotic growth rate against √χ₁, the ReLU He mean distortion with its SE, and the seconds
 * per network of the curve chain (gram and explicit) — timings are only comparable within one run.
 */
import { activation } from '../src/core/activations.ts';
import { DEFAULT_SPEC, type Spec } from '../src/core/spec.ts';
import { sampleCurves } from '../src/geometry/curveMonteCarlo.ts';
import { curveMeanField, tangentLengthBias } from '../src/geometry/meanField.ts';
import { criticality, criticalSw2 } from '../src/theory/criticality.ts';

const quick = process.argv.includes('--quick');
const M = quick ? 40 : 400;

function meanSe(x: Float64Array): { mean: number; se: number } {
  let s = 0;
  for (const v of x) s += v;
  const mean = s / x.length;
  let v2 = 0;
  for (const v of x) v2 += (v - mean) ** 2;
  return { mean, se: Math.sqrt(v2 / (x.length - 1) / x.length) };
}

const tanh = activation('tanh');
const sb2 = 0.05;
const crit = criticalSw2(tanh, sb2);
if (!crit.ok) throw new Error(crit.reason);
const out: Record<string, unknown> = { M, n: 1024 };
for (const [phase, sw2] of [['ordered', 1.0], ['critical', crit.sw2], ['chaotic', 2.5]] as const) {
  const cr = criticality(tanh, sw2, sb2);
  const spec: Spec = { ...DEFAULT_SPEC, act: 'tanh', sw2, sb2, n: 1024, L: 20, M, seed: 101 };
  const curve = { k: 8, q: (cr.qStar - sb2) / sw2 };
  const t0 = performance.now();
  const run = sampleCurves(spec, curve, { method: 'gram' });
  const seconds = (performance.now() - t0) / 1000 / M;
  const mf = curveMeanField(spec, curve);
  const bias = tangentLengthBias(spec, curve);
  const rows = run.layers.map((l, i) => {
    const s = meanSe(run.samples.length[i]);
    return { layer: l, z: (s.mean - mf.length[i] * (1 + bias[i])) / s.se, biasOverSe: (Math.abs(bias[i]) * mf.length[i]) / s.se };
  });
  const ys = run.samples.length.map((x) => Math.log(meanSe(x).mean));
  const xs = run.layers;
  const xb = xs.reduce((a, b) => a + b, 0) / xs.length;
  const yb = ys.reduce((a, b) => a + b, 0) / ys.length;
  const slope = xs.reduce((a, x, i) => a + (x - xb) * (ys[i] - yb), 0) / xs.reduce((a, x) => a + (x - xb) ** 2, 0);
  out[phase] = { sw2, chi1: cr.chi1, growthPerLayer: Math.exp(slope), sqrtChi1: Math.sqrt(cr.chi1), maxAbsZ: Math.max(...rows.map((r) => Math.abs(r.z))), rows, secondsPerNetworkGram: seconds };
}
{
  const spec: Spec = { ...DEFAULT_SPEC, act: 'relu', sw2: 2, sb2: 0, n: 1024, L: 64, M: quick ? 20 : 200, seed: 102 };
  const run = sampleCurves(spec, { k: 8, q: 1 }, { method: 'gram' });
  out.reluHe = run.layers.filter((l) => [1, 8, 16, 32, 64].includes(l)).map((l) => {
    const s = meanSe(run.samples.distortion[run.layers.indexOf(l)]);
    return { layer: l, meanDistortion: s.mean, se: s.se, firstOrder: Math.exp(-(2 + 5 * (l - 1)) / (8 * 1024)) };
  });
}
{
  const spec: Spec = { ...DEFAULT_SPEC, act: 'tanh', sw2: 2.5, sb2, n: 256, L: 8, M: 4, seed: 103 };
  const time = (method: 'gram' | 'explicit') => {
    const t0 = performance.now();
    sampleCurves(spec, { k: 16, q: 1 }, { method });
    return (performance.now() - t0) / 1000 / spec.M;
  };
  out.curveChainSecondsPerNetwork = { n: 256, L: 8, k: 16, gram: time('gram'), explicit: time('explicit') };
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
