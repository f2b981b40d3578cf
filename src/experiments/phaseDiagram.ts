/**
 * The phase diagram (view=phase): the (σw², σb²) plane of an MLP with the spec's activation, no
 * Monte Carlo. Per grid point the quantities of Poole et al. 2016 ("Exponential expressivity in
 * deep neural networks through transient chaos", §2–3) and Schoenholz et al. 2017 ("Deep
 * information propagation", §3): q*, χ₁, c*, ξ_q, ξ_c and the phase, all from
 * theory/criticality.ts; and the critical line χ₁ = 1 on a finer σb² grid by both of its root
 * finders, with their largest disagreement (criticalLine.ts).
 *
 * Speed: c* needs 2-D quadrature at ~40 points per chaotic cell when searched from scratch
 * (criticality.ts scans 1 − δ, δ = 1e−8·2^k). Along a row (fixed σb², σw² increasing) c* moves
 * continuously, so each cell starts from a guess — extrapolated from its two left neighbours, else
 * the cell below (smaller σb²) — and brackets c* in a few steps (`correlationFixedPointNear`; the
 * full scan when there is no guess or no bracket): ~10 instead of ~40 quadratures per cell. q*, χ₁,
 * χ_q are computed exactly as criticality() does. Grids above FAST_GRID_CELLS cells use the 'fast'
 * quadrature tier (≤ 1e−8 on the dual kernels, dual.ts) — invisible on a colour map — and draw
 * the critical line on the grid's own σb² values at that tier; smaller grids use 'exact' and
 * 2·grid − 1 values. Measured at grid = 41 (fast, one core): tanh 0.75–1.0 s, erf/gelu/relu/sin
 * ≤ 0.1 s, silu 1.2 s and softplus 1.6 s (their q* = ∞ cells and a critical-line scan that finds
 * no root are the cost); exact tier at grid = 41: tanh 2 s.
 *
 * JSON: ∞ and NaN do not exist in JSON, so undefined or infinite entries are null, and `notes`
 * says why (q* = ∞: no finite attracting fixed point of the length map; ξ = ∞ on the critical line).
 */
import { resolveSpec } from '../archs/index.ts';
import { throwIfAborted } from '../backends/types.ts';
import type { Activation } from '../core/activations.ts';
import type { Spec } from '../core/spec.ts';
import { chi1, correlationFixedPoint, correlationMap, criticality, CRITICAL_BAND, fixedPointQ, lengthMapSlope, type Phase } from '../theory/criticality.ts';
import { dualKernels, type Precision } from '../theory/dual.ts';
import { brentRoot } from '../theory/rootFinding.ts';
import { criticalLine, type CriticalLine } from './criticalLine.ts';
import type { Progress } from './monteCarlo.ts';

/** Above this many grid cells the grid uses the 'fast' quadrature tier (see the file comment). */
export const FAST_GRID_CELLS = 21 * 21;

export interface PhaseDiagramBlock {
  readonly act: string;
  /** Quadrature tier of the grid, the spec point and the critical line. */
  readonly precision: Precision;
  /** Horizontal axis: σw² = sw2max·i/grid, i = 1..grid (σw² = 0 is no network). */
  readonly sw2: number[];
  /** Vertical axis: σb² = sb2max·j/(grid − 1), j = 0..grid−1. */
  readonly sb2: number[];
  /** Grids indexed [σb² index][σw² index]. χ₁ is null where q* = ∞ and φ is not homogeneous. */
  readonly chi1: (number | null)[][];
  /** null: q* = ∞. */
  readonly qStar: (number | null)[][];
  /** null: undefined (q* = 0 or ∞). */
  readonly cStar: (number | null)[][];
  /** Depth scales; null: ∞ (exactly critical) or undefined (q* = ∞). */
  readonly xiQ: (number | null)[][];
  readonly xiC: (number | null)[][];
  readonly phase: Phase[][];
  readonly criticalLine: CriticalLine;
  /** The spec's own (σw², σb²), where clicking on the diagram puts it. */
  readonly point: { readonly sw2: number; readonly sb2: number; readonly chi1: number | null; readonly qStar: number | null; readonly cStar: number | null; readonly xiQ: number | null; readonly xiC: number | null; readonly phase: Phase };
  readonly notes: string[];
}

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

function phaseOf(x1: number): Phase {
  if (Math.abs(x1 - 1) <= CRITICAL_BAND) return 'critical';
  return x1 < 1 ? 'ordered' : 'chaotic';
}

const depthScale = (chi: number) => (chi === 1 ? Infinity : -1 / Math.log(chi));

/**
 * c* from a nearby guess: R(c) = 𝒞(c) − c is < 0 on (c*, 1) (c = 1 is repelling when χ₁ > 1) and
 * ≥ 0 just below c*, so step from the guess towards the sign change (doubling steps, never
 * reaching 1) and finish with Brent, as criticality.ts does. undefined when no bracket is found.
 */
