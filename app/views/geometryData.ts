/**
 * Plot data of the input-curve panels (issue 18): the geometry and jacobian blocks of a run
 * (src/geometry/geometryBlocks.ts) as XY plots against depth — the mean field as a line, the finite
 * networks as median points with p25–p75 and p05–p95 bands (or mean ± 2 SE where a mean is compared).
 * Every sentence the panels print is computed here from the blocks (geometrySentences).
 */
import type { GeometryBlock, JacobianBlock } from '../../src/geometry/geometryBlocks.ts';
import type { Quantiles } from '../../src/experiments/result.ts';
import { BAND_OPACITY, OKABE_ITO, ROLE_COLOR } from '../plots/theme.ts';
import type { ScaleKind, XYPlotData, XYSeries } from '../plots/types.ts';
import { formatCount, formatValue, LAYER_AXIS } from './labels.ts';

function bands(id: string, x: number[], q: Quantiles, label: string, color: string = ROLE_COLOR.mc): XYSeries[] {
  return [
    { kind: 'band', id: `${id}-p05-p95`, label: 'p05–p95', color, opacity: BAND_OPACITY.outer, x, lo: q.p05, hi: q.p95 },
    { kind: 'band', id: `${id}-p25-p75`, label: 'p25–p75', color, opacity: BAND_OPACITY.inner, x, lo: q.p25, hi: q.p75 },
    { kind: 'points', id: `${id}-median`, label, color, x, y: q.p50 },
  ];
}

function layerDomain(layers: readonly number[]): [number, number] {
  const first = layers[0];
  const last = layers[layers.length - 1];
  const pad = Math.max(0.5, 0.02 * (last - first));
  return [first - pad, last + pad];
}

/** Log axis when the values span more than a factor 30 (the chaotic phase's exponential growth). */
function scaleOf(values: readonly number[]): ScaleKind {
  const v = values.filter((x) => Number.isFinite(x) && x > 0);
  if (v.length === 0) return 'linear';
  return Math.max(...v) / Math.min(...v) > 30 ? 'log' : 'linear';
}

/** Length of the image of the circle against depth: tangent length and polygon, mean field and networks. */
export function lengthPlot(g: GeometryBlock): XYPlotData {
  const series: XYSeries[] = [
    ...bands('length', g.layers, g.length, `median length, M = ${formatCount(g.M)}`),
    { kind: 'line', id: 'length-limit', label: 'mean field', color: ROLE_COLOR.limit, x: g.layers, y: g.meanField.length },
    { kind: 'line', id: 'polygon-limit', label: `mean field, polygon of k = ${g.k} chords`, color: ROLE_COLOR.secondLimit, dash: '7 5', x: g.layers, y: g.meanField.polygonLength },
    { kind: 'points', id: 'polygon-median', label: 'median polygon length', color: OKABE_ITO.purple, x: g.layers, y: g.polygonLength.p50 },
  ];
  const values = [...g.meanField.length, ...g.meanField.polygonLength, ...g.length.p05, ...g.length.p95];
  return {
    title: 'Length of the image of the input curve against depth: mean field and finite networks',
    xLabel: LAYER_AXIS,
    yLabel: 'length per √n',
    xScale: 'linear',
    xDomain: layerDomain(g.layers),
    yScale: scaleOf(values),
    series,
  };
}

/** Length distortion ℒ̂^ℓ/(s₁ℒ⁰) (Hanin, Jeong & Rolnick 2022) with the rule at 1. */
export function distortionPlot(g: GeometryBlock): XYPlotData {
  return {
    title: 'Length distortion against depth',
    xLabel: LAYER_AXIS,
    yLabel: 'length(image)/(σw·length(input))',
    xScale: 'linear',
    xDomain: layerDomain(g.layers),
    yScale: scaleOf([...g.distortion.p05, ...g.distortion.p95]),
    series: [
      { kind: 'hrule', id: 'distortion-one', label: 'distortion 1', color: ROLE_COLOR.limit, y: 1, dash: '4 4' },
      ...bands('distortion', g.layers, g.distortion, `median distortion, M = ${formatCount(g.M)}`),
      { kind: 'line', id: 'distortion-mean', label: 'mean over the networks', color: OKABE_ITO.black, width: 1.5, x: g.layers, y: g.distortion.mean },
    ],
  };
}

/** ‖J u‖² d/n against depth: mean field (σw² Π χ₁ on the circle), MC mean ± 2 SE, and exp E log (the typical network). */
export function jacobianPlot(j: JacobianBlock, circle = true): XYPlotData {
  const lo = j.mean.map((m, i) => m - 2 * j.se[i]);
  const hi = j.mean.map((m, i) => m + 2 * j.se[i]);
  const typical = j.logMean.map(Math.exp);
  const values = [...j.meanField, ...j.mean, ...typical, ...lo.filter((v) => v > 0), ...hi];
  return {
    title: 'Squared norm of the input–output Jacobian along the curve against depth',
    xLabel: LAYER_AXIS,
    yLabel: '‖J u‖² d/n',
    xScale: 'linear',
    xDomain: layerDomain(j.layers),
    yScale: scaleOf(values),
    series: [
      { kind: 'line', id: 'jacobian-limit', label: circle ? 'mean field σ_{w}^{2} Π χ₁(q^{m})' : 'mean field', color: ROLE_COLOR.limit, x: j.layers, y: j.meanField },
      { kind: 'errorbars', id: 'jacobian-mean', label: 'mean ± 2 SE over the networks', color: ROLE_COLOR.mc, x: j.layers, y: j.mean, lo, hi },
      { kind: 'points', id: 'jacobian-typical', label: 'exp E log (a typical network)', color: OKABE_ITO.purple, x: j.layers, y: typical },
    ],
  };
}

