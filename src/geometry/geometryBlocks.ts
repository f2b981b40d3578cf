/**
 * The `geometry` and `jacobian` blocks of the result document (issue 18 §6), added when the spec
 * has an input curve (curve=circle:k): M finite networks on the curve (curveMonteCarlo.ts) next to
 * the mean field (meanField.ts).
 *
 *   geometry: { curve, k, q, M, method, engine,
 *               layers, live,                                  // live: networks whose length is finite and > 0 per layer
 *               meanField: { length, polygonLength, lengthBias },
 *               length | polygonLength | distortion | curvature | participationRatio:
 *                 { mean, sd, p05, p25, p50, p75, p95 },       // over the live networks, per layer
 *               image: { network: 0, pc1, pc2, explained } }  // network 0's image on its top 2 PCs
 *   jacobian: { layers, meanField,                               // E‖J u‖² d/n at infinite width
 *               mean, se,                                       // MC mean of ‖J u‖² d/n and its SE
 *               logMean, logVar }                               // E log‖J u‖² d/n and its variance
 *
 * Lengths are per √n (the input's per √d); u is the unit tangent of the curve at its first point.
 * engine says where the networks ran: the CPU, whatever `backend` is (no WGSL kernel yet).
 */
import type { Spec } from '../core/spec.ts';
import type { Fault } from '../experiments/faults.ts';
import { meanVar, summarise, type Summary } from '../core/stats.ts';
import { Yielder } from '../backends/cpu/yielder.ts';
import type { Quantiles } from '../experiments/result.ts';
import { inputCurveOf, type InputCurve } from './curve.ts';
import { sampleCurvesAsync, type CurveMeasure } from './curveMonteCarlo.ts';
import { curveMeanField, curveUnsupported, tangentLengthBias } from './meanField.ts';

export interface GeometryBlock {
  readonly curve: string;
  readonly k: number;
  readonly q: number;
  /** Axis ratio of the ellipse (1: the circle; NaN, null in the JSON, for a drawn curve). */
  readonly r: number;
  readonly M: number;
  readonly method: Spec['method'];
  readonly engine: 'cpu';
  readonly layers: number[];
  readonly live: number[];
  readonly meanField: { readonly length: number[]; readonly polygonLength: number[]; readonly lengthBias: (number | null)[] };
  readonly length: Quantiles;
  readonly polygonLength: Quantiles;
  readonly distortion: Quantiles;
  readonly curvature: Quantiles;
  readonly participationRatio: Quantiles;
  /**
   * Network 0's image of the curve on its top two principal components at every layer (per √n):
   * pc1[layer][point], pc2[layer][point], and the share of the image's variance they hold.
   */
  readonly image: { readonly network: 0; readonly pc1: number[][]; readonly pc2: number[][]; readonly explained: number[] };
}

/**
 * Where the curve's numbers leave f64 (issue 20's contract, experiments/faults.ts): the first layer
 * where some network's length is no longer finite or positive (it overflowed, or underflowed to 0),
 * and the first layer where the mean-field length does — one entry each, for the `faults` list.
 */
/** A length that falls from above this to exactly 0 in one layer did not underflow (faults.ts uses the same bound). */
const ZERO_JUMP = 1e-290;

export function geometryFaults(g: GeometryBlock, samples: { length: Float64Array[] }): Omit<Fault, 'block'>[] {
  const out: Omit<Fault, 'block'>[] = [];
  const mcLayer = samples.length.findIndex((x) => x.some((v) => !(Number.isFinite(v) && v > 0)));
  if (mcLayer >= 0) {
    const x = samples.length[mcLayer];
    const prev = mcLayer > 0 ? samples.length[mcLayer - 1] : undefined;
    const over = x.some((v) => !Number.isFinite(v));
    // A length that drops to exactly 0 from a normal value in one layer did not underflow: every unit
    // of the layer was inactive (a dead ReLU network), as faults.ts tells them apart.
    const dead = !over && x.some((v, j) => v === 0 && (prev === undefined || prev[j] > ZERO_JUMP));
    const cause = over ? 'overflow' : dead ? 'dead' : 'underflow';
    const count = x.filter((v) => !(Number.isFinite(v) && v > 0)).length;
    const what = over ? 'overflows f64' : dead ? 'is 0 (every unit of the layer inactive: the network is dead)' : 'underflows f64';
    out.push({
      quantity: 'length',
      layer: g.layers[mcLayer],
      cause,
      message: `the image length of ${count} of ${x.length} networks ${what} at layer ${g.layers[mcLayer]}: the statistics from there on use the networks still live (live)`,
    });
  }
  const mfLayer = g.meanField.length.findIndex((v) => !(Number.isFinite(v) && v > 0));
  if (mfLayer >= 0) {
    const over = !Number.isFinite(g.meanField.length[mfLayer]);
    out.push({
      quantity: 'meanField.length',
      layer: g.layers[mfLayer],
      cause: over ? 'overflow' : 'underflow',
      message: `the mean-field length ${over ? 'overflows' : 'underflows'} f64 at layer ${g.layers[mfLayer]}: null from there on`,
    });
  }
  return out;
}

