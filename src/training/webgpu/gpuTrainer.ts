/**
 * Training steps of the training MLP or ResNet on WebGPU (shaders/training/train_step.wgsl), in f32,
 * from the very same initial network as the CPU engine: the TrainNetwork's f64 weights rounded to
 * f32 and uploaded, or (drawOnGpu) drawn on the GPU by the lab's one normals kernel
 * (shaders/normals.wgsl, the kernel the conformance suite checks against NormalStream) at the keys
 * of network.ts `drawKey`, then scaled by n^{−b} — "same seed, same network". mse loss. The CPU
 * engine (network.ts) is the reference: the parity test checks a step against it to f32 rounding.
 *
 * Scope: mlp and resnet, SGD and Adam. The matrix products are tiled (16 × 16 workgroup tiles), and a
 * weight matrix larger than one storage binding is split into row blocks (one buffer each, at most
 * maxStorageBufferBindingSize and maxBufferSize bytes), so widths up to NETWORK_LIMITS.n run as long
 * as the device has the memory: at n = 8192 a hidden matrix is 256 MiB, two blocks of the default
 * 128 MiB binding limit; SGD keeps W and its gradient (512 MiB per hidden layer), Adam two moments more.
 *
 * In Node (Dawn) the caller must keep the GPU object and the adapter reachable while the device is
 * in use: when they were garbage-collected mid-run the process died inside Dawn.
 */
import trigWgsl from '../../../shaders/lib/trig.wgsl?raw';
import activationsWgsl from '../../../shaders/lib/activations.wgsl?raw';
import trainStepWgsl from '../../../shaders/training/train_step.wgsl?raw';
import { KERNELS } from '../../backends/webgpu/kernels.ts';
import { wgslActivationConstants } from '../../core/activations.ts';
import { drawKey, isResidual, networkConfigIssue, type NetworkConfig } from '../network.ts';
import { ADAM_DEFAULTS } from '../optimizer.ts';
import type { OptimizerName, ResolvedLayer } from '../parametrisation.ts';

type Stage =
  | 'dense_forward' | 'activate' | 'output_delta' | 'input_grad' | 'weight_grad' | 'sgd_update' | 'adam_update' | 'scale_weights'
  | 'dense_forward_flat' | 'input_grad_flat' | 'weight_grad_flat';

/** The @binding numbers each entry point uses (its 'auto' layout has exactly these). */
const STAGE_BINDINGS: Record<Stage, readonly number[]> = {
  dense_forward: [0, 1, 2, 3, 6],
  activate: [0, 2, 3],
  output_delta: [0, 2, 3, 5],
  input_grad: [0, 1, 3, 5, 6],
  weight_grad: [0, 2, 3, 4],
  sgd_update: [0, 1, 4],
  adam_update: [0, 1, 4, 7, 8, 9],
  scale_weights: [0, 1],
  dense_forward_flat: [0, 1, 2, 3, 6],
  input_grad_flat: [0, 1, 3, 5, 6],
  weight_grad_flat: [0, 2, 3, 4],
};

/** Tiled stages: 16 × 16 workgroups, one per 16 × 16 block of the output (train_step.wgsl TILE). */
const TILE = 16;
/** Element-wise stages: 64-thread workgroups on a 2-D grid (flat index = y·gridX·64 + x). */
const WORKGROUP = 64;
const STORAGE = 0x80 | 0x4 | 0x8; // GPUBufferUsage.STORAGE | COPY_SRC | COPY_DST
const UNIFORM = 0x40 | 0x8; // GPUBufferUsage.UNIFORM | COPY_DST
const MAP_READ = 0x1 | 0x8; // GPUBufferUsage.MAP_READ | COPY_DST

/** input_grad flags (train_step.wgsl): × φ'(PRE), add the skip connection, accumulate over blocks. */
const DPHI = 1;
const RESIDUAL = 2;
const ACCUMULATE = 4;

interface Dispatch {
  readonly stage: Stage;
  readonly bindGroup: GPUBindGroup;
  /** Workgroups along x and y (tiled stages), or threads (element-wise stages, y = 0). */
  readonly x: number;
  readonly y: number;
}

