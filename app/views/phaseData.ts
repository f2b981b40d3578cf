/**
 * The phase diagram data (view=phase): the engine's PhaseDiagramBlock (phaseDiagram.ts) as one
 * colour map over (σw², σb²) — the quantity chosen by the user among χ₁, ξ_c, ξ_q, q*, c* — with
 * the critical line χ₁ = 1 from both root finders and the spec's own point; and the change of spec
 * a click on the map makes. Rows the Worker has not sent yet are 'pending'. Selection, labels and
 * rounding only: no physics.
 */
import { archForView, archOf } from '../../src/archs/index.ts';
import type { Spec } from '../../src/core/spec.ts';
import { phaseGrid, type PhaseDiagramBlock } from '../../src/experiments/phaseDiagram.ts';
import type { PhaseMapData, PhaseMapLine } from '../plots/phaseMapTypes.ts';
import { OKABE_ITO } from '../plots/theme.ts';
import { formatValue } from './labels.ts';

export const PHASE_QUANTITIES = ['chi1', 'xiC', 'xiQ', 'qStar', 'cStar'] as const;
export type PhaseQuantity = (typeof PHASE_QUANTITIES)[number];

export interface PhaseQuantityInfo {
  /** Text of the option in the select. */
  readonly option: string;
  /** Colour-bar label, rich text, with units. */
  readonly colorLabel: string;
  readonly scale: 'linear' | 'log';
  /** What a grey cell means for this quantity (the block's null). */
  readonly noneLabel: string;
}

export const PHASE_QUANTITY: Record<PhaseQuantity, PhaseQuantityInfo> = {
  chi1: { option: 'χ₁ (slope of the correlation map at c = 1)', colorLabel: 'χ_{1} (dimensionless)', scale: 'linear', noneLabel: 'χ₁ undefined (q* = ∞)' },
  xiC: { option: 'ξ_c (depth scale of correlations)', colorLabel: 'ξ_{c} (layers, log scale)', scale: 'log', noneLabel: 'ξ_c = ∞ or undefined (q* = ∞)' },
  xiQ: { option: 'ξ_q (depth scale of lengths)', colorLabel: 'ξ_{q} (layers, log scale)', scale: 'log', noneLabel: 'ξ_q = ∞ or undefined (q* = ∞)' },
  qStar: { option: 'q* (fixed point of the length map)', colorLabel: 'q^{*} (squared length per neuron)', scale: 'linear', noneLabel: 'q* = ∞ (no finite fixed point)' },
  cStar: { option: 'c* (fixed point of the correlation map)', colorLabel: 'c^{*} (correlation, dimensionless)', scale: 'linear', noneLabel: 'c* undefined (q* = 0 or ∞)' },
};

export function isPhaseQuantity(v: string): v is PhaseQuantity {
  return (PHASE_QUANTITIES as readonly string[]).includes(v);
}

export const CRITICAL_LINE_COLOR = OKABE_ITO.black;
export const PENDING = 'pending';

/** The critical line: method 1 (Brent on σw²) thick; method 2 (one equation in q*) thin and dashed, repelling roots left out. */
export function criticalLines(block: PhaseDiagramBlock): PhaseMapLine[] {
  const line = block.criticalLine;
  return [
    { id: 'critical', label: 'χ_{1} = 1: edge of chaos (root in σw²)', color: CRITICAL_LINE_COLOR, x: line.sw2, y: line.sb2 },
    {
      id: 'critical-by-q',
      label: 'χ_{1} = 1 (second root finder, in q*)',
      color: OKABE_ITO.orange,
      dash: '6 6',
      x: line.sw2ByQ.map((v, i) => (line.byQRepelling[i] ? null : v)),
      y: line.sb2,
    },
  ];
}

