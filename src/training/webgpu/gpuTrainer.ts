/**
 * One full-batch SGD step of the training MLP or ResNet on WebGPU (shaders/training/train_step.wgsl), in f32,
 * from the very same initial network as the CPU engine: the TrainNetwork's f64 weights rounded to
 * f32 and uploaded, or (drawOnGpu) drawn on the GPU from the same Philox keys
 * (shaders/training/draw_weights.wgsl, network.ts `drawKey`) — "same seed, same network". mse loss. The CPU engine (network.ts) is the
 * reference: the parity test checks a step against it to f32 rounding.
 *
 * Scope: mlp and resnet, SGD and Adam, one thread per output entry without tiling — a correct reference
 * for later fast kernels, not the fast path.
 */
import trigWgsl from '../../../shaders/lib/trig.wgsl?raw';
import activationsWgsl from '../../../shaders/lib/activations.wgsl?raw';
import rngWgsl from '../../../shaders/lib/rng.wgsl?raw';
import drawWeightsWgsl from '../../../shaders/training/draw_weights.wgsl?raw';
import trainStepWgsl from '../../../shaders/training/train_step.wgsl?raw';
import { wgslActivationConstants } from '../../core/activations.ts';
import { drawKey, isResidual, type TrainNetwork } from '../network.ts';
import { ADAM_DEFAULTS } from '../optimizer.ts';
import type { OptimizerName } from '../parametrisation.ts';

type Stage = 'dense_forward' | 'activate' | 'output_delta' | 'input_grad' | 'weight_grad' | 'sgd_update' | 'adam_update';

/** The @binding numbers each entry point uses (its 'auto' layout has exactly these). */
const STAGE_BINDINGS: Record<Stage, readonly number[]> = {
  dense_forward: [0, 1, 2, 3, 6],
  activate: [0, 2, 3],
  output_delta: [0, 2, 3, 5],
  input_grad: [0, 1, 3, 5, 6],
  weight_grad: [0, 2, 3, 4],
  sgd_update: [0, 1, 4],
  adam_update: [0, 1, 4, 7, 8, 9],
};

const WORKGROUP = 64;
const STORAGE = 0x80 | 0x4 | 0x8; // GPUBufferUsage.STORAGE | COPY_SRC | COPY_DST
const UNIFORM = 0x40 | 0x8; // GPUBufferUsage.UNIFORM | COPY_DST
const MAP_READ = 0x1 | 0x8; // GPUBufferUsage.MAP_READ | COPY_DST

interface Dispatch {
  readonly stage: Stage;
  readonly bindGroup: GPUBindGroup;
  readonly threads: number;
}

export class GpuTrainer {
  private readonly dispatches: Dispatch[] = [];
  private readonly buffers: GPUBuffer[] = [];
  readonly weightBuffers: GPUBuffer[];
  readonly gradBuffers: GPUBuffer[];
  readonly outBuffer: GPUBuffer;
  private readonly xBuffer: GPUBuffer;
  private readonly yBuffer: GPUBuffer;