/** What the trainer needs of a network: its configuration and resolved layers, and (to upload) weights. */
export interface GpuNetworkSource {
  readonly config: NetworkConfig;
  readonly layers: readonly ResolvedLayer[];
  /** f64 initial weights (TrainNetwork.weights); unused with drawOnGpu. */
  readonly weights?: readonly Float64Array[];
}

export interface GpuTrainerOptions {
  /** Draw W(0) on the GPU from the lab's keys instead of uploading `net.weights`. */
  readonly drawOnGpu?: boolean;
  readonly optimizer?: OptimizerName;
  /**
   * Largest weight-block buffer in bytes (default: the device's maxStorageBufferBindingSize and
   * maxBufferSize, whichever is smaller). Tests set it small to exercise the row-block split at small widths.
   */
  readonly maxBufferBytes?: number;
  /**
   * The matrix products with workgroup-memory tiles or their untiled twins (one thread per output
   * entry). Same results up to f32 rounding. Default: tiled, except on a software adapter
   * (SwiftShader: every workgroup barrier costs a coroutine switch), as far as the device says
   * which adapter it runs on (GPUDevice.adapterInfo; without it, tiled).
   */
  readonly tiled?: boolean;
}

/** The device's adapter info (GPUDevice.adapterInfo: Dawn, Chromium ≥ 131), where the implementation has it. */
export function deviceAdapterInfo(device: GPUDevice): GPUAdapterInfo | undefined {
  return (device as GPUDevice & { readonly adapterInfo?: GPUAdapterInfo }).adapterInfo;
}

/** A CPU implementation of WebGPU (SwiftShader, llvmpipe, WARP), where the untiled products are faster. */
export function isSoftwareAdapter(info: GPUAdapterInfo | undefined): boolean {
  if (!info) return false;
  const words = `${info.vendor} ${info.architecture} ${info.device} ${info.description}`.toLowerCase();
  return /swiftshader|llvmpipe|lavapipe|warp|software/.test(words) || (info as { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
}

/** A layer's weight matrix as row blocks: block r holds rows rows[r].start … start + count − 1. */
interface RowBlocks {
  readonly starts: readonly number[];
  readonly counts: readonly number[];
}

/** Split `rows` rows of `rowBytes` bytes into blocks of at most `maxBytes` (a multiple of TILE rows when that fits). */
export function rowBlocks(rows: number, rowBytes: number, maxBytes: number): RowBlocks {
  let per = Math.floor(maxBytes / rowBytes);
  if (per < 1) throw new RangeError(`GPU trainer: one row of ${rowBytes} bytes exceeds the buffer limit of ${maxBytes} bytes`);
  if (per >= TILE) per -= per % TILE;
  const starts: number[] = [];
  const counts: number[] = [];
  for (let s = 0; s < rows; s += per) {
    starts.push(s);
    counts.push(Math.min(per, rows - s));
  }
  return { starts, counts };
}

const pipelineCache = new WeakMap<GPUDevice, Map<string, Promise<Record<Stage, GPUComputePipeline>>>>();

/** The trainer's pipelines for one activation, compiled once per device (shader compilation dominates small runs). */
function trainPipelines(device: GPUDevice, constants: Record<string, number>): Promise<Record<Stage, GPUComputePipeline>> {
  let byAct = pipelineCache.get(device);
  if (!byAct) pipelineCache.set(device, (byAct = new Map()));
  const key = JSON.stringify(constants);
  let p = byAct.get(key);
  if (!p) {
    p = (async () => {
      const module = device.createShaderModule({ code: [trigWgsl, activationsWgsl, trainStepWgsl].join('\n') });
      const pipelines = {} as Record<Stage, GPUComputePipeline>;
      for (const stage of Object.keys(STAGE_BINDINGS) as Stage[])
        pipelines[stage] = await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: stage, constants } });
      return pipelines;
    })();
    byAct.set(key, p);
    p.catch(() => byAct.delete(key));
  }
  return p;
}

const normalsCache = new WeakMap<GPUDevice, Promise<GPUComputePipeline>>();

/** The lab's normals kernel (KERNELS.normals), compiled once per device. */
function normalsPipeline(device: GPUDevice): Promise<GPUComputePipeline> {
  let p = normalsCache.get(device);
  if (!p) {
    const module = device.createShaderModule({ code: KERNELS.normals.code });
    p = device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: KERNELS.normals.entryPoint } });
    normalsCache.set(device, p);
    p.catch(() => normalsCache.delete(device));
  }
  return p;
}

