/**
 * Depth profile data: the infinite-width limit at every layer (line), the ResNet ODE when it
 * applies (dashed), and the Monte Carlo median (points) with p25–p75 and p05–p95 bands.
 * Only selects and relabels engine output; nothing here is physics.
 */
import { archOf } from '../../src/archs/index.ts';
import { pageArch } from '../archs/index.ts';
import type { Spec } from '../../src/core/spec.ts';
import { faultsOf, limitFaults, theoryFaults, type Fault } from '../../src/experiments/faults.ts';
import type { LimitBlock, McBlock, TheoryBlock } from '../../src/experiments/result.ts';
import type { AlphaCurve } from '../engine/theory.ts';
import { BAND_OPACITY, OKABE_ITO, ROLE_COLOR } from '../plots/theme.ts';
import type { FaultSeries, ScaleKind, XYPlotData, XYSeries } from '../plots/types.ts';
import { formatCount, formatValue, LAYER_AXIS, STAT_LABEL, type KernelStat } from './labels.ts';

/** Depth on a log axis once the profile is long, where layers start at 1 (a log axis has no layer 0). */
export function layerScale(spec: Spec): ScaleKind {
  return archOf(spec).firstLayer === 1 && spec.L >= 200 ? 'log' : 'linear';
}

/** Whether the architecture has a branch exponent α (the ResNet: its α curves and captions). */
export function hasBranchExponent(spec: Pick<Spec, 'arch'>): boolean {
  return archOf(spec).controls.includes('alpha');
}

