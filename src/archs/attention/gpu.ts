/**
 * The explicit attention network on WebGPU (shaders/attention_layer.wgsl): the same Philox keys as
 * explicit.ts, so the same seed gives the same networks as the CPU engine up to f32 rounding. Per
 * layer: the three projections (one thread per output row and network), the m×m mixing (one thread
 * per network), the residual update; the token covariance V = XᵀX/n is formed from the read-back
 * state in f64 (a read-back per layer: correct, not yet fast). The WebGPU backend runs method=explicit
 * attention networks here (index.ts `gpu`); parity with the CPU engine: gpu.conformance.test.ts.
 */
import sizesWgsl from '../../../shaders/lib/sizes.wgsl?raw';
import trigWgsl from '../../../shaders/lib/trig.wgsl?raw';
import rngWgsl from '../../../shaders/lib/rng.wgsl?raw';
import attentionWgsl from '../../../shaders/attention_layer.wgsl?raw';
import { INPUT_DIMENSION, inputVectors } from '../../core/inputs.ts';
import { Domain } from '../../core/philox.ts';
import { tokenCovariance } from './explicit.ts';
import { temperature, type AttentionModel } from './model.ts';

const WG = 64;

/**
 * What a caller may run after each attention layer l on the same state (the shaped Transformer
 * block's MLP sublayer, archs/shapedtx/gpu.ts): X (nets × n × m) and P (nets × rows × m, free then).
 */
export type AttentionGpuLayerHook = (l: number, state: { readonly X: GPUBuffer; readonly P: GPUBuffer; readonly rows: number }) => void;

/** V_l (m×m, row-major, f64 from the f32 state) of networks netBase … netBase + nets − 1, l = 0..L: out[net][l]. */
export async function runAttentionGpu(device: GPUDevice, model: AttentionModel, nets: number, netBase = 0, afterLayer?: AttentionGpuLayerHook): Promise<Float64Array[][]> {
  const { m, n, nk, L } = model;
  const rows = 2 * nk + n;
  const module = device.createShaderModule({ label: 'attention_layer.wgsl', code: [sizesWgsl, trigWgsl, rngWgsl, attentionWgsl].join('\n') });
  const storage = (binding: number, readOnly = false): GPUBindGroupLayoutEntry => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: readOnly ? 'read-only-storage' : 'storage' } });
  const layout = device.createBindGroupLayout({
    entries: [{ binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } }, storage(1), storage(2), storage(3), storage(4, true)],
  });
  const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [layout] });
  const pipeline = (entryPoint: string) => device.createComputePipeline({ layout: pipelineLayout, compute: { module, entryPoint, constants: { K: m } } });
  const [embed, project, mix, update] = ['attn_embed', 'attn_project', 'attn_mix', 'attn_update'].map(pipeline);
  const buffer = (bytes: number, usage: number) => device.createBuffer({ size: Math.max(16, Math.ceil(bytes / 16) * 16), usage });
  const S = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const X = buffer(nets * n * m * 4, S);
  const P = buffer(nets * rows * m * 4, S);
  const A = buffer(nets * m * m * 4, S);
  const { d, x } = inputVectors({ q1: model.q1, q2: model.q2, rho0: model.rho0, k: m }, INPUT_DIMENSION);
  const inputs = buffer(d * m * 4, S);
  device.queue.writeBuffer(inputs, 0, Float32Array.from(x));
  const params = buffer(64, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
  const readback = buffer(nets * n * m * 4, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
  const group = device.createBindGroup({
    layout,
    entries: [params, X, P, A, inputs].map((b, binding) => ({ binding, resource: { buffer: b } })),
  });
  const writeParams = (domain: number, layer: number, nIn: number) => {
    const u = new Uint32Array(16);
    const f = new Float32Array(u.buffer);
    u.set([model.seed >>> 0, domain, layer, n, nk, nIn, model.kind === 'shapedattn' ? 1 : 0, netBase, nets]);
    f[9] = 1 / temperature(model);
    f[10] = Math.sqrt(1 - model.gamma2);
    f[11] = Math.sqrt(model.gamma2);
    f[12] = 1 / Math.sqrt(nIn);
    device.queue.writeBuffer(params, 0, u);
  };
  const out: Float64Array[][] = Array.from({ length: nets }, () => []);
  const record = async () => {
    const enc = device.createCommandEncoder();
    enc.copyBufferToBuffer(X, 0, readback, 0, nets * n * m * 4);
    device.queue.submit([enc.finish()]);
    await readback.mapAsync(GPUMapMode.READ);
    const state = new Float32Array(readback.getMappedRange().slice(0));
    readback.unmap();
    for (let net = 0; net < nets; net++) {
      const Xn = Float64Array.from(state.subarray(net * n * m, (net + 1) * n * m));
      out[net].push(tokenCovariance(Xn, n, m, new Float64Array(m * m)));
    }
  };
  const dispatch = (p: GPUComputePipeline, x: number, y: number) => {
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(p);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(x, y);
    pass.end();
    device.queue.submit([enc.finish()]);
  };
  try {
    writeParams(Domain.inputWeight, 0, d);
    dispatch(embed, Math.ceil(n / WG), nets);
    await record();
    for (let l = 1; l <= L; l++) {
      writeParams(Domain.weight, l, n);
      dispatch(project, Math.ceil(rows / WG), nets);
      dispatch(mix, Math.ceil(nets / WG), 1);
      dispatch(update, Math.ceil(n / WG), nets);
      afterLayer?.(l, { X, P, rows });
      await record();
    }
  } finally {
    for (const b of [X, P, A, inputs, params, readback]) b.destroy();
  }
  return out;
}