export class GpuTrainer {
  private readonly forwardDispatches: Dispatch[] = [];
  /** Draws on the GPU: × n^{−b} after the raw normals. */
  private readonly scaleDispatches: Dispatch[] = [];
  private readonly dispatches: Dispatch[] = [];
  private readonly buffers: GPUBuffer[] = [];
  /** Per layer k, its row blocks (see rowBlocks) and their weight and gradient buffers. */
  readonly blocks: readonly RowBlocks[];
  readonly weightBlocks: GPUBuffer[][];
  readonly gradBlocks: GPUBuffer[][];
  /** Adam: the moment buffers (m, v) per layer and block. */
  momentBlocks: (readonly [GPUBuffer, GPUBuffer])[][] = [];
  readonly outBuffer: GPUBuffer;
  /** The recorded hidden representations after the last forward (mlp: h¹..h^L; resnet: Y⁰..Y^L), B × n each. */
  readonly preBuffers: readonly GPUBuffer[];
  private readonly xBuffer: GPUBuffer;
  private readonly yBuffer: GPUBuffer;
  private adamUniform?: GPUBuffer;
  private steps = 0;

  private constructor(
    readonly device: GPUDevice,
    readonly net: GpuNetworkSource,
    readonly batch: number,
    private readonly pipelines: Record<Stage, GPUComputePipeline>,
    upload: boolean,
    readonly optimizer: OptimizerName,
    maxBytes: number,
    /** Workgroup-memory tiles for the products (GpuTrainerOptions.tiled). */
    readonly tiled: boolean,
  ) {
    const { layers } = net;
    const { n, d, arch } = net.config;
    const resnet = isResidual(arch);
    const B = batch;
    const storage = (floats: number, data?: Float32Array) => {
      const buf = device.createBuffer({ size: Math.max(16, 4 * floats), usage: STORAGE });
      if (data) device.queue.writeBuffer(buf, 0, data);
      this.buffers.push(buf);
      return buf;
    };
    this.blocks = layers.map((ly) => rowBlocks(ly.nOut, 4 * ly.nIn, maxBytes));
    const perBlock = () => this.blocks.map((bl, k) => bl.starts.map((_, r) => storage(bl.counts[r] * layers[k].nIn)));
    this.weightBlocks = perBlock();
    if (upload) {
      const w = net.weights;
      if (!w) throw new Error('GPU trainer: no weights to upload (give a TrainNetwork, or drawOnGpu)');
      this.blocks.forEach((bl, k) => bl.starts.forEach((s, r) => {
        const nIn = layers[k].nIn;
        device.queue.writeBuffer(this.weightBlocks[k][r], 0, Float32Array.from(w[k].subarray(s * nIn, (s + bl.counts[r]) * nIn)));
      }));
    }
    this.gradBlocks = perBlock();
    this.xBuffer = storage(B * d);
    this.yBuffer = storage(B);
    this.outBuffer = storage(B);
    const H = layers.length - 1; // the readout's index
    const pre = Array.from({ length: H }, () => storage(B * n));
    const post = Array.from({ length: H }, () => storage(B * n));
    const delta = Array.from({ length: H }, () => storage(B * n));
    this.preBuffers = pre;
    const dOut = storage(B);
    const dummy = storage(4);

    const add = (
      list: Dispatch[],
      stage: Stage,
      k: number,
      res: Partial<Record<number, GPUBuffer>>,
      grid: { rows: number; row0?: number; x: number; y: number },
      flags = 0,
    ) => {
      const ly = layers[k];
      const u = device.createBuffer({ size: 32, usage: UNIFORM });
      const raw = new ArrayBuffer(32);
      new Uint32Array(raw, 0, 4).set([B, ly.nIn, grid.rows, flags]);
      new Float32Array(raw, 16, 2).set([stage === 'scale_weights' ? ly.initStd : ly.multiplier, ly.lr]);
      new Uint32Array(raw, 24, 2).set([grid.row0 ?? 0, ly.nOut]);
      device.queue.writeBuffer(u, 0, raw);
      this.buffers.push(u);
      const entries = STAGE_BINDINGS[stage].map((binding) => ({
        binding,
        resource: { buffer: binding === 0 ? u : (res[binding] ?? dummy) },
      }));
      const bindGroup = device.createBindGroup({ layout: pipelines[stage].getBindGroupLayout(0), entries });
      list.push({ stage, bindGroup, x: grid.x, y: grid.y });
    };
    const tiles = (v: number) => Math.ceil(v / TILE);
    const flat = (threads: number) => ({ x: threads, y: 0 });
    const input = (k: number) => (k === 0 ? this.xBuffer : k === H && resnet ? pre[k - 1] : post[k - 1]);

    // Forward: layer k reads x (k = 0) or φ(h^k), writes h^{k+1} (or f), then φ. ResNet blocks add
    // the stream Y^{k−1} (flag 2); its readout reads the stream Y^L itself, not φ(Y^L).
    for (let k = 0; k <= H; k++) {
      const output = k === H ? this.outBuffer : pre[k];
      const block = resnet && k > 0 && k < H;
      this.blocks[k].starts.forEach((row0, r) => {
        const rows = this.blocks[k].counts[r];
        const grid = tiled ? { rows, row0, x: tiles(rows), y: tiles(B) } : { rows, row0, ...flat(B * rows) };
        add(this.forwardDispatches, tiled ? 'dense_forward' : 'dense_forward_flat', k, { 1: this.weightBlocks[k][r], 2: input(k), 3: output, ...(block ? { 6: pre[k - 1] } : {}) }, grid, block ? RESIDUAL : 0);
      });
      if (k < H) add(this.forwardDispatches, 'activate', k, { 2: post[k], 3: pre[k] }, { rows: layers[k].nOut, ...flat(B * layers[k].nOut) });
    }
    this.dispatches.push(...this.forwardDispatches);
    // ∂ℓ/∂f, then the backward pass, layer by layer.
    add(this.dispatches, 'output_delta', H, { 2: this.yBuffer, 3: this.outBuffer, 5: dOut }, { rows: 1, ...flat(B) });
    for (let k = H; k >= 0; k--) {
      const dk = k === H ? dOut : delta[k];
      const { starts, counts } = this.blocks[k];
      starts.forEach((row0, r) => {
        const rows = counts[r];
        const grid = tiled ? { rows, row0, x: tiles(layers[k].nIn), y: tiles(rows) } : { rows, row0, ...flat(rows * layers[k].nIn) };
        add(this.dispatches, tiled ? 'weight_grad' : 'weight_grad_flat', k, { 2: input(k), 3: dk, 4: this.gradBlocks[k][r] }, grid);
      });
      if (k === 0) continue;
      // mlp: × φ'(h^{k−1}); resnet readout: the stream, no φ'; resnet block: × φ' plus the skip.
      // Blocks after the first add to D; only the last applies φ' and the skip.
      const last = !resnet ? DPHI : k === H ? 0 : DPHI | RESIDUAL;
      starts.forEach((row0, r) => {
        const flags = (r > 0 ? ACCUMULATE : 0) | (r === starts.length - 1 ? last : 0);
        const grid = tiled ? { rows: counts[r], row0, x: tiles(layers[k].nIn), y: tiles(B) } : { rows: counts[r], row0, ...flat(B * layers[k].nIn) };
        add(this.dispatches, tiled ? 'input_grad' : 'input_grad_flat', k, { 1: this.weightBlocks[k][r], 3: dk, 5: delta[k - 1], 6: pre[k - 1] }, grid, flags);
      });
    }
    const elementwise = (k: number, r: number) => ({ rows: this.blocks[k].counts[r], ...flat(this.blocks[k].counts[r] * layers[k].nIn) });
    if (optimizer === 'sgd') {
      for (let k = 0; k <= H; k++)
        this.blocks[k].starts.forEach((_, r) => add(this.dispatches, 'sgd_update', k, { 1: this.weightBlocks[k][r], 4: this.gradBlocks[k][r] }, elementwise(k, r)));
    } else {
      this.adamUniform = device.createBuffer({ size: 32, usage: UNIFORM });
      this.buffers.push(this.adamUniform);
      this.momentBlocks = this.blocks.map((bl, k) => bl.counts.map((c) => [storage(c * layers[k].nIn), storage(c * layers[k].nIn)] as const));
      for (let k = 0; k <= H; k++)
        this.blocks[k].starts.forEach((_, r) => {
          const [m, v] = this.momentBlocks[k][r];
          add(this.dispatches, 'adam_update', k, { 1: this.weightBlocks[k][r], 4: this.gradBlocks[k][r], 7: m, 8: v, 9: this.adamUniform }, elementwise(k, r));
        });
    }
    if (!upload) for (let k = 0; k <= H; k++) this.blocks[k].starts.forEach((_, r) => add(this.scaleDispatches, 'scale_weights', k, { 1: this.weightBlocks[k][r] }, elementwise(k, r)));
  }

