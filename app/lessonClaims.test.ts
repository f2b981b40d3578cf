/**
 * Issue 14 §1: every lesson's claim holds for the data the lesson shows. Each test runs the lesson's
 * own spec through the engine (runSpecStreaming, the CLI's function, on the CPU backend) and derives
 * each statement of the claim from the result — signs, slopes and comparisons with their standard
 * errors — never by comparing text with itself. The claim text is checked only for the numbers it
 * quotes (so that a change of spec that breaks the claim fails here).
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../src/backends/cpu/cpuBackend.ts';
import type { Spec } from '../src/core/spec.ts';
import type { CommuteBlock } from '../src/experiments/commuteMap.ts';
import type { ContrastBlock } from '../src/experiments/contrast.ts';
import type { FiniteWidthBlock } from '../src/experiments/finiteWidthView.ts';
import { logLogSlope } from '../src/experiments/fit.ts';
import type { RegimeBlock } from '../src/experiments/fixedWidth.ts';
import type { PhaseDiagramBlock } from '../src/experiments/phaseDiagram.ts';
import { runSpecStreaming } from '../src/experiments/runSpec.ts';
import type { LabResult } from '../src/experiments/result.ts';
import type { SdeViewBlock } from '../src/experiments/sdeView.ts';
import type { WidthSweepBlock } from '../src/experiments/widthSweep.ts';
import type { SignatureViewBlock } from '../src/experiments/signatureView.ts';
import { theoryBlock } from '../src/archs/theory.ts';
import { activation } from '../src/core/activations.ts';
import type { GeometryBlock } from '../src/geometry/geometryBlocks.ts';
import { curveMeanField } from '../src/geometry/meanField.ts';
import { criticality, criticalSw2 } from '../src/theory/criticality.ts';
import { decodeSpec } from '../src/url/codec.ts';
import { computeTheory } from './engine/theory.ts';
import { LESSONS } from './presets.ts';
import { CLOSE_LOG_SD, FAR_LOG_SD, heMlpCaption } from './views/contrastData.ts';
import { alphaZeroGrowth, qSpreadSentence } from './views/depthData.ts';
import { driftTitle, signChange } from './views/regimeData.ts';

const cpu = createCpuBackend();
/** Lesson runs take seconds on an idle core; a loaded test machine may take many times longer (a deadlock guard, not a timing). */
const SLOW = 600_000;

function lesson(id: string): { spec: Spec; claim: string } {
  const l = LESSONS.find((x) => x.id === id);
  if (!l) throw new Error(`no lesson ${id}`);
  const d = decodeSpec(l.url);
  expect(d.issues).toEqual([]);
  return { spec: { ...d.spec, backend: 'cpu' }, claim: l.claim };
}

async function run(spec: Spec): Promise<LabResult> {
  return (await runSpecStreaming(spec, { backend: cpu })).result;
}

const last = <T>(a: readonly T[]): T => a[a.length - 1];

describe('every lesson is covered here', () => {
  it('each lesson id has a claim test below', () => {
    const tested = ['nngp', 'relu-he', 'edge-of-chaos', 'commute-mlp-resnet', 'branch-scaling', 'fixed-width-3-vs-4', 'shaped-sde', 'three-limits', 'finite-l-over-n', 'orthogonal-weights', 'attention-rank-collapse', 'signature-sharing', 'circle-to-fractal',
      // Issue 17's training lessons: claims tested in lessonClaims.training.test.ts.
      'mup-transfer', 'kernel-machine'];
    expect(LESSONS.map((l) => l.id).sort()).toEqual([...tested].sort());
  });
});

