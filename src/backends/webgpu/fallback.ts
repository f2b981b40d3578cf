/**
 * Device-loss fallback: when the GPU fails mid-job (device lost, out of memory, internal error),
 * the networks it had not finished run on the CPU backend and the results are merged. Randomness
 * is keyed by network index, so the merged block is the one the CPU alone would give, up to f32
 * rounding of the GPU part. After a lost device every later call runs on the CPU; info says so.
 */
import type { BackendInfo, KernelBlock, SimBackend, SimJob } from '../types.ts';
import { GpuRunError } from './errors.ts';

/** Networks of `a` followed by those of `b` (b starts where a ends). */
export function concatBlocks(a: KernelBlock, b: KernelBlock): KernelBlock {
  if (a.netStart + a.netCount !== b.netStart || a.k !== b.k) throw new Error('blocks are not contiguous');
  const cat = (x: Float64Array, y: Float64Array) => {
    const out = new Float64Array(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return {
    netStart: a.netStart,
    netCount: a.netCount + b.netCount,
    k: a.k,
    recordLayers: a.recordLayers,
    z: cat(a.z, b.z),
    phi: a.phi && b.phi ? cat(a.phi, b.phi) : undefined,
  };
}

export function withDeviceLossFallback(gpu: SimBackend, makeCpu: () => SimBackend): SimBackend & { readonly device: GPUDevice | undefined } {
  let cpu: SimBackend | undefined;
  const cpuBackend = () => (cpu ??= makeCpu());
  let lostMessage: string | undefined; // set once the device is gone: everything runs on the CPU
  let note: string | undefined;
  let disposed = false;
  const lost = (gpu as { lost?: Promise<GPUDeviceLostInfo> }).lost;
  lost?.then((info) => {
    if (!disposed && lostMessage === undefined) {
      lostMessage = `WebGPU device lost (${info.message || info.reason})`;
      note ??= `${lostMessage}; running on the CPU`;
    }
  });

  async function simulate(job: SimJob, signal?: AbortSignal): Promise<KernelBlock> {
    if (lostMessage !== undefined) return cpuBackend().simulate(job, signal);
    try {
      return await gpu.simulate(job, signal);
    } catch (e) {
      if (!(e instanceof GpuRunError)) throw e;
      const done = e.partial.netCount;
      const first = job.netStart + done;
      const last = job.netStart + job.netCount - 1;
      if (e.deviceLost) lostMessage = e.message;
      note = `${e.message}; networks ${first}–${last} ran on the CPU${e.deviceLost ? ', and so will later runs' : ''}`;
      const rest = await cpuBackend().simulate({ ...job, netStart: first, netCount: job.netCount - done }, signal);
      const networksOn = { webgpu: done, cpu: rest.netCount };
      return done === 0 ? { ...rest, networksOn } : { ...concatBlocks(e.partial, rest), networksOn };
    }
  }

  return {
    /** The WebGPU device while it is usable (engines with their own kernels: the curve networks, geometry/curveGpu.ts). */
    get device(): GPUDevice | undefined {
      return lostMessage === undefined ? (gpu as { device?: GPUDevice }).device : undefined;
    },
    get info(): BackendInfo {
      if (lostMessage !== undefined) return { name: 'cpu', adapter: cpuBackend().info.adapter, note };
      return note ? { ...gpu.info, note } : gpu.info;
    },
    supports(job) {
      return lostMessage !== undefined ? cpuBackend().supports(job) : gpu.supports(job);
    },
    simulate,
    normals(req) {
      return lostMessage !== undefined ? cpuBackend().normals(req) : gpu.normals(req);
    },
    activation(actId, xs) {
      return lostMessage !== undefined ? cpuBackend().activation(actId, xs) : gpu.activation(actId, xs);
    },
    dispose() {
      disposed = true;
      gpu.dispose();
      cpu?.dispose();
    },
  };
}
