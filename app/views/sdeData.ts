/**
 * The proportional-limit view (view=sde): sample paths of finite shaped networks next to paths of
 * the neural covariance SDE (t = l/n), the law of ρ̂_L against the SDE law of ρ_T (density, atoms
 * at ±1 as spikes), and the distance in law against n at fixed T, log–log, with the engine's fitted
 * slopes. Presentation only: binning, colours, labels.
 */
import { ABOVE_FLOOR, type SdeViewBlock } from '../../src/experiments/sdeView.ts';
import type { SdeLawCurve } from '../engine/theory.ts';
import { OKABE_ITO, ROLE_COLOR } from '../plots/theme.ts';
import type { AtomSpike, HistogramBin, HistogramData, XYPlotData, XYSeries } from '../plots/types.ts';
import { formatCount, formatValue } from './labels.ts';

/** The SDE law as the page draws it (the engine's block, or the main-thread theory). */
export type SdeLaw = Omit<SdeLawCurve, 'layer'>;

/** Atoms lighter than this are not drawn (they would be a spike for 1e−17 of mass). */
export const VISIBLE_ATOM = 1e-4;

export const SDE_COLOR = { net: ROLE_COLOR.mc, sde: ROLE_COLOR.limit } as const;

/** Equal bins on [lo, hi] as a density (count / (N · width)); non-finite values are skipped. */
export function densityBins(values: ArrayLike<number>, lo: number, hi: number, bins: number): HistogramBin[] {
  const counts = new Array<number>(bins).fill(0);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    counts[Math.min(bins - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * bins)))]++;
    total++;
  }
  const width = (hi - lo) / bins;
  return counts.map((c, i) => ({ x0: lo + i * width, x1: lo + (i + 1) * width, count: total > 0 ? c / (total * width) : 0 }));
}

export function lawAtoms(law: Pick<SdeLaw, 'atomLow' | 'atomHigh'>): AtomSpike[] {
  const atoms: AtomSpike[] = [];
  if (law.atomLow >= VISIBLE_ATOM) atoms.push({ id: 'low', label: 'SDE atom at ρ = −1', color: ROLE_COLOR.limit, x: -1, mass: law.atomLow });
  if (law.atomHigh >= VISIBLE_ATOM) atoms.push({ id: 'high', label: 'SDE atom at ρ = 1', color: ROLE_COLOR.limit, x: 1, mass: law.atomHigh });
  return atoms;
}

export function sdePathsPlot(block: SdeViewBlock | undefined, n: number): XYPlotData {
  const series: XYSeries[] = [];
  if (block) {
    series.push(
      { kind: 'paths', id: 'sde', label: `SDE paths (${block.sdePaths.rho.length})`, color: SDE_COLOR.sde, x: block.sdePaths.t, ys: block.sdePaths.rho, opacity: 0.45, width: 1.5 },
      { kind: 'paths', id: 'net', label: `finite networks, n = ${formatCount(n)} (${block.netPaths.rho.length})`, color: SDE_COLOR.net, x: block.netPaths.t, ys: block.netPaths.rho, opacity: 0.5, width: 1.5 },
    );
  }
  return {
    title: 'correlation paths against t = l/n: finite shaped networks and the neural covariance SDE',
    xLabel: 't = ℓ/n (depth in units of the width)',
    yLabel: 'correlation ρ_{t}',
    xScale: 'linear',
    yScale: 'linear',
    xDomain: block ? [0, block.T] : undefined,
    yDomain: [-1.02, 1.02],
    series,
    emptyText: 'waiting for the paths…',
  };
}

export function sdeLawPlot(law: SdeLaw | undefined, rhoSamples: ArrayLike<number> | undefined, n: number, L: number): HistogramData {
  const count = rhoSamples ? Array.from(rhoSamples).filter(Number.isFinite).length : 0;
  return {
    title: `law of the correlation at the last layer L = ${L}: histogram over the networks and the SDE density of ρ_T`,
    xLabel: `ρ̂_{L} and ρ_{T}, T = L/n = ${law ? formatValue(law.T, 3) : formatValue(L / n, 3)}`,
    yLabel: 'probability density',
    xScale: 'linear',
    xDomain: [-1, 1],
    bins: rhoSamples && count > 0 ? densityBins(rhoSamples, -1, 1, 50) : [],
    barLabel: `ρ̂_{L} of ${formatCount(count)} networks (n = ${formatCount(n)}, L = ${formatCount(L)})`,
    barColor: ROLE_COLOR.histogram,
    markers: [],
    curves: law ? [{ id: 'sde-density', label: 'SDE law of ρ_{T} (Fokker–Planck)', color: SDE_COLOR.sde, x: law.rho, y: law.density }] : [],
    atoms: law ? lawAtoms(law) : [],
    emptyText: 'waiting for the Monte Carlo…',
  };
}

