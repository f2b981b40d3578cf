/**
 * The explicit curve networks on WebGPU (shaders/curve_layer.wgsl; issue 18 §6): the k points of the
 * input curve and their tangents pushed through `nets` networks at once, every weight drawn on the
 * GPU from the Philox keys of the CPU explicit sampler (curveNetwork.ts simulateCurveExplicit), so
 * that the same seed gives the same networks up to f32 rounding; tangents by the Jacobian
 * t^{ℓ+1} = s W (φ'(z^ℓ) ⊙ t^ℓ)/√n. Each layer is reduced on the GPU to the sums the measures need
 * (curveMeasures.ts CurveLayerSums: k chords², k chord dot products, k tangents², the k × k centred
 * kernel), read back (3k + k² numbers per network and layer, not the n × 2k state) and widened to f64.
 * Gaussian weights only (the other families stay on the CPU, as the caller says). A workgroup of
 * curve_layer owns 4 rows × 256 columns and stages its rows' weights in workgroup memory, so each
 * weight is drawn ⌈2k/256⌉ times. Parity with the
 * CPU sampler: curveGpu.conformance.test.ts.
 */
import trigWgsl from '../../shaders/lib/trig.wgsl?raw';
import rngWgsl from '../../shaders/lib/rng.wgsl?raw';
import activationsWgsl from '../../shaders/lib/activations.wgsl?raw';
import curveWgsl from '../../shaders/curve_layer.wgsl?raw';
import { Domain } from '../core/philox.ts';
import { curveVectors } from './curve.ts';
import type { CurveLayerSums } from './curveMeasures.ts';
import type { CurveModel } from './curveNetwork.ts';
import { CURVE_GPU_WG, curveGpuUnsupported, curveLayerGroups, MAX_WORKGROUPS } from './curveGpuSupport.ts';

const WG = CURVE_GPU_WG;

/** Networks per dispatch: the state S and H (n × 2k f32 each) of every network of a chunk within `budget` bytes. */
export function curveGpuChunk(model: CurveModel, device: GPUDevice, budget = 64 * 2 ** 20): number {
  const perNet = model.n * 2 * model.curve.k * 4;
  const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize, budget);
  return Math.max(1, Math.min(MAX_WORKGROUPS, Math.floor(limit / perNet)));
}

interface CurvePipelines {
  readonly layout: GPUBindGroupLayout;
  /** curve_activate, curve_layer, curve_means, curve_point_sums, curve_kernel. */
  readonly pipelines: readonly GPUComputePipeline[];
}

/** Pipelines per device and activation, built once (a chunked run would otherwise compile them per chunk). */
const PIPELINES = new WeakMap<GPUDevice, Map<string, CurvePipelines>>();

function curvePipelines(device: GPUDevice, act: { readonly kind: number; readonly p0: number; readonly p1: number }): CurvePipelines {
  let perDevice = PIPELINES.get(device);
  if (!perDevice) PIPELINES.set(device, (perDevice = new Map()));
  const key = `${act.kind}:${act.p0}:${act.p1}`;
  const cached = perDevice.get(key);
  if (cached) return cached;
  const module = device.createShaderModule({ label: 'curve_layer.wgsl', code: [trigWgsl, rngWgsl, activationsWgsl, curveWgsl].join('\n') });
  const storage = (binding: number, readOnly = false): GPUBindGroupLayoutEntry => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: readOnly ? 'read-only-storage' : 'storage' } });
  const layout = device.createBindGroupLayout({
    entries: [{ binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } }, storage(1), storage(2), storage(3, true), storage(4), storage(5)],
  });
  const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [layout] });
  const constants = { ACT_KIND: act.kind, ACT_P0: act.p0, ACT_P1: act.p1 };
  const pipelines = ['curve_activate', 'curve_layer', 'curve_means', 'curve_point_sums', 'curve_kernel'].map((entryPoint) =>
    device.createComputePipeline({ label: entryPoint, layout: pipelineLayout, compute: { module, entryPoint, constants } }),
  );
  const built = { layout, pipelines };
  perDevice.set(key, built);
  return built;
}

export type CurveSumsCallback = (net: number, layer: number, sums: CurveLayerSums) => void;

/**
 * Networks netBase … netBase + nets − 1 (one dispatch chain; the caller chunks by curveGpuChunk).
 * `onLayer(net, layer, sums)` is called for every network and layer in order; `checkpoint`, when
 * given, is awaited after every layer (cancellation).
 */