describe('lesson claims, derived from a run of the lesson', () => {
  it('nngp: the spread of ρ̂ falls like n^{−1/2}; its bias is below the Monte Carlo error of M = 200', { timeout: SLOW }, async () => {
    const { spec } = lesson('nngp');
    const b = (await run(spec)).width as WidthSweepBlock;
    // Spread: the sd over networks, fitted over the widths ≥ 16 (asymptotic regime).
    const wide = b.n.map((_, i) => i).filter((i) => b.n[i] >= 16);
    const sdSlope = logLogSlope(wide.map((i) => b.n[i]), wide.map((i) => b.rho.sd[i]));
    expect(sdSlope).toBeGreaterThan(-0.6);
    expect(sdSlope).toBeLessThan(-0.4);
    // Bias: within 3 SE of zero at every width (not resolved by M = 200, as the claim says).
    for (let i = 0; i < b.n.length; i++) expect(Math.abs(b.rho.mean[i] - b.limit.rho), `n = ${b.n[i]}`).toBeLessThan(3 * (b.rho.sd[i] / Math.sqrt(b.M)));
    expect(b.M).toBe(200);
  });

  it('relu-he: ρ → 1 and the median follows; E q̂ stays at 2 while the median falls below 1 and the 90 % band spans two decades', { timeout: SLOW }, async () => {
    const { spec, claim } = lesson('relu-he');
    const r = await run(spec);
    const th = r.theory;
    const mc = r.mc!;
    // ρ^ℓ increases towards 1, and 1 − ρ^ℓ falls faster than 1/ℓ (O(ℓ^{−2})).
    for (let i = 1; i < th.rho.length; i++) expect(th.rho[i]).toBeGreaterThanOrEqual(th.rho[i - 1]);
    expect(last(th.rho)).toBeGreaterThan(0.97);
    const gap = (l: number) => 1 - th.rho[th.layers.indexOf(l)];
    expect(Math.log(gap(25) / gap(50)) / Math.log(2)).toBeGreaterThan(1.5);
    expect(Math.abs(last(mc.rho.p50) - last(th.rho))).toBeLessThan(0.05);
    // q^ℓ = σw² q₁ = 2 at every layer; the Monte Carlo mean within 3 SE of it at the last layer.
    for (const q of th.q11) expect(q).toBeCloseTo(2, 12);
    const i = mc.layers.length - 1;
    expect(Math.abs(mc.q11.mean[i] - 2)).toBeLessThan(3 * (mc.q11.sd[i] / Math.sqrt(mc.M)));
    // The typical network: the median below 1, the 90 % band over two decades (what the plot draws).
    expect(mc.q11.p50[i]).toBeLessThan(1);
    expect(mc.q11.p95[i] / mc.q11.p05[i]).toBeGreaterThan(100);
    // √(5ℓ/n) against the measured sd of log q̂ (live networks).
    expect(Math.sqrt(mc.logq11.var[i])).toBeGreaterThan(0.7 * Math.sqrt((5 * spec.L) / spec.n));
    expect(Math.sqrt(mc.logq11.var[i])).toBeLessThan(1.3 * Math.sqrt((5 * spec.L) / spec.n));
    expect(claim).toContain('n = 128');
    expect(spec).toMatchObject({ n: 128, L: 50, sw2: 2, act: 'relu' });
    // The q-panel caption quotes the median and the 90 % range the plot draws at ℓ = 50.
    const sentence = qSpreadSentence(mc, last(th.q11));
    const numbers = [...sentence.matchAll(/(\d+(?:\.\d+)?)/g)].map((m) => Number(m[1]));
    expect(sentence).toMatch(/median/);
    for (const v of [mc.q11.p50[i], mc.q11.p05[i], mc.q11.p95[i]]) expect(numbers.some((x) => Math.abs(x - v) <= 0.005 * Math.abs(v) + 1e-3), String(v)).toBe(true);
  });

  it('edge-of-chaos: χ₁ = 1 on the critical line, ξ_c large beside it; χ₁ < 1 on one side, > 1 on the other', { timeout: SLOW }, async () => {
    const { spec } = lesson('edge-of-chaos');
    const b = (await run(spec)).phase as PhaseDiagramBlock;
    const line = b.criticalLine;
    expect(line.sw2.length).toBeGreaterThan(3);
    // Along each row σb², χ₁ crosses 1 at the line: below it on the left, above on the right.
    const row = b.sb2.findIndex((s) => s > 0.02);
    const chi = b.chi1[row];
    const left = chi.findIndex((c) => c !== null && c < 1);
    const right = chi.findIndex((c) => c !== null && c > 1);
    expect(left).toBeGreaterThanOrEqual(0);
    expect(right).toBeGreaterThan(left);
    // ξ_c is largest next to the line and grows as the grid approaches it.
    const xi = b.xiC[row].map((x) => x ?? 0);
    const peak = xi.indexOf(Math.max(...xi));
    expect(Math.abs(chi[peak]! - 1)).toBeLessThan(0.15);
    expect(xi[peak]).toBeGreaterThan(5 * Math.min(...xi.filter((x) => x > 0)));
  });

  it('commute-mlp-resnet: the MLP spread of log q̂ depends on L/n, the L^{−1/2} ResNet on n alone', { timeout: SLOW }, async () => {
    const { spec } = lesson('commute-mlp-resnet');
    const b = (await run(spec)).commute as CommuteBlock;
    expect(b).toMatchObject({ stat: 'sd', obs: 'logq' });
    const at = (id: string, n: number, L: number) => b.variants.find((v) => v.id === id)!.cells.value[b.L.indexOf(L)][b.n.indexOf(n)];
    // MLP: about the same along a diagonal (L/n = 1/4 and 1, widths ≥ 16: within 30 %; the sd of an
    // sd over M = 100 networks is about 7 %), growing fourfold with L at fixed n.
    for (const ratio of [0.25, 1]) {
      const diag = b.n.filter((n) => b.L.includes(n * ratio) && n >= 16).map((n) => at('mlp', n, n * ratio));
      expect(diag.length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...diag) / Math.min(...diag)).toBeLessThan(1.3);
    }
    expect(at('mlp', 16, 64)).toBeGreaterThan(2.5 * at('mlp', 16, 4));
    // ResNet, branch L^{−1/2}: shrinks with n (≈ n^{−1/2}) and stays bounded in L at fixed n.
    const col = b.L.filter((L) => L >= 4).map((L) => at('resnet-sqrt', 16, L));
    expect(Math.max(...col) / Math.min(...col)).toBeLessThan(1.5);
    const slope = logLogSlope(b.n, b.n.map((n) => at('resnet-sqrt', n, 64)));
    expect(slope).toBeGreaterThan(-0.65);
    expect(slope).toBeLessThan(-0.35);
    // Along the same diagonal the MLP's spread stays put while the ResNet's shrinks: the limits do not commute for one.
    expect(at('resnet-sqrt', 256, 64) / at('resnet-sqrt', 16, 4)).toBeLessThan(0.5);
  });

  it('branch-scaling: α = 0 grows geometrically for this ReLU net (linearly for tanh), α = 1 stays near the input, α = ½ has the ODE limit', { timeout: SLOW }, () => {
    const { spec } = lesson('branch-scaling');
    const out = computeTheory(spec, 'exact');
    const growth = alphaZeroGrowth(out.alphas);
    expect(growth).toMatch(/geometrically/);
    const a0 = out.alphas!.find((a) => a.alpha === 0)!.block.q11;
    // Geometric: a constant ratio per block, 1 + σw²/2 for ReLU.
    expect(a0[20] / a0[19]).toBeCloseTo(1 + spec.sw2 / 2, 6);
    // With tanh the same caption says linear, and the data agree: equal increments at the end.
    const tanh = computeTheory({ ...spec, act: 'tanh', sw2: 1, M: 0 }, 'exact');
    expect(alphaZeroGrowth(tanh.alphas)).toMatch(/linearly/);
    const t0 = tanh.alphas!.find((a) => a.alpha === 0)!.block.q11;
    const inc = (i: number) => t0[i] - t0[i - 1];
    expect(inc(t0.length - 1) / inc(Math.floor(t0.length / 2))).toBeGreaterThan(0.8);
    expect(inc(t0.length - 1) / inc(Math.floor(t0.length / 2))).toBeLessThan(1.25);
    // α = 1: within O(1/L) of the input kernel; α = ½: the ODE value, finite and away from both.
    const a1 = out.alphas!.find((a) => a.alpha === 1)!.block;
    expect(Math.abs(last(a1.q11) / a1.q11[0] - 1)).toBeLessThan(3);
    const half = theoryBlock({ ...spec, alpha: 0.5 });
    expect(last(half.q11)).toBeLessThan(last(a0) / 1e6);
    expect(out.limit?.q11.every(Number.isFinite)).toBe(true);
  });

  it('fixed-width-3-vs-4: negative at n ≤ 3, positive at n ≥ 4 (each > 3 SE); single networks shrink and grow about equally often', { timeout: SLOW }, async () => {
    const { spec, claim } = lesson('fixed-width-3-vs-4');
    const b = (await run(spec)).regime as RegimeBlock;
    for (let i = 0; i < b.n.length; i++) {
      const z = b.mean[i] / b.se[i];
      if (b.n[i] <= 3) expect(z, `n = ${b.n[i]}`).toBeLessThan(-3);
      else expect(z, `n = ${b.n[i]}`).toBeGreaterThan(3);
    }
    expect(signChange(b)).toEqual([3, 4]);
    expect(driftTitle(b)).toBe('Fixed width, infinite depth: the drift changes sign between n = 3 and n = 4');
    // At t = 1 the drift is small next to the noise: P(norm shrinks) between 0.4 and 0.6 at n = 3 and 4
    // (normal approximation of the log-ratio: Φ(−mean/sd)).
    for (const n of [3, 4]) {
      const i = b.n.indexOf(n);
      const z = b.mean[i] / Math.sqrt(b.var[i]);
      expect(Math.abs(z)).toBeLessThan(0.25);
    }
    expect(claim).toContain('\\sigma_w^2 = 1');
    expect(spec.sw2).toBe(1);
  });

  it('shaped-sde: the law of ρ̂ approaches the SDE law as n grows at fixed T, and that law is spread, not a point', { timeout: SLOW }, async () => {
    const { spec } = lesson('shaped-sde');
    const r = await run(spec);
    const b = r.sdeView as SdeViewBlock;
    expect(b.law.sd).toBeGreaterThan(0.1);
    const c = b.convergence;
    expect(c.w1[c.w1.length - 1]).toBeLessThan(c.w1[0]);
    // Every width within reach of the law: the widest stands within 3 noise floors of it.
    expect(last(c.w1)).toBeLessThan(3 * last(c.floorW1));
    // The networks' own spread matches the law's (within 20 %), far from a point.
    const rho = r.mc!.rho;
    expect(last(rho.sd) / b.law.sd).toBeGreaterThan(0.8);
    expect(last(rho.sd) / b.law.sd).toBeLessThan(1.2);
  });

  it('three-limits: at L/n = 1 the He-MLP is far from its point limit but matches its log-normal law; shaped follows the SDE; the ResNet sits near its ODE', { timeout: SLOW }, async () => {
    const { spec } = lesson('three-limits');
    const b = (await run(spec)).contrast as ContrastBlock;
    expect(b.T).toBe(1);
    const v = (id: string) => b.variants.find((x) => x.id === id)!;
    const he = v('he-mlp');
    expect(he.logq.summary.sd).toBeGreaterThan(FAR_LOG_SD);
    expect(heMlpCaption(he, '1')).toMatch(/far from that point/);
    // Its log-normal limit: the measured mean and sd of log(q̂/q∞) within 10 % of the law's.
    expect(he.logq.limit.var).toBeGreaterThan(0);
    expect(Math.abs(he.logq.summary.mean - he.logq.limit.mean)).toBeLessThan(0.1 * Math.abs(he.logq.limit.mean) + 4 * he.logq.summary.sd / Math.sqrt(b.M));
    expect(he.logq.summary.sd / Math.sqrt(he.logq.limit.var)).toBeGreaterThan(0.9);
    expect(he.logq.summary.sd / Math.sqrt(he.logq.limit.var)).toBeLessThan(1.1);
    // Shaped: spread like the SDE law (a law, not a point).
    const shaped = v('shaped');
    if (shaped.limit.kind !== 'law') throw new Error('the shaped limit is a law');
    expect(shaped.summary.sd / shaped.limit.sd).toBeGreaterThan(0.8);
    expect(shaped.summary.sd / shaped.limit.sd).toBeLessThan(1.2);
    // ResNet: concentrated near the ODE value.
    const res = v('resnet-sqrt');
    if (res.limit.kind !== 'point') throw new Error('the ResNet limit is a point');
    expect(Math.abs(res.summary.p50 - res.limit.rho)).toBeLessThan(0.05);
    expect(res.summary.sd).toBeLessThan(0.5 * shaped.summary.sd);
  });

  it('finite-l-over-n: bias resolved at every width; the 1/n prediction within 2 SE at L/n ≤ 1/2, off by > 3 SE at L/n ≥ 1', { timeout: SLOW }, async () => {
    const { spec } = lesson('finite-l-over-n');
    const r = await run(spec);
    const b = r.finite as FiniteWidthBlock;
    const e = b.rho;
    for (let i = 0; i < b.n.length; i++) {
      const bias = e.mean[i] - e.limit;
      const predicted = e.corrected[i]! - e.limit;
      const ratio = spec.L / b.n[i];
      expect(Math.abs(bias), `n = ${b.n[i]}: SE at most a third of the effect`).toBeGreaterThan(3 * e.se[i]);
      if (ratio <= 0.5) expect(Math.abs(bias - predicted), `n = ${b.n[i]}`).toBeLessThan(2 * e.se[i]);
      else expect(bias - predicted, `n = ${b.n[i]}`).toBeGreaterThan(3 * e.se[i]);
    }
    const i4 = b.n.indexOf(4);
    const twice = (e.mean[i4] - e.limit) / (e.corrected[i4]! - e.limit);
    expect(twice).toBeGreaterThan(1.6);
    expect(twice).toBeLessThan(2.2);
    expect(b.n.some((n) => spec.L / n <= 0.5)).toBe(true);
    expect(b.n.some((n) => spec.L / n >= 1)).toBe(true);
  });

  it('orthogonal-weights: the spread of log q̂ does not grow with depth; with Gaussian weights it grows like √(ℓ/n)', { timeout: SLOW }, async () => {
    const { spec } = lesson('orthogonal-weights');
    const orth = (await run(spec)).mc!;
    const gauss = (await run({ ...spec, weights: 'gaussian' })).mc!;
    const sd = (mc: typeof orth, l: number) => Math.sqrt(mc.logq11.var[mc.layers.indexOf(l)]);
    // Orthogonal: the same law at every depth (Beta law independent of L): within 15 % (M = 200).
    expect(sd(orth, spec.L) / sd(orth, 1)).toBeGreaterThan(0.85);
    expect(sd(orth, spec.L) / sd(orth, 1)).toBeLessThan(1.15);
    // Gaussian: sd(64)/sd(16) ≈ √(64/16) = 2 (within 25 %).
    expect(sd(gauss, 64) / sd(gauss, 16)).toBeGreaterThan(1.5);
    expect(sd(gauss, 64) / sd(gauss, 16)).toBeLessThan(2.5);
    // Same infinite-width kernel.
    expect(theoryBlock(spec).q11).toEqual(theoryBlock({ ...spec, weights: 'gaussian' }).q11);
  });
});

