/**
 * Coord-check view data (issue 17 §4; microsoft/mup's coord check, Tensor Programs V): per
 * parametrisation, the mean|h_t − h_0| per coordinate of each layer (mean over the coupled nets,
 * ± 2 SE) against the width on log–log axes, the fitted slope next to the abc theory's exponent
 * (docs/training.md Table 2), and a dashed guide of the theory's slope through the widest width.
 * The theory is for one step to first order in η: the sentences say so when t > 1. Reads the
 * `coord` block (src/training/blocks.ts); selection and wording only.
 */
import type { CoordCheckBlock, CoordParamBlock, SlopeJson } from '../../../src/training/blocks.ts';
import type { XYPlotData, XYSeries } from '../../plots/types.ts';
import { formatExponent, formatSlope, layerLabel, PARAM_SHORT, powerGuide, seriesColor, logLogAgainstWidth } from './trainingLabels.ts';

/** How far a fitted slope may sit from the table and still "agree" (issue 17's acceptance: ±0.1). */
export const SLOPE_TOLERANCE = 0.1;

/** The theory's exponent of layer i (h¹..h^L, then f), or undefined where the theory does not apply. */
export function theoryExponent(p: CoordParamBlock, i: number): number | undefined {
  return 'reason' in p.theory ? undefined : p.theory.exponents[i];
}

const slopeText = (f: SlopeJson | null | undefined, withSe = false) => (f ? formatSlope(f.slope, withSe ? f.se : undefined) : '–');

/** One panel: every layer's mean|Δh| after step t (1-based) against the width, for one parametrisation. */
export function coordCheckPlot(block: CoordCheckBlock | undefined, param: CoordParamBlock | undefined, t: number, plannedWidths: readonly number[]): XYPlotData {
  const series: XYSeries[] = [];
  const widths = block && block.widths.length > 0 ? block.widths : [...plannedWidths];
  if (block && param && block.widths.length > 0 && t >= 1 && t <= param.dh.mean.length) {
    block.layers.forEach((layer, i) => {
      const y = param.dh.mean[t - 1][i];
      const se = param.dh.se[t - 1][i];
      const color = seriesColor(i);
      const e = theoryExponent(param, i);
      const fit = param.slopes[t - 1][i];
      const guide = e === undefined ? undefined : powerGuide(widths, y, e);
      if (guide) series.push({ kind: 'line', id: `theory-${layer}`, label: `theory slope ${formatExponent(e!)}`, color, dash: '6 5', width: 1.5, x: widths, y: guide, legend: false });
      series.push({ kind: 'line', id: `join-${layer}`, label: layerLabel(layer), color, width: 1.5, x: widths, y, legend: false });
      series.push({
        kind: 'errorbars',
        id: `dh-${layer}`,
        label: `${layerLabel(layer)}: slope ${slopeText(fit)}${e === undefined ? '' : ` (theory ${formatExponent(e)})`}`,
        color,
        x: widths,
        y,
        lo: y.map((v, w) => v - 2 * se[w]),
        hi: y.map((v, w) => v + 2 * se[w]),
      });
    });
  }
  const name = param ? PARAM_SHORT[param.param] : '';
  return {
    title: `coord check ${name}: mean |h_t − h_0| per coordinate after step t = ${t} against the width, log–log, one series per layer with the abc theory's slope dashed`,
    yLabel: `${name} mean |Δh| per coordinate (log)`.trim(),
    ...logLogAgainstWidth(widths),
    series,
    emptyText: 'waiting for the coord check…',
  };
}

/** Per parametrisation: its fitted slopes with the theory, and how many agree within SLOPE_TOLERANCE. */
export interface CoordCheckSummary {
  readonly param: CoordParamBlock['param'];
  readonly text: string;
  /** Layers whose slope is within SLOPE_TOLERANCE of the theory (of those with a theory and a fit). */
  readonly agree: number;
  readonly compared: number;
}

export function coordCheckSummaries(block: CoordCheckBlock, t: number): CoordCheckSummary[] {
  return block.params.map((p) => {
    let agree = 0;
    let compared = 0;
    const parts = block.layers.map((layer, i) => {
      const fit = p.slopes[t - 1]?.[i];
      const e = theoryExponent(p, i);
      if (e !== undefined && fit) {
        compared++;
        if (Math.abs(fit.slope - e) <= SLOPE_TOLERANCE) agree++;
      }
      return `$${layerLabel(layer)}$ ${slopeText(fit, true)}${e === undefined ? '' : ` (theory ${formatExponent(e)})`}`;
    });
    const reason = 'reason' in p.theory ? ` — no exponent table: ${p.theory.reason}` : '';
    return { param: p.param, text: `${PARAM_SHORT[p.param]}: ${parts.join(', ')}${reason}`, agree, compared };
  });
}

/** The caption's data sentence: the slopes of every parametrisation, the verdict, and the theory's condition. */
export function coordCheckSentence(block: CoordCheckBlock, t: number): string {
  if (block.widths.length < 2) return 'Slopes appear once two widths are trained.';
  const s = coordCheckSummaries(block, t);
  const agree = s.reduce((a, x) => a + x.agree, 0);
  const compared = s.reduce((a, x) => a + x.compared, 0);
  const range = `n = ${block.widths[0]} … ${block.widths[block.widths.length - 1]}`;
  const verdict =
    compared === 0
      ? 'No parametrisation shown has an exponent table.'
      : agree === compared
        ? `Every fitted slope is within ${SLOPE_TOLERANCE} of the abc theory's exponent.`
        : `${agree} of ${compared} fitted slopes are within ${SLOPE_TOLERANCE} of the abc theory's exponent.`;
  const condition =
    t === 1
      ? 'The exponents are for one step, to first order in η.'
      : `The exponents are derived for one step to first order in η; after t = ${t} steps they hold only while every change is still small.`;
  return `Log–log slopes over ${range} after t = ${t} step${t === 1 ? '' : 's'} (${block.setup.nets} coupled nets, ± jackknife SE): ${s.map((x) => x.text).join('; ')}. ${verdict} ${condition}`;
}