  private constructor(
    readonly device: GPUDevice,
    readonly net: TrainNetwork,
    readonly batch: number,
    pipelines: Record<Stage, GPUComputePipeline>,
    upload: boolean,
    readonly optimizer: OptimizerName,
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
    this.weightBuffers = net.weights.map((w) => storage(w.length, upload ? Float32Array.from(w) : undefined));
    this.gradBuffers = net.weights.map((w) => storage(w.length));
    this.xBuffer = storage(B * d);
    this.yBuffer = storage(B);
    this.outBuffer = storage(B);
    const H = layers.length - 1; // hidden layers; layer H is the readout
    const pre = Array.from({ length: H }, () => storage(B * n));
    const post = Array.from({ length: H }, () => storage(B * n));
    const delta = Array.from({ length: H }, () => storage(B * n));
    const dOut = storage(B);
    const dummy = storage(4);

    const add = (stage: Stage, k: number, res: Partial<Record<number, GPUBuffer>>, threads: number, flags = 0) => {
      const ly = layers[k];
      const u = device.createBuffer({ size: 32, usage: UNIFORM });
      const raw = new ArrayBuffer(32);
      new Uint32Array(raw, 0, 4).set([B, ly.nIn, ly.nOut, flags]);
      new Float32Array(raw, 16, 2).set([ly.multiplier, ly.lr]);
      device.queue.writeBuffer(u, 0, raw);
      this.buffers.push(u);
      const entries = STAGE_BINDINGS[stage].map((binding) => ({
        binding,
        resource: { buffer: binding === 0 ? u : (res[binding] ?? dummy) },
      }));
      if (res[9] === undefined && STAGE_BINDINGS[stage].includes(9)) throw new Error('adam_update needs its uniform');
      const bindGroup = device.createBindGroup({ layout: pipelines[stage].getBindGroupLayout(0), entries });
      this.dispatches.push({ stage, bindGroup, threads });
    };
    // Forward: layer k reads x (k = 0) or φ(h^k), writes h^{k+1} (or f), then φ. ResNet blocks add
    // the stream Y^{k−1} (flag 2); its readout reads the stream Y^L itself, not φ(Y^L).
    for (let k = 0; k <= H; k++) {
      const input = k === 0 ? this.xBuffer : k === H && resnet ? pre[k - 1] : post[k - 1];
      const output = k === H ? this.outBuffer : pre[k];
      const block = resnet && k > 0 && k < H;
      add('dense_forward', k, { 1: this.weightBuffers[k], 2: input, 3: output, ...(block ? { 6: pre[k - 1] } : {}) }, B * layers[k].nOut, block ? 2 : 0);
      if (k < H) add('activate', k, { 2: post[k], 3: pre[k] }, B * layers[k].nOut);
    }
    // ∂ℓ/∂f, then the backward pass, layer by layer.
    add('output_delta', H, { 2: this.yBuffer, 3: this.outBuffer, 5: dOut }, B);
    for (let k = H; k >= 0; k--) {
      const dk = k === H ? dOut : delta[k];
      const input = k === 0 ? this.xBuffer : k === H && resnet ? pre[k - 1] : post[k - 1];
      add('weight_grad', k, { 2: input, 3: dk, 4: this.gradBuffers[k] }, layers[k].nOut * layers[k].nIn);
      // mlp: × φ'(h^{k−1}); resnet readout: the stream, no φ'; resnet block: × φ' plus the skip.
      const flags = !resnet ? 1 : k === H ? 0 : 3;
      if (k > 0) add('input_grad', k, { 1: this.weightBuffers[k], 3: dk, 5: delta[k - 1], 6: pre[k - 1] }, B * layers[k].nIn, flags);
    }
    if (optimizer === 'sgd') for (let k = 0; k <= H; k++) add('sgd_update', k, { 1: this.weightBuffers[k], 4: this.gradBuffers[k] }, layers[k].nOut * layers[k].nIn);
    else {
      this.adamUniform = device.createBuffer({ size: 32, usage: UNIFORM });
      this.buffers.push(this.adamUniform);
      this.momentBuffers = net.weights.map((w) => [storage(w.length), storage(w.length)] as const);
      for (let k = 0; k <= H; k++) {
        const [m, v] = this.momentBuffers[k];
        add('adam_update', k, { 1: this.weightBuffers[k], 4: this.gradBuffers[k], 7: m, 8: v, 9: this.adamUniform }, layers[k].nOut * layers[k].nIn);
      }
    }
    this.pipelines = pipelines;
  }

  private readonly pipelines: Record<Stage, GPUComputePipeline>;
  /** Adam: the moment buffers (m, v) per layer, and the per-step uniform. */
  momentBuffers: (readonly [GPUBuffer, GPUBuffer])[] = [];
  private adamUniform?: GPUBuffer;
  private steps = 0;