describe('lesson claims: controlled ResNets (issue 16)', () => {
  it('signature-sharing: unshared networks stay at σ0² = 1 (the ODE) at every depth, shared ones reach the PDE kernel it quotes', { timeout: SLOW }, async () => {
    const { spec, claim } = lesson('signature-sharing');
    const b = (await run(spec)).signatureView as SignatureViewBlock;
    // The ODE limit is σ0² = 1: ⟨ẋ_t, ẏ_t⟩ = 0 at every t.
    expect(spec.s02).toBe(1);
    expect(Math.abs(b.limits.ode - 1)).toBeLessThan(1e-12);
    // Fresh weights: the mean at every depth within 4 SE of its width-∞ kernel, which is 1 (φ = id: exact in mean at any n).
    b.depth.L.forEach((L, i) => {
      const u = b.depth.unshared[i];
      expect(Math.abs(u.widthLimit - 1), `L = ${L}`).toBeLessThan(1e-12);
      expect(Math.abs(u.mean - 1), `L = ${L}`).toBeLessThan(4 * u.se);
    });
    // Shared weights: the width-∞ kernel rises with L towards the PDE; the networks' mean at the
    // largest L is within 4 SE plus a stated bias of the PDE kernel — depth |K_L − K_PDE| and finite
    // width ≤ 5 % (c/n with c ≈ 1.7 fitted in numpy for paths of this size, tools/fixtures/cresnet.json: 2.7 % at n = 64).
    const s = b.depth.shared;
    for (let i = 1; i < s.length; i++) expect(s[i].widthLimit).toBeGreaterThan(s[i - 1].widthLimit);
    const top = s[s.length - 1];
    expect(Math.abs(top.mean - b.limits.pde)).toBeLessThan(4 * top.se + Math.abs(top.widthLimit - b.limits.pde) + 0.05 * b.limits.pde);
    expect(top.mean - 1).toBeGreaterThan(10 * top.se);
    // The number the claim quotes is the PDE kernel's.
    expect(claim).toContain(`$K = ${b.limits.pde.toFixed(2)}$`);
  });
});