// The result document's type knows these blocks (experiments/result.ts, ViewBlocks: declaration merging).
declare module '../experiments/result.ts' {
  interface ViewBlocks {
    readonly geometry: GeometryBlock;
    readonly jacobian: JacobianBlock;
  }
}

export interface JacobianBlock {
  readonly layers: number[];
  readonly meanField: number[];
  readonly mean: number[];
  readonly se: number[];
  readonly logMean: number[];
  readonly logVar: number[];
}

/** The input curve of a spec, or undefined for curve=none. Its squared (major, or for a drawn curve mean) radius is q₁. */
export function specCurve(spec: Spec): InputCurve | undefined {
  return inputCurveOf(spec.curve, spec.q1);
}

/** Per layer, whether each network is live: its length finite and > 0 and its log‖Ju‖² finite. */
function liveMask(samples: Record<CurveMeasure, Float64Array[]>): boolean[][] {
  return samples.length.map((x, i) => Array.from(x, (v, j) => Number.isFinite(v) && v > 0 && Number.isFinite(samples.logJacobian2[i][j])));
}

/** Quantiles over the live networks of each layer (NaN — null in the JSON — where none is live). */
function quantiles(perLayer: Float64Array[], live: boolean[][]): Quantiles {
  const s: Summary[] = perLayer.map((x, i) => summarise(x.filter((v, j) => live[i][j] && Number.isFinite(v))));
  const pick = (key: keyof Summary) => s.map((v) => v[key]);
  return { mean: pick('mean'), sd: pick('sd'), p05: pick('p05'), p25: pick('p25'), p50: pick('p50'), p75: pick('p75'), p95: pick('p95') };
}

export async function geometryBlocks(
  spec: Spec,
  signal?: AbortSignal,
): Promise<{ geometry: GeometryBlock; jacobian: JacobianBlock; faults: Omit<Fault, 'block'>[] } | { geometry: { unavailable: string } } | undefined> {
  const curve = specCurve(spec);
  if (!curve || spec.M === 0) return undefined;
  const why = curveUnsupported(spec);
  if (why) return { geometry: { unavailable: why } };
  const run = await sampleCurvesAsync(spec, curve, new Yielder(signal));
  const mf = curveMeanField(spec, curve);
  const bias = tangentLengthBias(spec, curve);
  const mask = liveMask(run.samples);
  const q = (m: CurveMeasure) => quantiles(run.samples[m], mask);
  const liveLogs = run.samples.logJacobian2.map((x, i) => x.filter((_, j) => mask[i][j]));
  const logs = liveLogs.map((x) => meanVar(x));
  const j2 = liveLogs.map((x) => meanVar(x.map(Math.exp)));
  const live = mask.map((m) => m.filter(Boolean).length);
  const geometry: GeometryBlock = {
    curve: spec.curve,
    k: curve.k,
    q: curve.q,
    r: curve.drawn ? NaN : curve.r ?? 1,
    M: spec.M,
    method: spec.method,
    engine: 'cpu',
    layers: run.layers,
    live,
    meanField: { length: mf.length, polygonLength: mf.polygonLength, lengthBias: bias.map((b) => (Number.isFinite(b) ? b : null)) },
    length: q('length'),
    polygonLength: q('polygonLength'),
    distortion: q('distortion'),
    curvature: q('curvature'),
    participationRatio: q('participationRatio'),
    image: { network: 0, pc1: run.image.pc1.map((x) => Array.from(x)), pc2: run.image.pc2.map((x) => Array.from(x)), explained: run.image.explained },
  };
  return {
    geometry,
    faults: geometryFaults(geometry, run.samples),
    jacobian: {
      layers: run.layers,
      meanField: mf.jacobian2,
      mean: j2.map((s) => s.mean),
      se: j2.map((s) => Math.sqrt(s.var / s.count)),
      logMean: logs.map((s) => s.mean),
      logVar: logs.map((s) => s.var),
    },
  };
}