/** q^ℓ can grow or decay geometrically: log scale when its finite values span more than a factor 30. */
export function valueScale(stat: KernelStat, values: readonly ArrayLike<number>[]): ScaleKind {
  if (stat === 'rho') return 'linear';
  // One pass over each curve, no copies: a ResNet at L = 10⁴ has four curves of 10⁴ layers (issue 14 §8).
  let lo = Infinity;
  let hi = -Infinity;
  for (const curve of values) {
    for (let i = 0; i < curve.length; i++) {
      const v = curve[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(lo <= hi) || lo <= 0) return 'linear';
  return hi / lo > 30 ? 'log' : 'linear';
}

/** How each branch exponent behaves as L → ∞ (Hayou & Yang 2023), for the thin ResNet curves. */
export const ALPHA_STYLE: Record<string, { name: string; note: string; color: string; dash: string }> = {
  '0': { name: 'α = 0', note: 'grows with depth', color: OKABE_ITO.orange, dash: '3 3' },
  '0.5': { name: 'α = ½', note: 'the non-trivial limit', color: OKABE_ITO.purple, dash: '10 4' },
  '1': { name: 'α = 1', note: '→ identity', color: OKABE_ITO.skyBlue, dash: '4 3' },
};

/** Thin limit curves of the ResNet at α = 0, 1/2, 1 (context for the chosen α). */
export function alphaSeries(stat: KernelStat, alphas: readonly AlphaCurve[] | undefined): XYSeries[] {
  return (alphas ?? []).map((a) => {
    const style = ALPHA_STYLE[String(a.alpha)] ?? { name: `α = ${a.alpha}`, note: '', color: '#6b7280', dash: '4 3' };
    return {
      kind: 'line',
      id: `alpha-${String(a.alpha).replace('.', '_')}`,
      label: `${style.name}: ${style.note}`,
      color: style.color,
      dash: style.dash,
      width: 2.5,
      endLabel: style.name,
      x: a.block.layers,
      y: a.block[stat],
    };
  });
}

const CAUSE_WORDS: Record<Fault['cause'], string> = {
  overflow: 'overflows',
  underflow: 'underflows',
  nan: 'is undefined',
  dead: 'every network dead',
  empty: 'no sample',
};

/**
 * The marker where a curve ends because its values left the float format (issue 20): at the last
 * drawable point before the fault's layer, with a short message (the full one on hover).
 */
export function faultMarker(id: string, who: string, color: string, fault: Fault, x: ArrayLike<number>, y: ArrayLike<number>, xUnit = 1): FaultSeries {
  let last = -1;
  for (let i = 0; i < x.length && x[i] < fault.layer; i++) if (Number.isFinite(y[i])) last = i;
  const at = fault.block === 'limit' ? `t = ${fault.layer}` : `layer ${fault.layer}`;
  const format = fault.message.includes('f32') ? 'f32' : 'f64';
  const what = fault.cause === 'dead' ? 'every network dead' : `${CAUSE_WORDS[fault.cause]}${fault.cause === 'overflow' || fault.cause === 'underflow' ? ` ${format}` : ''}`;
  return {
    kind: 'fault',
    id,
    label: `${who}: ${what} at ${at}${fault.cause === 'overflow' || fault.cause === 'nan' || fault.cause === 'dead' ? '; the curve ends' : ''}`,
    legend: false,
    color,
    x: (last >= 0 ? x[last] : fault.layer) * xUnit,
    y: last >= 0 ? y[last] : NaN,
    detail: fault.message,
  };
}

/** Faults of a block, found once per block: the ρ and q panels both read them (a scan of every quantity at every layer). */
const theoryFaultsOf = new WeakMap<TheoryBlock, Fault[]>();
const limitFaultsOf = new WeakMap<LimitBlock, Fault[]>();
function cached<B extends object>(cache: WeakMap<B, Fault[]>, block: B, find: (block: B) => Fault[]): Fault[] {
  let faults = cache.get(block);
  if (!faults) cache.set(block, (faults = find(block)));
  return faults;
}

export function depthPlot(
  stat: KernelStat,
  spec: Spec,
  theory: { block?: TheoryBlock; limit?: LimitBlock; alphas?: readonly AlphaCurve[] } | undefined,
  mc: McBlock | undefined,
  /** The run's faults (result.faults): the Monte Carlo's are drawn; the theory's are derived from the block shown. */
  runFaults?: readonly Fault[],
): XYPlotData {
  const label = STAT_LABEL[stat];
  const series: XYSeries[] = [];
  const ghosts = hasBranchExponent(spec) ? alphaSeries(stat, theory?.alphas) : [];
  if (mc) {
    const q = mc[stat];
    series.push(
      { kind: 'band', id: 'mc-p05-p95', label: 'p05–p95', color: ROLE_COLOR.mc, opacity: BAND_OPACITY.outer, x: mc.layers, lo: q.p05, hi: q.p95 },
      { kind: 'band', id: 'mc-p25-p75', label: 'p25–p75', color: ROLE_COLOR.mc, opacity: BAND_OPACITY.inner, x: mc.layers, lo: q.p25, hi: q.p75 },
    );
  }
  series.push(...ghosts);
  // A profile with no finite value is a limit that does not exist (standard attention: no
  // deterministic infinite-width kernel): nothing to draw, and no "the curve ends" marker.
  const hasLimit = theory?.block !== undefined && Array.from(theory.block[stat]).some(Number.isFinite);
  if (theory?.block && hasLimit) {
    const at = hasBranchExponent(spec) ? ` at α = ${spec.alpha}` : '';
    series.push({ kind: 'line', id: 'limit', label: `limit n → ∞${at}: ${label.limit}`, color: ROLE_COLOR.limit, x: theory.block.layers, y: theory.block[stat] });
  }
  if (theory?.limit) {
    const L = spec.L;
    series.push({
      kind: 'line',
      id: 'ode',
      label: pageArch(spec).limitLabel?.(spec) ?? 'ODE: n → ∞, then L → ∞',
      color: ROLE_COLOR.secondLimit,
      dash: '7 5',
      x: theory.limit.t.map((t) => t * L),
      y: theory.limit[stat],
    });
  }
  // Where a curve ends because its numbers left f64 (f32 on the GPU): a marker and a message.
  if (theory?.block && hasLimit) {
    const [f] = faultsOf(cached(theoryFaultsOf, theory.block, theoryFaults), 'theory', stat);
    if (f) series.push(faultMarker('fault-limit', `limit ${label.name}`, ROLE_COLOR.limit, f, theory.block.layers, theory.block[stat]));
  }
  if (theory?.limit) {
    const [f] = faultsOf(cached(limitFaultsOf, theory.limit, limitFaults), 'limit', stat);
    // The ODE's time t = ℓ/L: the marker is placed in layers, its message keeps t.
    if (f) series.push(faultMarker('fault-ode', `ODE ${label.name}`, ROLE_COLOR.secondLimit, f, theory.limit.t, theory.limit[stat], spec.L));
  }
  if (mc) {
    // Its own quantity's fault, else the end of every network (dead or underflowed), which ends every statistic.
    const f = faultsOf(runFaults, 'mc', stat)[0] ?? faultsOf(runFaults, 'mc', 'rho').find((x) => x.cause === 'dead' || x.cause === 'underflow');
    if (f) series.push(faultMarker('fault-mc', `Monte Carlo ${label.name}`, ROLE_COLOR.mc, f, mc.layers, mc[stat].p50));
  }
  if (mc) {
    series.push({ kind: 'points', id: 'mc-median', label: `median ${label.estimate}, M = ${formatCount(mc.M)}, n = ${formatCount(spec.n)}`, color: ROLE_COLOR.mc, x: mc.layers, y: mc[stat].p50 });
  }
  // Layers run from the architecture's first layer (0 for an embedding: ResNet, attention; else 1) to L: no axis beyond them.
  const first = archOf(spec).firstLayer;
  const xScale = layerScale(spec);
  const xDomain: [number, number] = xScale === 'log' ? [first / 1.15, spec.L * 1.15] : [first - Math.max(0.5, 0.02 * spec.L), spec.L + Math.max(0.5, 0.02 * spec.L)];
  // The thin α curves are part of the range: α = 0 can grow geometrically (ReLU), so q may go to a log axis.
  const values = [theory?.block?.[stat] ?? [], ...ghosts.map((g) => (g.kind === 'line' ? g.y : [])), ...(mc ? [mc[stat].p05, mc[stat].p95] : [])];
  return {
    title: `${label.name} against depth: infinite-width limit${mc ? ' and Monte Carlo over finite networks' : ''}`,
    xLabel: LAYER_AXIS,
    yLabel: label.axis,
    xScale,
    xDomain,
    yScale: valueScale(stat, values),
    series,
    emptyText: theory?.block ? undefined : 'computing the limit…',
  };
}

/**
 * How the α = 0 ResNet kernel grows with depth, read off its limit curve (issue 14 §1): bounded
 * activations add at most σw² per block (linear growth, e.g. tanh), positively homogeneous ones
 * multiply q by a constant (geometric growth, e.g. ReLU: 1 + σw²/2). The local log-log exponent
 * p = log₂(q^L/q^{L/2}) tells them apart: p ≈ 1 for linear growth, p ∝ L for geometric.
 */
export function alphaZeroGrowth(alphas: readonly AlphaCurve[] | undefined): string | undefined {
  const a0 = alphas?.find((a) => a.alpha === 0)?.block;
  if (!a0 || a0.q11.length < 5) return undefined;
  const q = a0.q11;
  const L = a0.layers[a0.layers.length - 1];
  const half = a0.layers.findIndex((l) => l >= L / 2);
  const qL = q[q.length - 1];
  const factor = qL / q[0];
  if (!Number.isFinite(qL) || qL > 1e300) return `the kernel grows geometrically with depth and overflows by $\\ell = ${L}$`;
  const p = Math.log2(qL / q[half]) / Math.log2(L / a0.layers[half]);
  const by = `$q^{${L}}/q^{0} = ${formatValue(factor, 3)}$`;
  if (p > 3) return `the kernel grows geometrically with depth (${by}): it explodes`;
  if (p > 0.5 && p < 1.5) return `the kernel grows about linearly with depth (${by}, local exponent ${formatValue(p, 2)}), as for any bounded activation: no explosion, but no depth limit either`;
  return `the kernel changes by ${by} over the depth (local log–log exponent ${formatValue(p, 2)})`;
}

/** The ResNet paragraph of the depth captions, with the α = 0 behaviour read off the data. */
export function resnetText(alphas: readonly AlphaCurve[] | undefined): string {
  const zero = alphaZeroGrowth(alphas) ?? 'the kernel is unscaled: it grows with depth';
  return ` Thin lines: the same limit for the branch exponents $\\alpha = 0$ (${zero}), $\\alpha = \\tfrac12$ — the only scaling with a non-trivial depth limit (Hayou & Yang 2023) — and $\\alpha = 1$ (the branches vanish: the network tends to the identity). For $\\alpha = \\tfrac12$, width first then depth gives the covariance ODE on $t = \\ell/L$ (dashed); depth first at fixed width gives the SDE $dY_t = \\sigma_w n^{-1/2}|\\varphi(Y_t)|\\,dB_t$ (Hayou 2022), of which this network is exactly the Euler scheme with step $1/L$.`;
}

/**
 * What the q-panel's points and bands show at the last recorded layer (issue 14 §1: the He lesson's
 * "lengths survive" holds for the mean and the limit, not for a typical network): the median and the
 * 90 % range of q̂ next to the limit.
 */
export function qSpreadSentence(mc: McBlock | undefined, limit: number | undefined): string {
  if (!mc || mc.layers.length === 0) return '';
  const i = mc.layers.length - 1;
  const q = mc.q11;
  const lim = limit !== undefined ? ` (the limit is ${formatValue(limit, 3)}, the networks' mean ${formatValue(q.mean[i], 3)})` : '';
  return ` At $\\ell = ${mc.layers[i]}$ the median $\\hat q$ of the networks is ${formatValue(q.p50[i], 3)} and 90 % of them lie in [${formatValue(q.p05[i], 3)}, ${formatValue(q.p95[i], 3)}]${lim}.`;
}