describe('lesson claims: input geometry (issue 18)', () => {
  it('circle-to-fractal: chaotic χ₁ = 1.342, growth √χ₁ = 1.159 a layer at q* = 2.195, 12.6 → 94; networks follow within the bias; polygon saturates; PR 2 → about 8; critical keeps, ordered shrinks', { timeout: SLOW }, async () => {
    const { spec, claim } = lesson('circle-to-fractal');
    const r = await run(spec);
    const g = r.geometry as GeometryBlock;
    const cr = criticality(activation('tanh'), spec.sw2, spec.sb2);
    expect(cr.phase).toBe('chaotic');
    expect(claim).toContain(`\\chi_1 = ${cr.chi1.toFixed(3)}`);
    expect(claim).toContain(`q^* = ${cr.qStar.toFixed(3)}`);
    expect(claim).toContain(`\\sqrt{\\chi_1} = ${Math.sqrt(cr.chi1).toFixed(3)}`);
    // The mean field's per-layer factor has converged to √χ₁ over the last layers (q^ℓ → q*).
    const n = g.layers.length;
    expect(g.meanField.length[n - 1] / g.meanField.length[n - 2]).toBeCloseTo(Math.sqrt(cr.chi1), 3);
    expect(claim).toContain(`from ${g.meanField.length[0].toFixed(1)} at $\\ell = 1$ to ${Math.round(g.meanField.length[n - 1])} at $\\ell = ${g.layers[n - 1]}$`);
    // The networks' mean length: within 4 SE + 2|b| of the mean field shifted by its bias b (docs/DESIGN.md §9.4), at every layer.
    for (let i = 0; i < n; i++) {
      const b = g.meanField.lengthBias[i]!;
      const se = g.length.sd[i] / Math.sqrt(g.M);
      expect(Math.abs(g.length.mean[i] - g.meanField.length[i] * (1 + b)), `layer ${g.layers[i]}`).toBeLessThan(4 * se + Math.abs(b) * g.meanField.length[i]);
    }
    // The polygon barely grows: over the last 5 layers by less than a third of the curve's growth.
    const grow = (a: number[]) => Math.log(a[n - 1] / a[n - 6]);
    expect(grow(g.polygonLength.mean)).toBeLessThan(grow(g.length.mean) / 3);
    expect(grow(g.meanField.polygonLength)).toBeLessThan(grow(g.meanField.length) / 3);
    // Participation ratio: 2 at the first layer, about 8 (7 to 9) at the last.
    expect(g.participationRatio.p50[0]).toBeGreaterThan(1.9);
    expect(g.participationRatio.p50[0]).toBeLessThan(2.1);
    expect(g.participationRatio.p50[n - 1]).toBeGreaterThan(7);
    expect(g.participationRatio.p50[n - 1]).toBeLessThan(9);
    // The conditional sentences, from the mean field at the critical σw² and in the ordered phase (on their fixed points).
    const critical = criticalSw2(activation('tanh'), spec.sb2);
    if (!critical.ok) throw new Error(critical.reason);
    for (const [sw2, check] of [[critical.sw2, (ratio: number) => expect(ratio).toBeCloseTo(1, 6)], [1, (ratio: number) => expect(ratio).toBeLessThan(0.9)]] as const) {
      const c = criticality(activation('tanh'), sw2, spec.sb2);
      const mf = curveMeanField({ ...spec, sw2 }, { k: 16, q: (c.qStar - spec.sb2) / sw2 });
      check(mf.length[mf.length.length - 1] / mf.length[mf.length.length - 2]);
    }
  });
});