  static async create(
    device: GPUDevice,
    net: TrainNetwork,
    batch: number,
    options: { drawOnGpu?: boolean; optimizer?: OptimizerName } = {},
  ): Promise<GpuTrainer> {
    const module = device.createShaderModule({ code: [trigWgsl, activationsWgsl, trainStepWgsl].join('\n') });
    const constants = wgslActivationConstants(net.config.act);
    const stages = Object.keys(STAGE_BINDINGS) as Stage[];
    const pipelines = {} as Record<Stage, GPUComputePipeline>;
    for (const stage of stages)
      pipelines[stage] = await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: stage, constants } });
    const trainer = new GpuTrainer(device, net, batch, pipelines, !options.drawOnGpu, options.optimizer ?? 'sgd');
    if (options.drawOnGpu) await trainer.drawWeights();
    return trainer;
  }

  /** W^k(0) = n^{−b}ξ drawn on the GPU from the lab's keys (draw_weights.wgsl). */
  private async drawWeights(): Promise<void> {
    const { device, net } = this;
    const module = device.createShaderModule({ code: [trigWgsl, rngWgsl, drawWeightsWgsl].join('\n') });
    const pipeline = await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'draw_weights' } });
    const maxX = device.limits.maxComputeWorkgroupsPerDimension;
    const enc = device.createCommandEncoder();
    const uniforms: GPUBuffer[] = [];
    net.layers.forEach((ly, k) => {
      const { layer, domain } = drawKey(net.config.arch, k);
      const quads = Math.ceil(ly.nIn / 4);
      const raw = new ArrayBuffer(32);
      new Uint32Array(raw, 0, 7).set([net.config.seed, domain, net.config.net, layer, ly.nOut, ly.nIn, quads]);
      new Float32Array(raw, 28, 1).set([ly.initStd]);
      const u = device.createBuffer({ size: 32, usage: UNIFORM });
      device.queue.writeBuffer(u, 0, raw);
      uniforms.push(u);
      const bindGroup = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: { buffer: u } },
          { binding: 1, resource: { buffer: this.weightBuffers[k] } },
        ],
      });
      const groups = Math.ceil((ly.nOut * quads) / WORKGROUP);
      const x = Math.min(groups, maxX);
      const pass = enc.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(x, Math.ceil(groups / x));
      pass.end();
    });
    device.queue.submit([enc.finish()]);
    await device.queue.onSubmittedWorkDone();
    for (const u of uniforms) u.destroy();
  }

  /** One SGD step on the batch (x: B × d, y: B). */
  step(x: Float64Array, y: Float64Array): void {
    const { d } = this.net.config;
    if (x.length !== this.batch * d || y.length !== this.batch)
      throw new RangeError(`GPU training step: x has ${x.length} numbers and y ${y.length}; this trainer takes a batch of ${this.batch} × d = ${d} (${this.batch * d}) and ${this.batch} targets`);
    this.steps++;
    if (this.adamUniform) {
      const { beta1, beta2, eps } = ADAM_DEFAULTS;
      const t = this.steps;
      this.device.queue.writeBuffer(this.adamUniform, 0, Float32Array.of(beta1, beta2, eps, 1 - beta1 ** t, 1 - beta2 ** t));
    }
    this.device.queue.writeBuffer(this.xBuffer, 0, Float32Array.from(x));
    this.device.queue.writeBuffer(this.yBuffer, 0, Float32Array.from(y));
    const enc = this.device.createCommandEncoder();
    for (const d of this.dispatches) {
      const pass = enc.beginComputePass();
      pass.setPipeline(this.pipelines[d.stage]);
      pass.setBindGroup(0, d.bindGroup);
      pass.dispatchWorkgroups(Math.ceil(d.threads / WORKGROUP));
      pass.end();
    }
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

  dispose(): void {
    for (const b of this.buffers) b.destroy();
  }
}