/** The least-squares line on log–log axes with the engine's slope (through the centroid of the logs). */
export function fittedLine(xs: readonly number[], ys: readonly number[], slope: number): number[] | undefined {
  const ok = xs.map((_, i) => i).filter((i) => xs[i] > 0 && ys[i] > 0);
  if (ok.length < 2 || !Number.isFinite(slope)) return undefined;
  const mx = ok.reduce((a, i) => a + Math.log(xs[i]), 0) / ok.length;
  const my = ok.reduce((a, i) => a + Math.log(ys[i]), 0) / ok.length;
  return xs.map((x) => Math.exp(my + slope * (Math.log(x) - mx)));
}

export function sdeConvergencePlot(block: SdeViewBlock | undefined): XYPlotData {
  const series: XYSeries[] = [];
  const notes = [];
  const c = block?.convergence;
  if (c && c.n.length > 0) {
    // A fitted line and a printed rate only over the widths whose distance stands above its Monte
    // Carlo noise floor (the engine's slopes are NaN when fewer than two do).
    const above = (d: readonly number[], floor: readonly number[] | undefined) => c.n.map((_, i) => (floor === undefined || d[i] > ABOVE_FLOOR * floor[i] ? i : -1)).filter((i) => i >= 0);
    const fit = (d: readonly number[], floor: readonly number[] | undefined, slope: number) => {
      const keep = above(d, floor);
      const y = fittedLine(keep.map((i) => c.n[i]), keep.map((i) => d[i]), slope);
      return y ? { x: keep.map((i) => c.n[i]), y } : undefined;
    };
    const fitW1 = fit(c.w1, c.floorW1, c.slopeW1);
    const fitKs = fit(c.ks, c.floorKs, c.slopeKs);
    if (fitW1) series.push({ kind: 'line', id: 'fit-w1', label: 'fit', legend: false, color: ROLE_COLOR.mc, dash: '6 4', width: 1.75, ...fitW1 });
    if (fitKs) series.push({ kind: 'line', id: 'fit-ks', label: 'fit', legend: false, color: OKABE_ITO.purple, dash: '6 4', width: 1.75, ...fitKs });
    if (c.floorW1) series.push({ kind: 'line', id: 'floor-w1', label: 'noise floor of W_{1} (M exact draws)', color: ROLE_COLOR.mc, dash: '1 4', width: 1.5, x: c.n, y: c.floorW1 });
    if (c.floorKs) series.push({ kind: 'line', id: 'floor-ks', label: 'noise floor of KS', color: OKABE_ITO.purple, dash: '1 4', width: 1.5, x: c.n, y: c.floorKs });
    series.push(
      { kind: 'points', id: 'w1', label: 'W_{1}(law of ρ̂_{L}, law of ρ_{T})', color: ROLE_COLOR.mc, x: c.n, y: c.w1 },
      { kind: 'points', id: 'ks', label: 'KS distance', color: OKABE_ITO.purple, x: c.n, y: c.ks },
    );
    const rate = (name: string, slope: number) => (Number.isFinite(slope) ? `${name} ${formatValue(slope, 2)}` : `${name}: at its noise floor, no rate`);
    notes.push({ id: 'slope', text: `fitted slopes (above the noise floor): ${rate('W₁', c.slopeW1)}, ${rate('KS', c.slopeKs)}`, corner: 'bottom-left' as const });
  }
  const ticks = c?.n ?? [];
  return {
    title: 'distance between the finite-width law of ρ̂ and the SDE law against the width, at fixed T = L/n, log–log',
    xLabel: `width n, with L = round(T·n), T = ${block ? formatValue(block.T, 3) : '…'}`,
    yLabel: 'distance in law (log scale)',
    xScale: 'log',
    yScale: 'log',
    xTicks: ticks,
    xDomain: ticks.length > 0 ? [ticks[0] / 1.3, ticks[ticks.length - 1] * 1.3] : undefined,
    series,
    notes,
    emptyText: 'waiting for the widths…',
  };
}