describe('data-dependent captions, derived from runs of the default views', () => {
  it('Three limits at its defaults (n = 256, L = 20): the He-MLP caption says close or far as the measured spread says', { timeout: SLOW }, async () => {
    const spec = { ...decodeSpec('view=contrast').spec, backend: 'cpu' as const };
    const b = (await run(spec)).contrast as ContrastBlock;
    const he = b.variants.find((x) => x.id === 'he-mlp')!;
    const T = String(spec.L / spec.n);
    const sd = he.logq.summary.sd;
    expect(heMlpCaption(he, T)).toMatch(sd > FAR_LOG_SD ? /far from that point/ : sd < CLOSE_LOG_SD ? /close to that point/ : /a visible spread around that point/);
    // At T = 20/256 the spread is moderate (√(5T) ≈ 0.6): the default caption must not call it far.
    expect(sd).toBeLessThan(FAR_LOG_SD);
    expect(heMlpCaption(he, T)).not.toMatch(/nowhere near|misleading/);
    // …and it matches the log-normal law drawn (within 15 %).
    expect(sd / Math.sqrt(he.logq.limit.var)).toBeGreaterThan(0.85);
    expect(sd / Math.sqrt(he.logq.limit.var)).toBeLessThan(1.15);
  });

  it('Fixed width at its defaults: the title names a sign change only where ±2 SE resolve it', { timeout: SLOW }, async () => {
    const spec = { ...decodeSpec('view=regime').spec, backend: 'cpu' as const };
    const b = (await run(spec)).regime as RegimeBlock;
    const change = signChange(b);
    if (change) {
      const [a, c] = [b.n.indexOf(change[0]), b.n.indexOf(change[1])];
      expect(b.mean[a] + 2 * b.se[a]).toBeLessThan(0);
      expect(b.mean[c] - 2 * b.se[c]).toBeGreaterThan(0);
      expect(driftTitle(b)).toContain(`between n = ${change[0]} and n = ${change[1]}`);
    } else expect(driftTitle(b)).not.toMatch(/changes sign between/);
  });

  it('Fixed width, identity φ with σb² > 0: the σb = 0 law is not drawn, and the networks indeed leave it', { timeout: SLOW }, async () => {
    const spec = { ...decodeSpec('view=regime&arch=resnet&act=identity&sw2=1&sb2=1&n=4&L=16&M=2000').spec, backend: 'cpu' as const };
    const b = (await run(spec)).regime as RegimeBlock;
    expect(b.identityMean).toEqual([]);
    const i = b.n.indexOf(4);
    // N(σw²(1 − 2/n), 4σw²/n) would give mean 0.5: the measured mean is far above it (bias adds length).
    expect(b.mean[i] - 0.5).toBeGreaterThan(5 * b.se[i]);
    // With σb² = 0 the law is drawn and the networks follow it (mean within 4 SE plus the O(1/L) Euler bias).
    const b0 = (await run({ ...spec, sb2: 0 })).regime as RegimeBlock;
    expect(b0.identityMean[i]).toBeCloseTo(0.5, 12);
    expect(Math.abs(b0.mean[i] - 0.5)).toBeLessThan(4 * b0.se[i] + 0.05);
  });

  it('Shaped SDE (lesson spec): a rate is fitted exactly when two or more widths stand above their noise floor', { timeout: SLOW }, async () => {
    const { spec } = lesson('shaped-sde');
    const c = ((await run(spec)).sdeView as SdeViewBlock).convergence;
    const above = c.n.filter((_, i) => c.w1[i] > 2 * c.floorW1[i]).length;
    expect(Number.isFinite(c.slopeW1)).toBe(above >= 2);
    const aboveKs = c.n.filter((_, i) => c.ks[i] > 2 * c.floorKs[i]).length;
    expect(Number.isFinite(c.slopeKs)).toBe(aboveKs >= 2);
    // The floors are the expected distance of M exact draws: positive and falling like M^{−1/2}.
    for (const f of [...c.floorW1, ...c.floorKs]) expect(f).toBeGreaterThan(0);
  });

  it('the phase note for a linear network says correlations stay at ρ₀ (σb² = 0), and the data agree', { timeout: SLOW }, async () => {
    const spec = { ...decodeSpec('view=phase&act=identity&M=0&grid=5').spec, backend: 'cpu' as const };
    const b = (await run(spec)).phase as PhaseDiagramBlock;
    expect(b.notes.join(' ')).toMatch(/stay at ρ₀/);
    expect(b.notes.join(' ')).not.toMatch(/converge to 1 at every σw²/);
    const th = theoryBlock({ ...spec, view: 'depth', sb2: 0, L: 30 });
    for (const r of th.rho) expect(r).toBeCloseTo(spec.rho0, 12);
  });
});