/** Participation ratio of the k points' centred features against depth. */
export function dimensionPlot(g: GeometryBlock): XYPlotData {
  return {
    title: 'Effective dimension of the image curve against depth',
    xLabel: LAYER_AXIS,
    yLabel: 'participation ratio',
    xScale: 'linear',
    xDomain: layerDomain(g.layers),
    yScale: 'linear',
    series: [
      { kind: 'hrule', id: 'dimension-circle', label: 'input curve: 2', color: ROLE_COLOR.limit, y: 2, dash: '4 4' },
      ...bands('dimension', g.layers, g.participationRatio, `median participation ratio, M = ${formatCount(g.M)}`),
    ],
  };
}

/** Sentences for the captions, each derived from the blocks shown. */
export function geometrySentences(g: GeometryBlock, j: JacobianBlock): { length: string; distortion: string; jacobian: string; dimension: string } {
  const last = g.layers.length - 1;
  const L = g.layers[last];
  const l0 = g.layers[0];
  const mfRatio = g.meanField.length[last] / g.meanField.length[0];
  const growth = Math.pow(mfRatio, 1 / Math.max(1, L - l0));
  const trend = growth > 1 + 1e-9 ? `grows by a factor ${formatValue(growth, 4)} a layer on average` : growth < 1 - 1e-9 ? `shrinks by a factor ${formatValue(growth, 4)} a layer on average` : 'keeps its length';
  const mcRatio = g.length.mean[last] / g.meanField.length[last];
  const dMax = Math.max(...g.distortion.mean);
  const dArg = g.layers[g.distortion.mean.indexOf(dMax)];
  const varFirst = g.distortion.sd[0] ** 2;
  const varLast = g.distortion.sd[last] ** 2;
  const jRatio = j.mean[last] / j.meanField[last];
  const prLast = g.participationRatio.p50[last];
  return {
    length: `In the mean field the image of the curve ${trend} from layer ${l0} to ${L} (on the length map's fixed point this factor is $\\sqrt{\\chi_1}$). At layer ${L} the mean over the M = ${formatCount(g.M)} networks is ${formatValue(mcRatio, 3)} × the mean field.`,
    distortion: `The mean distortion is largest at layer ${dArg} (${formatValue(dMax, 3)}); its variance over the networks goes from ${formatValue(varFirst, 3)} at layer ${l0} to ${formatValue(varLast, 3)} at layer ${L}.`,
    jacobian: `At layer ${L} the Monte Carlo mean of $\\|J u\\|^2 d/n$ is ${formatValue(jRatio, 3)} × its mean field; the typical network (exp E log) sits at ${formatValue(Math.exp(j.logMean[last]) / j.meanField[last], 3)} × it, with Var log = ${formatValue(j.logVar[last], 3)}.`,
    dimension: `The median participation ratio at layer ${L} is ${formatValue(prLast, 3)} (the k = ${g.k} points span at most ${g.k - 1} centred directions).`,
  };
}

/** The still picture's axes and the animation's canvas span ±IMAGE_EXTENT (each layer divided by its largest coordinate). */
export const IMAGE_EXTENT = 1.08;

/** R^ℓ: the largest |coordinate| of network 0's image at layer index i (NaN where it left f64). */
export function imageScale(g: GeometryBlock, i: number): number {
  const x = g.image.pc1[i];
  const y = g.image.pc2[i];
  let R = 0;
  for (let a = 0; a < x.length; a++) R = Math.max(R, Math.abs(x[a]), Math.abs(y[a]));
  return R;
}

/**
 * Network 0's image of the curve at one layer on its top two principal components, divided by that
 * layer's largest coordinate R^ℓ (a closed curve through the k points, the first point marked): the
 * axes are the same at every layer, the picture shows the shape, the length plot the size. The
 * animation (plots/curveFrames.ts) draws the same marks on a canvas over these axes.
 */
export function imagePlot(g: GeometryBlock, index: number): XYPlotData {
  const i = Math.max(0, Math.min(g.layers.length - 1, index));
  const R = imageScale(g, i);
  const s = R > 0 ? R : 1;
  const x = g.image.pc1[i].map((v) => v / s);
  const y = g.image.pc2[i].map((v) => v / s);
  return {
    title: `Image of the input curve at layer ${g.layers[i]} on its top two principal components (network 0), divided by its largest coordinate`,
    xLabel: 'first principal component ÷ R^{ℓ}',
    yLabel: 'second principal component ÷ R^{ℓ}',
    xScale: 'linear',
    yScale: 'linear',
    xDomain: [-IMAGE_EXTENT, IMAGE_EXTENT],
    yDomain: [-IMAGE_EXTENT, IMAGE_EXTENT],
    series: [
      { kind: 'line', id: 'image-curve', label: `image of the ${g.k} points (network 0)`, color: ROLE_COLOR.mc, x: [...x, x[0]], y: [...y, y[0]] },
      { kind: 'points', id: 'image-start', label: 'the image of θ = 0', color: OKABE_ITO.black, x: [x[0]], y: [y[0]] },
    ],
  };
}

/** The readout's sentence for the picture at one layer, from the block. */
export function imageSentence(g: GeometryBlock, index: number): string {
  const i = Math.max(0, Math.min(g.layers.length - 1, index));
  const R = imageScale(g, i);
  if (!Number.isFinite(R)) return `Layer ${g.layers[i]}: network 0 has left f64 here (no picture).`;
  return `Layer ${g.layers[i]}: R = ${formatValue(R, 3)} (per √n); these two components hold ${formatValue(100 * g.image.explained[i], 3)} % of the variance of network 0's image (the input curve: 100 %).`;
}