  /**
   * A trainer for `net` on a batch of `batch` inputs. Refuses (with the sizes) a network whose
   * activations or single weight rows exceed the device's buffer limits.
   */
  static async create(device: GPUDevice, net: GpuNetworkSource, batch: number, options: GpuTrainerOptions = {}): Promise<GpuTrainer> {
    const issue = networkConfigIssue(net.config);
    if (issue) throw new RangeError(`GPU trainer: ${issue}`);
    if (!(Number.isInteger(batch) && batch >= 1)) throw new RangeError(`GPU trainer: batch = ${String(batch)}: it must be an integer ≥ 1`);
    const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
    const maxBytes = options.maxBufferBytes ?? limit;
    if (!(maxBytes >= 16 && maxBytes <= limit))
      throw new RangeError(`GPU trainer: maxBufferBytes = ${String(maxBytes)}: it must be in [16, ${limit}] (this device's storage binding limit)`);
    const { n, d } = net.config;
    const widest = 4 * Math.max(n, d);
    if (widest > maxBytes) throw new RangeError(`GPU trainer: one weight row of ${widest} bytes (n = ${n}, d = ${d}) exceeds the buffer limit of ${maxBytes} bytes`);
    // Activations (B × n) are not split: one batch must fit one binding.
    if (4 * batch * Math.max(n, d) > limit)
      throw new RangeError(`GPU trainer: batch = ${batch}: a batch of activations (4·B·max(n, d) = ${4 * batch * Math.max(n, d)} bytes) exceeds this device's buffer limit of ${limit} bytes; take a batch ≤ ${Math.floor(limit / (4 * Math.max(n, d)))}`);
    const pipelines = await trainPipelines(device, wgslActivationConstants(net.config.act));
    const trainer = new GpuTrainer(device, net, batch, pipelines, !options.drawOnGpu, options.optimizer ?? 'sgd', maxBytes, options.tiled ?? !isSoftwareAdapter(deviceAdapterInfo(device)));
    if (options.drawOnGpu) await trainer.drawWeights();
    return trainer;
  }

