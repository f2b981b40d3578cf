/**
 * The finite-width view data (view=finite): the engine's FiniteWidthBlock (finiteWidthView.ts,
 * finiteNormLaw.ts) as x–y plots against the width n — the Monte Carlo mean of a kernel entry with
 * ±2 SE against its infinite-width limit and the 1/n-corrected value; |mean − limit| and sd on
 * log–log axes with the 1/n theory and reference slopes −1, −1/2; and, where the block has the exact
 * law of Q = q̂11 (linear / ReLU, σb = 0, Gaussian weights), E Q²/(E Q)² and Var log Q, Monte Carlo
 * against the exact formulas. Points are samples, lines are limits or theory. Selection, labels and
 * plot arithmetic (mean ± 2 SE, guide lines) only: no physics.
 */
import type { FiniteEntry, FiniteWidthBlock, NormLawBlock } from '../../src/experiments/finiteWidthView.ts';
import { OKABE_ITO, ROLE_COLOR } from '../plots/theme.ts';
import type { PlotNote, XYPlotData, XYSeries } from '../plots/types.ts';
import { formatCount, formatValue, WIDTH_AXIS } from './labels.ts';

export const FINITE_STATS = ['rho', 'q12', 'q11', 'q22'] as const;
export type FiniteStat = (typeof FINITE_STATS)[number];

/** Rich-text names of the statistics at layer L (the superscript is the letter L: a number there would read as a power). */
export const FINITE_STAT: Record<FiniteStat, { estimate: string; limit: string; option: string }> = {
  rho: { estimate: 'ρ̂^{L}', limit: 'ρ^{L}', option: 'correlation ρ̂ of x_a and x_b' },
  q12: { estimate: 'q̂_{12}^{L}', limit: 'q_{12}^{L}', option: 'covariance q̂₁₂ = K̂(x_a, x_b)' },
  q11: { estimate: 'q̂_{11}^{L}', limit: 'q_{11}^{L}', option: 'squared length q̂₁₁ = K̂(x_a, x_a)' },
  q22: { estimate: 'q̂_{22}^{L}', limit: 'q_{22}^{L}', option: 'squared length q̂₂₂ = K̂(x_b, x_b)' },
};

export function isFiniteStat(v: string): v is FiniteStat {
  return (FINITE_STATS as readonly string[]).includes(v);
}

/** Colours: the 1/n theory next to the limit (blue) and the Monte Carlo (vermillion, purple). */
export const FINITE_COLOR = { corrected: ROLE_COLOR.secondLimit, sd: OKABE_ITO.purple, guide: '#6b7280', noise: OKABE_ITO.skyBlue } as const;

const nullToNaN = (vs: readonly (number | null)[]) => vs.map((v) => (v === null ? NaN : v));

function widthAxis(widths: readonly number[]): Pick<XYPlotData, 'xLabel' | 'xScale' | 'xTicks' | 'xDomain'> {
  return {
    xLabel: WIDTH_AXIS,
    xScale: 'log',
    xTicks: widths,
    xDomain: widths.length > 0 ? [widths[0] / 1.3, widths[widths.length - 1] * 1.3] : undefined,
  };
}

/** What the spec will run, known before the first width arrives: its widths and the layer L. */
export interface FinitePlan {
  readonly widths: readonly number[];
  readonly layer: number;
}

/** The widths to show: the block's once it has some, else those the spec will run. */
function shownWidths(block: FiniteWidthBlock | undefined, planned: readonly number[]): readonly number[] {
  return block && block.n.length > 0 ? block.n : planned;
}

/** (a) The Monte Carlo mean ± 2 SE of a kernel entry against n, with the limit and the 1/n-corrected value. */
export function finiteMeanPlot(block: FiniteWidthBlock | undefined, stat: FiniteStat, plan: FinitePlan): XYPlotData {
  const L = block?.layer ?? plan.layer;
  const name = FINITE_STAT[stat];
  const series: XYSeries[] = [];
  const e: FiniteEntry | undefined = block?.[stat];
  if (block && e) {
    series.push({ kind: 'hrule', id: 'limit', label: `limit n → ∞: ${name.limit}`, color: ROLE_COLOR.limit, y: e.limit });
    if (block.correction.available && e.corrected.some((v) => v !== null)) {
      series.push({ kind: 'line', id: 'corrected', label: `1/n-corrected: ${name.limit} + d_{L}/n`, color: FINITE_COLOR.corrected, dash: '9 5', x: block.n, y: nullToNaN(e.corrected) });
    }
    if (block.n.length > 0) {
      series.push({
        kind: 'errorbars',
        id: 'mc-mean',
        label: `mean ${name.estimate} ± 2 SE, M = ${formatCount(block.M)} per width`,
        color: ROLE_COLOR.mc,
        x: block.n,
        y: e.mean,
        lo: e.mean.map((m, i) => m - 2 * e.se[i]),
        hi: e.mean.map((m, i) => m + 2 * e.se[i]),
      });
    }
  }
  return {
    title: `Monte Carlo mean of ${name.option} at layer L against the width n, with its infinite-width limit and the 1/n-corrected value`,
    yLabel: `mean ${name.estimate}, L = ${L}`,
    yScale: 'linear',
    ...widthAxis(shownWidths(block, plan.widths)),
    series,
    emptyText: 'waiting for the finite-width runs…',
  };
}

