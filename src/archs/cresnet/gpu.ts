/**
 * The controlled ResNet on WebGPU (shaders/cresnet_step.wgsl): the explicit finite network of
 * network.ts, every weight drawn on the GPU from the same Philox keys (domains cdeInit, cdeField,
 * cdeBias), so the same seed gives the same networks as the CPU engine up to f32 rounding
 * (parity: gpu.conformance.test.ts). Per step: Φ = φ(S_i) (one thread per row and network), then
 * S_{i+1} in place (one thread per row and network: d rows of n draws each, every draw used for the
 * K paths), then at a recorded step K̂ = SᵀS/n (one thread per pair and network) written straight into
 * the result buffer, which is read back once per chunk of networks. The step index reaches the
 * shader as a uniform at a dynamic offset (one 256-byte slot per step), so a whole chunk is encoded
 * without a round trip per step.
 *
 * Shared weights are drawn again at every step (L·d·n² Philox calls per network, as with fresh
 * weights): holding d·n² weights per network on the GPU would cap the networks per chunk for no
 * change in the numbers. The cost model prices both cases alike (index.ts `gpuNetworkSize`).
 */
import sizesWgsl from '../../../shaders/lib/sizes.wgsl?raw';
import trigWgsl from '../../../shaders/lib/trig.wgsl?raw';
import rngWgsl from '../../../shaders/lib/rng.wgsl?raw';
import activationsWgsl from '../../../shaders/lib/activations.wgsl?raw';
import cresnetWgsl from '../../../shaders/cresnet_step.wgsl?raw';
import { wgslActivationConstants, type Activation } from '../../core/activations.ts';
import { uniformIncrements, type Path } from '../../core/paths.ts';
import { Domain } from '../../core/philox.ts';

const WG = 64;
/** Bytes between two steps' parameters (minUniformBufferOffsetAlignment is at most 256). */
const SLOT = 256;
/** Steps encoded per command buffer. */
const STEPS_PER_SUBMIT = 256;

export interface CresnetGpuModel {
  readonly paths: readonly Path[];
  readonly n: number;
  readonly L: number;
  readonly s02: number;
  readonly sa2: number;
  readonly sb2: number;
  readonly share: boolean;
  readonly act: Activation;
  readonly seed: number;
}

type Pipelines = Record<'init' | 'phi' | 'step' | 'gram', GPUComputePipeline> & { readonly layout: GPUBindGroupLayout };

/** Pipelines per device and (K, φ): SwiftShader compiles a module in ~0.1–1 s, so once per device. */
const cache = new WeakMap<GPUDevice, Map<string, Promise<Pipelines>>>();

function pipelines(device: GPUDevice, K: number, act: Activation): Promise<Pipelines> {
  let byKey = cache.get(device);
  if (!byKey) cache.set(device, (byKey = new Map()));
  const constants = { K, ...wgslActivationConstants(act) };
  const key = JSON.stringify(constants);
  let p = byKey.get(key);
  if (!p) {
    p = (async () => {
      const module = device.createShaderModule({ label: 'cresnet_step.wgsl', code: [sizesWgsl, trigWgsl, rngWgsl, activationsWgsl, cresnetWgsl].join('\n') });
      const storage = (binding: number, readOnly = false): GPUBindGroupLayoutEntry => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: readOnly ? 'read-only-storage' : 'storage' } });
      const layout = device.createBindGroupLayout({
        label: 'cresnet',
        entries: [{ binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform', hasDynamicOffset: true } }, storage(1), storage(2), storage(3, true), storage(4)],
      });
      const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [layout] });
      const make = (entryPoint: string) => device.createComputePipelineAsync({ label: `cresnet ${entryPoint}`, layout: pipelineLayout, compute: { module, entryPoint, constants } });
      const [init, phi, step, gram] = await Promise.all(['cde_init', 'cde_phi', 'cde_step', 'cde_gram'].map(make));
      return { init, phi, step, gram, layout };
    })();
    byKey.set(key, p);
    p.catch(() => byKey.delete(key));
  }
  return p;
}

/** Networks per chunk: the state buffers within the device's binding size and the dispatch's y extent. */
export function cresnetChunkNetworks(limits: Pick<GPUSupportedLimits, 'maxStorageBufferBindingSize' | 'maxComputeWorkgroupsPerDimension'>, n: number, K: number, recorded: number): number {
  const P = (K * (K + 1)) / 2;
  const perNet = Math.max(n * K, recorded * P) * 4;
  return Math.max(1, Math.min(limits.maxComputeWorkgroupsPerDimension, Math.floor(limits.maxStorageBufferBindingSize / perNet)));
}

/**
 * K̂ at the recorded steps of networks netBase … netBase + nets − 1, in KernelBlock's layout
 * ([net][recorded layer][pair], pairs packed a ≤ b; f64 from the f32 sums). `maxChunk` caps the
 * networks per chunk below what the device's limits allow (tests force several chunks with it).
 */