  /**
   * W^k(0) = n^{−b}ξ: the raw draws ξ by the lab's normals kernel (KERNELS.normals, shaders/normals.wgsl
   * with lib/rng.wgsl — the one WGSL source of the Philox draws), one dispatch per row block at its
   * first row, then × n^{−b} (scale_weights).
   */
  private async drawWeights(): Promise<void> {
    const { device, net } = this;
    const pipeline = await normalsPipeline(device);
    const maxX = device.limits.maxComputeWorkgroupsPerDimension;
    const enc = device.createCommandEncoder();
    const uniforms: GPUBuffer[] = [];
    net.layers.forEach((ly, k) => {
      const { layer, domain } = drawKey(net.config.arch, k);
      const quads = Math.ceil(ly.nIn / 4);
      this.blocks[k].starts.forEach((rowStart, r) => {
        const rows = this.blocks[k].counts[r];
        const u = device.createBuffer({ size: 32, usage: UNIFORM });
        // NormalsParams: seed, domain, net, layer, rowStart, rows, cols, quadsPerRow.
        device.queue.writeBuffer(u, 0, Uint32Array.of(net.config.seed, domain, net.config.net, layer, rowStart, rows, ly.nIn, quads));
        uniforms.push(u);
        const bindGroup = device.createBindGroup({
          layout: pipeline.getBindGroupLayout(0),
          entries: [
            { binding: 0, resource: { buffer: u } },
            { binding: 1, resource: { buffer: this.weightBlocks[k][r] } },
          ],
        });
        const groups = Math.ceil((rows * quads) / WORKGROUP);
        const x = Math.min(groups, maxX);
        const pass = enc.beginComputePass();
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bindGroup);
        pass.dispatchWorkgroups(x, Math.ceil(groups / x));
        pass.end();
      });
    });
    this.encode(enc, this.scaleDispatches);
    device.queue.submit([enc.finish()]);
    await device.queue.onSubmittedWorkDone();
    for (const u of uniforms) u.destroy();
  }

  private encode(enc: GPUCommandEncoder, list: readonly Dispatch[]): void {
    const maxX = this.device.limits.maxComputeWorkgroupsPerDimension;
    for (const d of list) {
      const pass = enc.beginComputePass();
      pass.setPipeline(this.pipelines[d.stage]);
      pass.setBindGroup(0, d.bindGroup);
      if (d.y > 0) pass.dispatchWorkgroups(d.x, d.y);
      else {
        // Element-wise: `x` threads in 64-thread groups on a 2-D grid.
        const groups = Math.ceil(d.x / WORKGROUP);
        const gx = Math.min(groups, maxX);
        pass.dispatchWorkgroups(gx, Math.ceil(groups / gx));
      }
      pass.end();
    }
  }

  private upload(x: Float64Array, y?: Float64Array): void {
    const { d } = this.net.config;
    if (x.length !== this.batch * d || (y && y.length !== this.batch))
      throw new RangeError(`GPU training step: x has ${x.length} numbers${y ? ` and y ${y.length}` : ''}; this trainer takes a batch of ${this.batch} × d = ${d} (${this.batch * d})${y ? ` and ${this.batch} targets` : ''}`);
    this.device.queue.writeBuffer(this.xBuffer, 0, Float32Array.from(x));
    if (y) this.device.queue.writeBuffer(this.yBuffer, 0, Float32Array.from(y));
  }

  /** One full-batch step (SGD or Adam) on the batch (x: B × d, y: B). preBuffers and outBuffer then hold the forward pass before the update. */
  step(x: Float64Array, y: Float64Array): void {
    this.upload(x, y);
    this.steps++;
    if (this.adamUniform) {
      const { beta1, beta2, eps } = ADAM_DEFAULTS;
      const t = this.steps;
      this.device.queue.writeBuffer(this.adamUniform, 0, Float32Array.of(beta1, beta2, eps, 1 - beta1 ** t, 1 - beta2 ** t));
    }
    const enc = this.device.createCommandEncoder();
    this.encode(enc, this.dispatches);
    this.device.queue.submit([enc.finish()]);
  }

  /** The forward pass alone (x: B × d): preBuffers and outBuffer hold the current network's h and f. */
  forward(x: Float64Array): void {
    this.upload(x);
    const enc = this.device.createCommandEncoder();
    this.encode(enc, this.forwardDispatches);
    this.device.queue.submit([enc.finish()]);
  }

  /** Copy a buffer back (f32). */
  async read(buffer: GPUBuffer): Promise<Float32Array> {
    const staging = this.device.createBuffer({ size: buffer.size, usage: MAP_READ });
    const enc = this.device.createCommandEncoder();
    enc.copyBufferToBuffer(buffer, 0, staging, 0, buffer.size);
    this.device.queue.submit([enc.finish()]);
    await staging.mapAsync(1); // GPUMapMode.READ
    const out = new Float32Array(staging.getMappedRange().slice(0));
    staging.unmap();
    staging.destroy();
    return out;
  }

  /** Layer k's weights, gradient or Adam moment, its row blocks joined (nOut × nIn, f32). */
  async readLayer(what: 'weights' | 'grads' | 'm' | 'v', k: number): Promise<Float32Array> {
    const ly = this.net.layers[k];
    const bufs =
      what === 'weights' ? this.weightBlocks[k]
      : what === 'grads' ? this.gradBlocks[k]
      : this.momentBlocks[k]?.map((mv) => mv[what === 'm' ? 0 : 1]);
    if (!bufs || bufs.length === 0) throw new Error(`GPU trainer: no ${what} buffers (the Adam moments exist only with optimizer adam)`);
    const out = new Float32Array(ly.nOut * ly.nIn);
    const { starts, counts } = this.blocks[k];
    for (let r = 0; r < bufs.length; r++) out.set((await this.read(bufs[r])).subarray(0, counts[r] * ly.nIn), starts[r] * ly.nIn);
    return out;
  }

  dispose(): void {
    for (const b of this.buffers) b.destroy();
  }
}