export function correlationFixedPointNear(
  act: Activation,
  sw2: number,
  sb2: number,
  qStar: number,
  guess: number,
  precision: Precision,
  stepHint = 0.01,
): number | undefined {
  const R = (c: number) => correlationMap(act, sw2, sb2, qStar, c, precision) - c;
  const g = Math.max(-1, Math.min(guess, 1 - 1e-8));
  const rg = R(g);
  let lo: number;
  let hi: number;
  if (rg < 0) {
    hi = g;
    let step = Math.max(1e-8, stepHint * (1 - g));
    for (;;) {
      const c = Math.max(-1, hi - step);
      if (R(c) >= 0) {
        lo = c;
        break;
      }
      if (c === -1) return -1;
      hi = c;
      step *= 2;
    }
  } else {
    lo = g;
    // Approach 1 geometrically from g: 1 − c = (1 − g)(1 − stepHint)·2^{−(k−1)}.
    let gap = (1 - g) * (1 - Math.min(0.5, stepHint));
    for (;;) {
      const c = 1 - gap;
      if (1 - c < 1e-8) return undefined;
      if (R(c) < 0) {
        hi = c;
        break;
      }
      lo = c;
      gap /= 2;
    }
  }
  // 'fast' values are good to ~1e−8 anyway (dual.ts): stop Brent at 1e−11 there.
  const root = brentRoot(R, lo, hi, precision === 'fast' ? { xtol: 1e-11, rtol: 1e-11 } : { xtol: 1e-15, rtol: 2 * Number.EPSILON });
  return root.ok ? root.root : undefined;
}

interface Cell {
  chi1: number;
  qStar: number;
  cStar: number;
  xiQ: number;
  xiC: number;
  phase: Phase;
}

/** A starting point for c* (from neighbours) and the relative size of the first step. */
interface Guess {
  readonly c: number;
  readonly step: number;
}

/** criticality() at one cell, with c* searched from a neighbour's guess when there is one. */
function cell(act: Activation, sw2: number, sb2: number, precision: Precision, guess: Guess | undefined): Cell {
  const fp = fixedPointQ(act, sw2, sb2, { precision });
  if (!fp.ok) {
    // As criticality(): χ₁ is still defined for homogeneous φ (it does not depend on q).
    const x1 = act.piecewiseLinear ? chi1(act, sw2, 1) : NaN;
    return { chi1: x1, qStar: fp.qStar, cStar: NaN, xiQ: NaN, xiC: NaN, phase: Number.isFinite(x1) ? phaseOf(x1) : 'chaotic' };
  }
  const q = fp.qStar;
  const x1 = chi1(act, sw2, q, precision);
  const chiQ = lengthMapSlope(act, sw2, q, precision);
  let cStar: number;
  let chiC: number;
  if (!(q > 0)) {
    cStar = NaN;
    chiC = x1;
  } else if (x1 <= 1) {
    cStar = 1;
    chiC = x1;
  } else {
    const near = guess ? correlationFixedPointNear(act, sw2, sb2, q, guess.c, precision, guess.step) : undefined;
    if (near === undefined) {
      ({ cStar, chiC } = correlationFixedPoint(act, sw2, sb2, q, precision));
    } else {
      cStar = near;
      chiC = sw2 * dualKernels(act, precision).Fp(q, near * q, q);
    }
  }
  return { chi1: x1, qStar: q, cStar, xiQ: depthScale(chiQ), xiC: depthScale(chiC), phase: phaseOf(x1) };
}

export function phaseGrid(spec: Pick<Spec, 'sw2max' | 'sb2max' | 'grid'>): { sw2: number[]; sb2: number[] } {
  const G = spec.grid;
  return {
    sw2: Array.from({ length: G }, (_, i) => (spec.sw2max * (i + 1)) / G),
    sb2: Array.from({ length: G }, (_, j) => (spec.sb2max * j) / (G - 1)),
  };
}

export interface PhaseDiagramOptions {
  readonly signal?: AbortSignal;
  readonly onPartial?: (block: PhaseDiagramBlock, progress: Progress) => void;
  /** Override the quadrature tier of the grid (default: by size, FAST_GRID_CELLS). */
  readonly precision?: Precision;
  /** Use this activation object instead of the registry's (tests count its evaluations). */
  readonly activation?: Activation;
}

