/**
 * Compute pipelines, cached per (kernel, override constants): shader modules once per kernel,
 * bind group layouts explicit (the layer kernels use dynamic uniform offsets). Creation runs inside
 * a validation error scope, so a WGSL or layout error is a rejected promise with the compiler's
 * messages, never a silent failure.
 */
import { KERNELS, type BindingKind, type KernelName } from './kernels.ts';

function layoutEntry(kind: BindingKind, binding: number): GPUBindGroupLayoutEntry {
  const visibility = GPUShaderStage.COMPUTE;
  switch (kind) {
    case 'uniform':
      return { binding, visibility, buffer: { type: 'uniform' } };
    case 'uniform-dynamic':
      return { binding, visibility, buffer: { type: 'uniform', hasDynamicOffset: true } };
    case 'read':
      return { binding, visibility, buffer: { type: 'read-only-storage' } };
    case 'read-write':
      return { binding, visibility, buffer: { type: 'storage' } };
  }
}

export class PipelineCache {
  private readonly modules = new Map<KernelName, GPUShaderModule>();
  private readonly layouts = new Map<KernelName, GPUBindGroupLayout>();
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();

  constructor(private readonly device: GPUDevice) {}

  bindGroupLayout(kernel: KernelName): GPUBindGroupLayout {
    let layout = this.layouts.get(kernel);
    if (!layout) {
      layout = this.device.createBindGroupLayout({
        label: kernel,
        entries: KERNELS[kernel].bindings.map((kind, i) => layoutEntry(kind, i)),
      });
      this.layouts.set(kernel, layout);
    }
    return layout;
  }

  /** The pipeline of `kernel` with these override constants (created once, then cached). */
  get(kernel: KernelName, constants: Record<string, number> = {}): Promise<GPUComputePipeline> {
    const def = KERNELS[kernel];
    for (const key of Object.keys(constants)) {
      if (!(def.overrides as readonly string[]).includes(key)) {
        throw new Error(`kernel ${kernel} has no override constant ${key} (it has ${def.overrides.join(', ') || 'none'})`);
      }
    }
    const key = `${kernel}:${Object.keys(constants).sort().map((k) => `${k}=${constants[k]}`).join(',')}`;
    let p = this.pipelines.get(key);
    if (!p) {
      p = this.create(kernel, constants);
      this.pipelines.set(key, p);
      p.catch(() => this.pipelines.delete(key));
    }
    return p;
  }

  private async create(kernel: KernelName, constants: Record<string, number>): Promise<GPUComputePipeline> {
    const def = KERNELS[kernel];
    this.device.pushErrorScope('validation');
    let module = this.modules.get(kernel);
    if (!module) {
      module = this.device.createShaderModule({ label: kernel, code: def.code });
      this.modules.set(kernel, module);
    }
    let pipeline: GPUComputePipeline | undefined;
    let failure: unknown;
    try {
      pipeline = await this.device.createComputePipelineAsync({
        label: kernel,
        layout: this.device.createPipelineLayout({ bindGroupLayouts: [this.bindGroupLayout(kernel)] }),
        compute: { module, entryPoint: def.entryPoint, constants },
      });
    } catch (e) {
      failure = e;
    }
    const error = await this.device.popErrorScope();
    if (failure !== undefined || error !== null || !pipeline) {
      this.modules.delete(kernel);
      const info = await module.getCompilationInfo();
      const messages = info.messages
        .filter((m) => m.type === 'error')
        .map((m) => `${m.lineNum}:${m.linePos} ${m.message}`)
        .join('; ');
      const why = messages || error?.message || (failure as Error | undefined)?.message || 'unknown error';
      throw new Error(`WebGPU kernel ${kernel} (${JSON.stringify(constants)}) failed to build: ${why}`);
    }
    return pipeline;
  }
}