export async function runCresnetGpu(device: GPUDevice, model: CresnetGpuModel, nets: number, netBase: number, recordLayers: readonly number[], maxChunk = Infinity): Promise<Float64Array> {
  const { n, L, paths } = model;
  const K = paths.length;
  const d = paths[0].d;
  const P = (K * (K + 1)) / 2;
  const R = recordLayers.length;
  for (const l of recordLayers) if (!(Number.isInteger(l) && l >= 0 && l <= L)) throw new RangeError(`arch=cresnet on WebGPU: recorded layer ${l} is not a step 0..${L}`);
  const pipes = await pipelines(device, K, model.act);
  const out = new Float64Array(nets * R * P);
  // Δx_i^k of every path (f64 on the CPU, exactly as network.ts computes them), laid out (i·d + k)·K + a.
  const incs = new Float32Array(L * d * K);
  paths.forEach((x, a) => {
    const inc = uniformIncrements(x, L);
    for (let j = 0; j < L * d; j++) incs[j * K + a] = inc[j];
  });
  const dt = 1 / L;
  const scaleA = model.share ? Math.sqrt(model.sa2 / n) : Math.sqrt(model.sa2 / (n * dt));
  const scaleB = model.share ? Math.sqrt(model.sb2) : Math.sqrt(model.sb2 / dt);
  const recordIndex = new Map(recordLayers.map((l, r) => [l, r]));
  const chunk = Math.max(1, Math.min(maxChunk, cresnetChunkNetworks(device.limits, n, K, R)));
  const buffer = (bytes: number, usage: number) => device.createBuffer({ size: Math.max(16, Math.ceil(bytes / 16) * 16), usage });
  const S = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const incsBuf = buffer(incs.byteLength, S);
  device.queue.writeBuffer(incsBuf, 0, incs);
  const created: GPUBuffer[] = [incsBuf];
  try {
    for (let done = 0; done < nets; done += chunk) {
      const count = Math.min(chunk, nets - done);
      const state = buffer(count * n * K * 4, S);
      const phi = buffer(count * n * K * 4, S);
      const gram = buffer(count * R * P * 4, S);
      const readback = buffer(count * R * P * 4, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
      // Slot 0: the initial state and layer 0; slot i + 1: step i → i + 1.
      const params = buffer((L + 1) * SLOT, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
      created.push(state, phi, gram, readback, params);
      const words = new ArrayBuffer((L + 1) * SLOT);
      for (let slot = 0; slot <= L; slot++) {
        const u = new Uint32Array(words, slot * SLOT, 16);
        const f = new Float32Array(words, slot * SLOT, 16);
        const layer = slot; // the layer this slot's gram records (S_slot)
        u.set([model.seed >>> 0, n, d, Math.max(0, slot - 1), model.share ? 1 : 0, model.sb2 > 0 ? 1 : 0, netBase + done, count, recordIndex.get(layer) ?? 0, R, Domain.cdeInit, Domain.cdeField, Domain.cdeBias]);
        f[13] = scaleA;
        f[14] = scaleB;
        f[15] = Math.sqrt(model.s02);
      }
      device.queue.writeBuffer(params, 0, words);
      const group = device.createBindGroup({
        layout: pipes.layout,
        entries: [{ binding: 0, resource: { buffer: params, size: 64 } }, ...[state, phi, incsBuf, gram].map((b, i) => ({ binding: i + 1, resource: { buffer: b } }))],
      });
      const rowGroups = Math.ceil(n / WG);
      const pairGroups = Math.ceil(P / WG);
      let enc = device.createCommandEncoder();
      let pass = enc.beginComputePass();
      const dispatch = (pl: GPUComputePipeline, slot: number, x: number) => {
        pass.setPipeline(pl);
        pass.setBindGroup(0, group, [slot * SLOT]);
        pass.dispatchWorkgroups(x, count);
      };
      dispatch(pipes.init, 0, rowGroups);
      if (recordIndex.has(0)) dispatch(pipes.gram, 0, pairGroups);
      for (let i = 0; i < L; i++) {
        dispatch(pipes.phi, i + 1, rowGroups);
        dispatch(pipes.step, i + 1, rowGroups);
        if (recordIndex.has(i + 1)) dispatch(pipes.gram, i + 1, pairGroups);
        if ((i + 1) % STEPS_PER_SUBMIT === 0 && i + 1 < L) {
          pass.end();
          device.queue.submit([enc.finish()]);
          enc = device.createCommandEncoder();
          pass = enc.beginComputePass();
        }
      }
      pass.end();
      enc.copyBufferToBuffer(gram, 0, readback, 0, count * R * P * 4);
      device.queue.submit([enc.finish()]);
      await readback.mapAsync(GPUMapMode.READ);
      const values = new Float32Array(readback.getMappedRange().slice(0));
      readback.unmap();
      for (let j = 0; j < count * R * P; j++) out[done * R * P + j] = values[j];
      for (const b of [state, phi, gram, readback, params]) b.destroy();
    }
  } finally {
    for (const b of created) b.destroy();
  }
  return out;
}