export async function runPhaseDiagram(spec: Spec, options: PhaseDiagramOptions = {}): Promise<PhaseDiagramBlock> {
  const act = options.activation ?? resolveSpec(spec).activation;
  const { sw2, sb2 } = phaseGrid(spec);
  const precision = options.precision ?? (spec.grid * spec.grid > FAST_GRID_CELLS ? 'fast' : 'exact');
  const grids = { chi1: [] as (number | null)[][], qStar: [] as (number | null)[][], cStar: [] as (number | null)[][], xiQ: [] as (number | null)[][], xiC: [] as (number | null)[][], phase: [] as Phase[][] };
  const p = criticality(act, spec.sw2, spec.sb2, { precision });
  const point = { sw2: spec.sw2, sb2: spec.sb2, chi1: orNull(p.chi1), qStar: orNull(p.qStar), cStar: orNull(p.cStar), xiQ: orNull(p.xiQ), xiC: orNull(p.xiC), phase: p.phase };
  const emptyLine: CriticalLine = { sb2: [], sw2: [], sw2ByQ: [], qStar: [], byQRepelling: [], maxDisagreement: 0, agreeingPoints: 0 };
  let infiniteQ = 0;
  const total = sb2.length + 1;
  const block = (line: CriticalLine, notes: string[]): PhaseDiagramBlock => ({ act: act.id, precision, sw2, sb2, ...grids, criticalLine: line, point, notes });
  let above: Cell[] = [];
  const decorrelated = (c: Cell | undefined) => c !== undefined && c.cStar < 1 && Number.isFinite(c.cStar);
  for (let j = 0; j < sb2.length; j++) {
    throwIfAborted(options.signal);
    const row: Cell[] = [];
    for (let i = 0; i < sw2.length; i++) {
      // Guess c* from the left neighbours (linear extrapolation), else from the cell below in σb².
      const l1 = row[i - 1];
      const l2 = row[i - 2];
      let guess: Guess | undefined;
      if (decorrelated(l1) && decorrelated(l2)) {
        const slope = l1.cStar - l2.cStar;
        guess = { c: Math.min(l1.cStar + slope, 1 - 1e-8), step: Math.min(0.5, Math.max(1e-6, (0.5 * Math.abs(slope)) / (1 - l1.cStar))) };
      } else if (decorrelated(l1)) guess = { c: l1.cStar, step: 0.05 };
      else if (decorrelated(above[i])) guess = { c: above[i].cStar, step: 0.05 };
      const c = cell(act, sw2[i], sb2[j], precision, guess);
      if (c.qStar === Infinity) infiniteQ++;
      row.push(c);
    }
    above = row;
    grids.chi1.push(row.map((c) => orNull(c.chi1)));
    grids.qStar.push(row.map((c) => orNull(c.qStar)));
    grids.cStar.push(row.map((c) => orNull(c.cStar)));
    grids.xiQ.push(row.map((c) => orNull(c.xiQ)));
    grids.xiC.push(row.map((c) => orNull(c.xiC)));
    grids.phase.push(row.map((c) => c.phase));
    options.onPartial?.(block(emptyLine, []), { done: j + 1, total });
    await Promise.resolve();
  }
  // 'exact': the line on 2·grid − 1 values of σb²; 'fast': on the grid's own σb² and 'fast' quadrature.
  const { line, reasons } = criticalLine(act, spec.sb2max, precision === 'exact' ? 2 * spec.grid - 1 : spec.grid, precision);
  const notes = phaseNotes(act, infiniteQ, sw2.length * sb2.length, line, reasons);
  const out = block(line, notes);
  options.onPartial?.(out, { done: total, total });
  return out;
}

function phaseNotes(act: Activation, infiniteQ: number, cells: number, line: CriticalLine, reasons: string[]): string[] {
  const notes: string[] = [];
  if (act.piecewiseLinear) {
    const { sp, sm } = act.piecewiseLinear;
    const c = 2 / (sp * sp + sm * sm);
    notes.push(
      `${act.id} is positively homogeneous: χ₁ = σw²(s₊² + s₋²)/2 at every q, so the critical line is the vertical σw² = ${c.toPrecision(6)}; for larger σw² the squared length grows geometrically (q* = ∞, shown as null) and for σw² = ${c.toPrecision(6)}, σb² > 0 linearly; with σb² = 0 every q is a fixed point there.`,
    );
    if (sp === sm) notes.push('The network is linear: with σb² = 0 the correlation map is the identity, so correlations stay at ρ₀ at every depth and every σw²; with σb² > 0 they converge to 1. "Chaotic" here means exploding lengths, not decorrelation.');
    else if (sm >= 0) notes.push('Correlations of a ReLU-type network converge to 1 at every σw² (the normalised arc-cosine map has slope 1 at c = 1): "chaotic" here means exploding lengths, not decorrelation.');
  } else if (infiniteQ > 0) {
    notes.push(`q* = ∞ in ${infiniteQ} of ${cells} cells: the length map q ↦ σw² E φ(√q z)² + σb² has no finite attracting fixed point there (the squared length grows without bound); q*, c*, ξ are null and χ₁ is undefined.`);
  }
  notes.push('ξ = −1/log χ is null where it is infinite (χ = 1 exactly) or undefined (q* = ∞); c* is null where q* = 0 or ∞ (no correlation map).');
  if (line.byQRepelling.some(Boolean)) {
    notes.push('Where the q-equation (criticalSw2ByQ) finds χ₁ = 1 only at a repelling fixed point of the length map, the network never reaches it from q = 1: that σw² is flagged (byQRepelling) and left out of the agreement of the two methods.');
  }
  for (const r of reasons) notes.push(`Critical line: ${r}.`);
  return notes;
}