export async function runCurveGpu(device: GPUDevice, model: CurveModel, nets: number, netBase: number, onLayer: CurveSumsCallback, checkpoint?: () => Promise<void>): Promise<void> {
  const why = curveGpuUnsupported(model.weights.kind, model.n, model.curve.k);
  if (why) throw new RangeError(why);
  const { n, L } = model;
  const k = model.curve.k;
  const m = 2 * k;
  const outPer = 3 * k + k * k;
  const { layout, pipelines } = curvePipelines(device, model.act.wgsl);
  const [activate, layer, means, pointSums, kernel] = pipelines;
  const buffer = (bytes: number, usage: number) => device.createBuffer({ size: Math.max(16, Math.ceil(bytes / 16) * 16), usage });
  const STORAGE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const S = buffer(nets * n * m * 4, STORAGE);
  const H = buffer(nets * n * m * 4, STORAGE);
  const x = curveVectors(model.curve, model.d);
  const inputs = buffer(x.length * 4, STORAGE);
  device.queue.writeBuffer(inputs, 0, Float32Array.from(x));
  const meanBuf = buffer(nets * n * 4, STORAGE);
  const out = buffer(nets * outPer * 4, STORAGE);
  const params = buffer(64, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
  const readback = buffer(nets * outPer * 4, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
  const group = device.createBindGroup({ layout, entries: [params, S, H, inputs, meanBuf, out].map((b, binding) => ({ binding, resource: { buffer: b } })) });
  const writeParams = (domain: number, l: number, nIn: number, fromInput: boolean, residual: number | undefined, scale: number, biasScale: number) => {
    const u = new Uint32Array(16);
    const f = new Float32Array(u.buffer);
    u.set([model.seed >>> 0, domain, Domain.bias, l, n, nIn, k, fromInput ? 1 : 0, residual === undefined ? 0 : 1, netBase]);
    f[12] = scale / Math.sqrt(nIn);
    f[13] = biasScale;
    f[14] = residual ?? 0;
    device.queue.writeBuffer(params, 0, u);
  };
  const dispatchGroups = (enc: GPUCommandEncoder, p: GPUComputePipeline, groups: number) => {
    const pass = enc.beginComputePass();
    pass.setPipeline(p);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(groups, nets);
    pass.end();
  };
  const dispatch = (enc: GPUCommandEncoder, p: GPUComputePipeline, threads: number) => dispatchGroups(enc, p, Math.ceil(threads / WG));
  // One layer: (activation,) the matrix product, then the reductions and the readback of their sums.
  const step = async (l: number, activateFirst: boolean) => {
    const enc = device.createCommandEncoder();
    if (activateFirst) dispatch(enc, activate, n * k);
    dispatchGroups(enc, layer, curveLayerGroups(n, k));
    dispatch(enc, means, n);
    dispatch(enc, pointSums, k);
    dispatch(enc, kernel, k * k);
    enc.copyBufferToBuffer(out, 0, readback, 0, nets * outPer * 4);
    device.queue.submit([enc.finish()]);
    await readback.mapAsync(GPUMapMode.READ);
    const sums = new Float32Array(readback.getMappedRange().slice(0));
    readback.unmap();
    for (let net = 0; net < nets; net++) {
      const o = net * outPer;
      const wide = (from: number, len: number) => Float64Array.from(sums.subarray(o + from, o + from + len));
      const K = wide(3 * k, k * k);
      onLayer(netBase + net, l, { chord2: wide(0, k), chordDot: wide(k, k), tangent2: wide(2 * k, k), kernel: K });
    }
    if (checkpoint) await checkpoint();
  };
  try {
    if (model.inputEmbedding) writeParams(Domain.inputWeight, 0, model.d, true, undefined, 1, 0);
    else writeParams(Domain.weight, 1, model.d, true, undefined, model.firstWeightScale, model.firstBiasScale);
    await step(model.firstLayer, false);
    const residual = model.residual ? model.branchScale : undefined;
    for (let l = model.firstLayer + 1; l <= L; l++) {
      writeParams(Domain.weight, l, n, false, residual, model.hiddenWeightScale, model.hiddenBiasScale);
      await step(l, true);
    }
  } finally {
    for (const b of [S, H, inputs, meanBuf, out, params, readback]) b.destroy();
  }
}