/** A guide c·n^{slope} through the widest width with a positive value. */
function guide(n: readonly number[], y: readonly number[], slope: number): number[] | undefined {
  let i = y.length - 1;
  while (i >= 0 && !(Number.isFinite(y[i]) && y[i] > 0)) i--;
  if (i < 0) return undefined;
  return n.map((m) => y[i] * Math.pow(m / n[i], slope));
}

/** (b) |mean − limit| and sd against n, log–log: the 1/n theory, reference slopes −1 and −1/2, the 2 SE floor. */
export function finiteConvergencePlot(block: FiniteWidthBlock | undefined, stat: FiniteStat, plan: FinitePlan): XYPlotData {
  const L = block?.layer ?? plan.layer;
  const name = FINITE_STAT[stat];
  const series: XYSeries[] = [];
  const notes: PlotNote[] = [];
  const e = block?.[stat];
  if (block && e && block.n.length > 0) {
    const gBias = guide(block.n, e.absBias, -1);
    const gSd = guide(block.n, e.sd, -0.5);
    if (gSd) series.push({ kind: 'line', id: 'guide-half', label: 'slope −1/2', color: FINITE_COLOR.guide, dash: '2 5', width: 2, x: block.n, y: gSd });
    if (gBias) series.push({ kind: 'line', id: 'guide-one', label: 'slope −1', color: FINITE_COLOR.guide, dash: '9 5', width: 2, x: block.n, y: gBias });
    series.push({ kind: 'line', id: 'noise', label: '2 SE of the mean (Monte Carlo noise)', color: FINITE_COLOR.noise, dash: '1 4', width: 2.5, x: block.n, y: e.se.map((s) => 2 * s) });
    if (e.corrected.some((v) => v !== null)) {
      series.push({ kind: 'line', id: 'bias-theory', label: '1/n theory |d_{L}|/n', color: ROLE_COLOR.mc, x: block.n, y: e.corrected.map((c) => (c === null ? NaN : Math.abs(c - e.limit))) });
    }
    if (e.predictedSd.some((v) => v !== null)) {
      series.push({ kind: 'line', id: 'sd-theory', label: '1/n theory √(c_{L}/n)', color: FINITE_COLOR.sd, x: block.n, y: nullToNaN(e.predictedSd) });
    }
    series.push(
      { kind: 'points', id: 'sd', label: `sd(${name.estimate})`, color: FINITE_COLOR.sd, x: block.n, y: e.sd },
      { kind: 'points', id: 'bias', label: `|mean ${name.estimate} − ${name.limit}|`, color: ROLE_COLOR.mc, x: block.n, y: e.absBias },
    );
    const slopes = [e.slopeBias !== null ? `bias ${formatValue(e.slopeBias, 2)}` : '', e.slopeSd !== null ? `sd ${formatValue(e.slopeSd, 2)}` : ''].filter(Boolean);
    if (slopes.length > 0) notes.push({ id: 'slopes', text: `fitted slopes: ${slopes.join(', ')}`, corner: 'bottom-left' });
  }
  return {
    title: `distance of the finite-width ${name.option} from its limit against the width n, log–log, with the 1/n theory and slopes −1 and −1/2`,
    yLabel: `error of ${name.estimate}, L = ${L} (log scale)`,
    yScale: 'log',
    ...widthAxis(shownWidths(block, plan.widths)),
    series,
    notes,
    emptyText: 'waiting for the finite-width runs…',
  };
}

/** The exact law of Q, when the block has it. */
export function normLawOf(block: FiniteWidthBlock | undefined): { law?: NormLawBlock; unavailable?: string } {
  if (!block) return {};
  return 'family' in block.norm ? { law: block.norm } : { unavailable: block.norm.unavailable };
}