describe('lesson claims: attention (issue 15 §2)', () => {
  it('attention-rank-collapse: standard attention collapses (median > 0.99 by layer 10, p05 = 1 to 4 digits at 100); shaped attention stays spread with mean < 0.6', { timeout: SLOW }, async () => {
    const { spec, claim } = lesson('attention-rank-collapse');
    expect(spec.arch).toBe('attention');
    expect(spec.rho0).toBe(0.2);
    expect(spec.L).toBe(100);
    expect(claim).toMatch(/0\.2/);
    const mc = (await run(spec)).mc!;
    const at = (l: number) => mc.layers.indexOf(l);
    expect(mc.rho.p50[at(0)]).toBeLessThan(0.4);
    expect(mc.rho.p50[at(10)]).toBeGreaterThan(0.99);
    expect(mc.rho.p05[at(100)]).toBeGreaterThan(1 - 5e-5);
    // The same networks' sizes, shaped attention: T = L/n = 100/64 ≈ 1.6 as the claim quotes.
    expect(claim).toMatch(/T = L\/n \\approx 1\.6/);
    expect(Math.abs(spec.L / spec.n - 1.6)).toBeLessThan(0.05);
    const shaped = (await run({ ...spec, arch: 'shapedattn' })).mc!;
    const i = shaped.layers.indexOf(100);
    expect(shaped.rho.p95[i] - shaped.rho.p05[i]).toBeGreaterThan(1);
    const se = shaped.rho.sd[i] / Math.sqrt(shaped.M);
    expect(shaped.rho.mean[i] + 3 * se).toBeLessThan(0.6);
  });
});

