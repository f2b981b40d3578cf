/**
 * M networks on one input curve: the per-network measures of curveMeasures.ts at every layer,
 * in network order (network i is network i of the spec's seed on every run).
 */
import { networkModel } from '../backends/model.ts';
import { INPUT_DIMENSION } from '../core/inputs.ts';
import type { Method, Spec } from '../core/spec.ts';
import type { Checkpoint } from '../archs/types.ts';
import { curveLength, curveMoments, type InputCurve } from './curve.ts';
import { curveUnsupported } from './meanField.ts';
import { curveLayerSums, measuresFromSums, type CurveLayerMeasures, type CurveLayerSums } from './curveMeasures.ts';
import { curveGpuChunk, runCurveGpu } from './curveGpu.ts';
import { topTwoComponents, type CurveImage2D } from './curveImage.ts';
import { simulateCurveExplicit, simulateCurveGram, type CurveModel } from './curveNetwork.ts';

/**
 * The per-layer measures, plus the length distortion ℒ̂^ℓ/(s₁·2π√q) (Hanin, Jeong & Rolnick 2022):
 * the image's length under x ↦ z^ℓ/s₁ over the input's, per √(dimension), s₁ the first layer's weight
 * scale (σw; 1 for the ResNet's embedding). For the MLP, x ↦ z^ℓ/σw is a network whose last layer has
 * weight variance 1/fan-in, and E (distortion)² = Π χ₁ (= 1 for ReLU He).
 */
export type CurveMeasure = keyof CurveLayerMeasures | 'distortion';
export const CURVE_MEASURES: readonly CurveMeasure[] = ['polygonLength', 'length', 'distortion', 'curvature', 'logJacobian2', 'participationRatio', 'numericalRank'];

export interface CurveSamples {
  readonly layers: number[];
  /** samples[measure][layer index][network]. */
  readonly samples: Record<CurveMeasure, Float64Array[]>;
  /** The first network's image on its top two principal components, per layer (curveImage.ts). */
  readonly image: { readonly pc1: Float64Array[]; readonly pc2: Float64Array[]; readonly explained: number[] };
}

export function curveModel(spec: Spec, curve: InputCurve): CurveModel {
  const unsupported = curveUnsupported(spec);
  if (unsupported) throw new RangeError(unsupported);
  return { ...networkModel({ ...spec, k: 2 }), curve, d: INPUT_DIMENSION };
}

function prepare(spec: Spec, curve: InputCurve, opts: { M?: number; method?: Method; firstNet?: number }) {
  const model = curveModel(spec, curve);
  const M = opts.M ?? spec.M;
  const first = opts.firstNet ?? 0;
  const method = opts.method ?? spec.method;
  const layers: number[] = [];
  for (let l = model.firstLayer; l <= model.L; l++) layers.push(l);
  const samples = Object.fromEntries(CURVE_MEASURES.map((m) => [m, layers.map(() => new Float64Array(M))])) as Record<CurveMeasure, Float64Array[]>;
  const s1 = model.inputEmbedding ? 1 : model.firstWeightScale;
  const inputLength = s1 * curveLength(curve);
  // ‖J u‖² d/n at the first point: |t_0|²/n over |ẋ_0|²/d (= q on the circle, r²q on the ellipse).
  const speed0 = curveMoments(curve, 0).g;
  const simulate = method === 'gram' ? simulateCurveGram : simulateCurveExplicit;
  const image = { pc1: [] as Float64Array[], pc2: [] as Float64Array[], explained: [] as number[] };
  const kernel = new Float64Array(curve.k * curve.k);
  let last: CurveImage2D | undefined;
  /** Network i's sums at one layer → its measures (and network 0's picture). */
  const record = (i: number, layer: number, sums: CurveLayerSums) => {
    const r = measuresFromSums(sums, model.n, curve.k, speed0, kernel);
    const li = layer - model.firstLayer;
    for (const m of CURVE_MEASURES) samples[m][li][i] = m === 'distortion' ? r.length / inputLength : r[m];
    if (i === 0) {
      last = topTwoComponents(kernel, curve.k, last?.basis, last);
      image.pc1.push(last.pc1);
      image.pc2.push(last.pc2);
      image.explained.push(last.explained);
    }
  };
  const one = (i: number) => simulate(model, first + i, (layer, Z, T) => record(i, layer, curveLayerSums(Z, T, model.n, curve.k)));
  return { M, first, model, record, one, result: { layers, samples, image } as CurveSamples };
}

export function sampleCurves(spec: Spec, curve: InputCurve, opts: { M?: number; method?: Method; firstNet?: number } = {}): CurveSamples {
  const p = prepare(spec, curve, opts);
  for (let i = 0; i < p.M; i++) for (const _ of p.one(i));
  return p.result;
}

/** The same networks, with a cancellation checkpoint after every layer (and every 64 rows of an explicit layer): page Workers, the CLI. */
export async function sampleCurvesAsync(spec: Spec, curve: InputCurve, yielder: Checkpoint, opts: { M?: number; method?: Method } = {}): Promise<CurveSamples> {
  const p = prepare(spec, curve, opts);
  for (let i = 0; i < p.M; i++) for (const _ of p.one(i)) await yielder.checkpoint();
  return p.result;
}

/**
 * The same explicit networks on a WebGPU device (curveGpu.ts: same Philox keys, f32), in chunks of
 * networks that fit the device; a cancellation checkpoint after every layer of every chunk.
 */
export async function sampleCurvesGpu(spec: Spec, curve: InputCurve, device: GPUDevice, yielder: Checkpoint, opts: { M?: number; chunkNetworks?: number } = {}): Promise<CurveSamples> {
  const p = prepare(spec, curve, { M: opts.M, method: 'explicit' });
  const chunk = Math.min(opts.chunkNetworks ?? Infinity, curveGpuChunk(p.model, device));
  for (let start = 0; start < p.M; start += chunk) {
    const nets = Math.min(chunk, p.M - start);
    await runCurveGpu(device, p.model, nets, p.first + start, (net, layer, sums) => p.record(net - p.first, layer, sums), () => yielder.checkpoint());
  }
  return p.result;
}