/** (c) E Q²/(E Q)² of Q = q̂11 against n: Monte Carlo ± 2 SE (heavy-tailed widths apart) and the exact finite-width formula. */
export function secondMomentPlot(block: FiniteWidthBlock | undefined, plan: FinitePlan): XYPlotData {
  const { law } = normLawOf(block);
  const L = block?.layer ?? plan.layer;
  const series: XYSeries[] = [];
  if (block && law && block.n.length > 0) {
    const sm = law.secondMoment;
    series.push({ kind: 'line', id: 'exact', label: law.weights === 'orthogonal' ? 'exact at width n (linear MLP, orthogonal weights)' : `exact at width n (${law.family} MLP)`, color: ROLE_COLOR.limit, x: block.n, y: sm.exact });
    const pick = (heavy: boolean) => block.n.map((_, i) => sm.heavyTailed[i] === heavy);
    for (const heavy of [false, true]) {
      const keep = pick(heavy);
      if (!keep.some(Boolean)) continue;
      const only = (vs: readonly number[]) => vs.map((v, i) => (keep[i] ? v : NaN));
      series.push({
        kind: 'errorbars',
        id: heavy ? 'mc-heavy' : 'mc',
        label: heavy ? 'Monte Carlo, L/n ≥ 0.2: heavy tails, SE unreliable' : 'Monte Carlo ± 2 SE',
        color: heavy ? OKABE_ITO.purple : ROLE_COLOR.mc,
        x: block.n,
        y: only(sm.mc),
        lo: only(sm.mc.map((m, i) => m - 2 * sm.se[i])),
        hi: only(sm.mc.map((m, i) => m + 2 * sm.se[i])),
      });
    }
  }
  // Log scale when the ratio spans a factor 3 or more (Gaussian layers at large L/n); a linear one
  // otherwise (orthogonal layers: 1 to 1.2), where a log axis would show a single tick.
  const shown = law ? [...law.secondMoment.exact, ...law.secondMoment.mc].filter((v) => Number.isFinite(v) && v > 0) : [];
  const ratioScale = shown.length > 0 && Math.max(...shown) / Math.min(...shown) < 3 ? 'linear' : 'log';
  return {
    title: `second moment ratio E Q²/(E Q)² of the squared length Q = q̂11 at layer L against the width n: Monte Carlo and the exact formula`,
    yLabel: `E Q^{2}/(E Q)^{2}, Q = q̂_{11}^{L}, L = ${L}${ratioScale === 'log' ? ' (log scale)' : ''}`,
    yScale: ratioScale,
    ...widthAxis(shownWidths(block, plan.widths)),
    series,
    emptyText: block && !law ? 'no exact law for this network' : 'waiting for the finite-width runs…',
  };
}

/** (d) Var log Q over live networks against n, log–log: Monte Carlo ± 2 SE, exact, the log-normal approximation. */
export function logVariancePlot(block: FiniteWidthBlock | undefined, plan: FinitePlan): XYPlotData {
  const { law } = normLawOf(block);
  const L = block?.layer ?? plan.layer;
  const series: XYSeries[] = [];
  const notes: PlotNote[] = [];
  if (block && law && block.n.length > 0) {
    const lm = law.logMoments;
    if (lm.exactVar.some((v) => v !== null)) series.push({ kind: 'line', id: 'exact', label: law.weights === 'orthogonal' ? 'exact Var log Q' : 'exact Var log Q (live networks)', color: ROLE_COLOR.limit, x: block.n, y: nullToNaN(lm.exactVar) });
    series.push({ kind: 'line', id: 'lognormal', label: 'log-normal σ^{2} (matching E Q, E Q^{2})', color: FINITE_COLOR.corrected, dash: '9 5', x: block.n, y: law.logNormal.sigma2 });
    series.push({ kind: 'line', id: 'leading', label: law.weights === 'orthogonal' ? 'leading order 2/n − 2/d (no L)' : 'leading order (2 + c(L − 1))/n', color: FINITE_COLOR.guide, dash: '2 5', width: 2, x: block.n, y: law.logNormal.sigma2Leading });
    series.push({
      kind: 'errorbars',
      id: 'mc',
      label: 'Monte Carlo ± 2 SE',
      color: ROLE_COLOR.mc,
      x: block.n,
      y: lm.mcVar,
      lo: lm.mcVar.map((v, i) => v - 2 * lm.mcVarSe[i]),
      hi: lm.mcVar.map((v, i) => v + 2 * lm.mcVarSe[i]),
    });
    const dead = block.n.map((n, i) => ({ n, dead: block.M - lm.live[i] })).filter((d) => d.dead > 0);
    if (dead.length > 0) notes.push({ id: 'dead', text: `dead networks (Q = 0) left out: ${dead.map((d) => `${formatCount(d.dead)} at n = ${formatCount(d.n)}`).join(', ')}`, corner: 'bottom-left' });
  }
  return {
    title: `variance of log Q, Q = q̂11 at layer L, against the width n, log–log: Monte Carlo, exact, and the log-normal approximation`,
    yLabel: `Var log q̂_{11}^{L}, L = ${L} (log scale)`,
    yScale: 'log',
    ...widthAxis(shownWidths(block, plan.widths)),
    series,
    notes,
    emptyText: block && !law ? 'no exact law for this network' : 'waiting for the finite-width runs…',
  };
}