export function phaseMap(spec: Pick<Spec, 'act' | 'sw2' | 'sb2' | 'sw2max' | 'sb2max' | 'grid'>, block: PhaseDiagramBlock | undefined, quantity: PhaseQuantity, cursor?: { x: number; y: number }): PhaseMapData {
  const info = PHASE_QUANTITY[quantity];
  const grid = block ? { sw2: block.sw2, sb2: block.sb2 } : phaseGrid(spec);
  const source = block?.[quantity];
  const values = grid.sb2.map((_, j) => grid.sw2.map((_, i) => source?.[j]?.[i] ?? null));
  const regions = grid.sb2.map((_, j) => grid.sw2.map((_, i) => block?.phase[j]?.[i] ?? PENDING));
  const act = block?.act ?? spec.act;
  const point = block ? block.point : { sw2: spec.sw2, sb2: spec.sb2 };
  return {
    title: `phase diagram of the ${act} MLP over σw² and σb²: ${info.option}, with the critical line χ₁ = 1 and the current network`,
    xLabel: 'weight variance σ_w^2',
    yLabel: 'bias variance σ_b^2',
    xs: grid.sw2,
    ys: grid.sb2,
    values,
    regions,
    colorLabel: info.colorLabel,
    colorScale: info.scale,
    lines: block ? criticalLines(block) : [],
    point: { x: point.sw2, y: point.sb2, label: `this network (σw² = ${formatValue(point.sw2, 3)}, σb² = ${formatValue(point.sb2, 3)})` },
    noneLabel: info.noneLabel,
    regionLabels: [
      { region: 'ordered', label: 'ordered: χ_{1} < 1' },
      { region: 'chaotic', label: 'chaotic: χ_{1} > 1' },
    ],
    cursor,
    colorMarks: quantity === 'chi1' ? [{ value: 1, label: 'χ₁ = 1: the critical value' }] : undefined,
    notes: block?.notes,
    emptyText: 'computing the phase diagram…',
  };
}

/** 3 significant digits, so that the URL stays readable. */
export function roundForUrl(v: number): number {
  return Number(v.toPrecision(3));
}

/** The input curve a click adds when the link has none (issue 18 §2: click a point → see its curve), and its networks. */
export const PHASE_CURVE = 'circle:32';
/** At most this many networks with that curve: 32 points and their tangents cost ~(2k)² = 4096× a pair's gram work per network. */
export const PHASE_CURVE_M = 20;

/**
 * The spec change of a click at (σw², σb²) on the map: that point, shown in the depth view with
 * finite networks (M = 200 when the spec had none; the MLP, whose diagram this is). With `curve`
 * true the depth view also shows the image of an input curve there: the link's own, or else
 * PHASE_CURVE with M ≤ PHASE_CURVE_M; with `curve` false, none (curve=none); undefined: unchanged.
 */
export function pickPoint(
  spec: Pick<Spec, 'M' | 'arch'> & Partial<Pick<Spec, 'curve'>>,
  sw2: number,
  sb2: number,
  bounds: { readonly sw2max: number; readonly sb2max: number },
  curve?: boolean,
): Partial<Spec> {
  const w = roundForUrl(Math.min(bounds.sw2max, Math.max(sw2, bounds.sw2max * 1e-3)));
  const b = roundForUrl(Math.min(bounds.sb2max, Math.max(0, sb2)));
  const has = (spec.curve ?? 'none') !== 'none';
  const withCurve: Partial<Spec> = curve === true && !has ? { curve: PHASE_CURVE, M: Math.min(spec.M || 200, PHASE_CURVE_M) } : curve === false && has ? { curve: 'none' } : {};
  return { sw2: w, sb2: b, view: 'depth', ...(spec.M === 0 ? { M: 200 } : {}), ...(archOf(spec).views.includes('phase') ? {} : { arch: archForView('phase')!.id }), ...withCurve };
}

/** The grid cell nearest to (σw², σb²): indices into xs and ys. */
export function nearestCell(xs: readonly number[], ys: readonly number[], x: number, y: number): { i: number; j: number } {
  const nearest = (vs: readonly number[], v: number) => vs.reduce((best, u, k) => (Math.abs(u - v) < Math.abs(vs[best] - v) ? k : best), 0);
  return { i: nearest(xs, x), j: nearest(ys, y) };
}

/** The table of the spec's own point (block.point), as label → text. */
export function pointRows(block: PhaseDiagramBlock | undefined): { label: string; value: string }[] {
  const p = block?.point;
  const show = (v: number | null | undefined, ifNull: string) => (p === undefined ? '…' : v === null || v === undefined ? ifNull : formatValue(v, 5));
  const undefinedQ = p !== undefined && p.qStar === null;
  return [
    { label: 'q* (fixed point of the length map)', value: show(p?.qStar, '∞') },
    { label: 'χ₁', value: show(p?.chi1, 'undefined') },
    { label: 'c* (fixed point of the correlation map)', value: show(p?.cStar, 'undefined') },
    { label: 'ξ_q (layers)', value: show(p?.xiQ, undefinedQ ? 'undefined' : '∞') },
    { label: 'ξ_c (layers)', value: show(p?.xiC, undefinedQ ? 'undefined' : '∞') },
    { label: 'phase', value: p ? p.phase : '…' },
  ];
}
