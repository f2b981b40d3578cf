/**
 * The `geometry` and `jacobian` blocks of the result document (issue 18 §6), added when the spec
 * has an input curve (curve=circle:k): M finite networks on the curve (curveMonteCarlo.ts) next to
 * the mean field (meanField.ts).
 *
 *   geometry: { curve, k, q, M, method, engine,
 *               layers, live,                                  // live: networks with finite values per layer
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
import { meanVar, summarise, type Summary } from '../experiments/stats.ts';
import { Yielder } from '../backends/cpu/yielder.ts';
import type { Quantiles } from '../experiments/result.ts';
import { parseCurve, type InputCurve } from './curve.ts';
import { sampleCurvesAsync, type CurveMeasure } from './curveMonteCarlo.ts';
import { curveMeanField, curveUnsupported, tangentLengthBias } from './meanField.ts';

export interface GeometryBlock {
  readonly curve: string;
  readonly k: number;
  readonly q: number;
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

export interface JacobianBlock {
  readonly layers: number[];
  readonly meanField: number[];
  readonly mean: number[];
  readonly se: number[];
  readonly logMean: number[];
  readonly logVar: number[];
}

/** The input curve of a spec, or undefined for curve=none. Its squared radius is q₁. */
export function specCurve(spec: Spec): InputCurve | undefined {
  const c = parseCurve(spec.curve);
  if (!c.ok) throw new Error(`invalid curve '${spec.curve}' in a validated spec`);
  return c.value.kind === 'circle' ? { k: c.value.k, q: spec.q1 } : undefined;
}

function quantiles(perLayer: Float64Array[]): Quantiles {
  const s: Summary[] = perLayer.map((x) => summarise(x.filter(Number.isFinite)));
  const pick = (key: keyof Summary) => s.map((v) => v[key]);
  return { mean: pick('mean'), sd: pick('sd'), p05: pick('p05'), p25: pick('p25'), p50: pick('p50'), p75: pick('p75'), p95: pick('p95') };
}

export async function geometryBlocks(
  spec: Spec,
  signal?: AbortSignal,
): Promise<{ geometry: GeometryBlock; jacobian: JacobianBlock } | { geometry: { unavailable: string } } | undefined> {
  const curve = specCurve(spec);
  if (!curve || spec.M === 0) return undefined;
  const why = curveUnsupported(spec);
  if (why) return { geometry: { unavailable: why } };
  const run = await sampleCurvesAsync(spec, curve, new Yielder(signal));
  const mf = curveMeanField(spec, curve);
  const bias = tangentLengthBias(spec, curve);
  const q = (m: CurveMeasure) => quantiles(run.samples[m]);
  const logs = run.samples.logJacobian2.map((x) => meanVar(x.filter(Number.isFinite)));
  const j2 = run.samples.logJacobian2.map((x) => meanVar(x.filter(Number.isFinite).map(Math.exp)));
  const live = run.samples.length.map((x, i) => x.filter((v, j) => Number.isFinite(v) && Number.isFinite(run.samples.logJacobian2[i][j])).length);
  return {
    geometry: {
      curve: spec.curve,
      k: curve.k,
      q: curve.q,
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
    },
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
