/**
 * Timings that unit tests used to assert (issue 14 §7): one Haar-orthogonal 512 × 512 layer on
 * k = 2 inputs (src/backends/cpu/weightRows.ts, O(n² k), the matrix never formed; formerly
 * "< 250 ms, measured 9 ms idle") and the Fokker–Planck law of the correlation SDE at the page's
 * default grid (src/theory/covarianceSde/fokkerPlanck.ts; formerly "< 250 ms, measured 15–30 ms").
 * Medians after a warm-up (JIT). Controlled ResNets (issue 16): the signature-kernel PDE Gram of the
 * default paths (erf, λ = 2 and its λ + 1 for Richardson; src/archs/cresnet/pde.ts) and one explicit
 * controlled ResNet (n = 256, L = 64, d = 2, two paths, shared and fresh weights; network.ts).
 */
import { Domain } from '../src/core/philox.ts';
import { haarLayer } from '../src/backends/cpu/weightRows.ts';
import { correlationLaw } from '../src/theory/covarianceSde/fokkerPlanck.ts';
import { activation } from '../src/core/activations.ts';
import { buildPaths, DEFAULT_PATHS } from '../src/core/paths.ts';
import { dualKernels } from '../src/theory/dual.ts';
import { pdeGram } from '../src/archs/cresnet/pde.ts';
import { CresnetStepper } from '../src/archs/cresnet/network.ts';

function medianMs(runs: number, f: (i: number) => void): number {
  f(0);
  const t: number[] = [];
  for (let i = 1; i <= runs; i++) {
    const t0 = performance.now();
    f(i);
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return Math.round(t[Math.floor(t.length / 2)] * 100) / 100;
}

export function kernelTimes(): object {
  const n = 512;
  const H = Float64Array.from({ length: n * 2 }, (_, i) => Math.cos(i));
  const out = new Float64Array(n * 2);
  const built = buildPaths(DEFAULT_PATHS, 2);
  if (!built.ok) throw new Error(built.reason);
  const paths = built.value;
  const erf = activation('erf');
  const nsk = { s02: 1, sa2: 1, sb2: 0, V: dualKernels(erf).F };
  const cresnet = (share: boolean) => (net: number) => {
    const s = new CresnetStepper(paths, { n: 256, L: 64, s02: 1, sa2: 1, sb2: 0, share, act: erf, seed: 1 }, net);
    for (let i = 0; i < 64; i++) s.step();
  };
  return {
    signaturePdeGramMs: medianMs(3, () => pdeGram(paths, 2, nsk)),
    cresnetSharedNetMs: medianMs(3, cresnet(true)),
    cresnetUnsharedNetMs: medianMs(3, cresnet(false)),
    haarLayer512Ms: medianMs(5, (net) => haarLayer(7, Domain.weight, net, 2, n, n).apply(H, 2, out)),
    correlationLawMs: medianMs(5, (i) => correlationLaw({ cp: 0, cm: -1, rho0: 0.3 + 0.05 * i, T: 1 })),
    note: 'median of 5 (controlled ResNet and PDE: of 3) after a warm-up; the page needs correlationLaw well under a frame budget of ~100 ms while dragging',
  };
}
