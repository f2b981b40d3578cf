/**
 * The gram method on the GPU (DESIGN.md §3; definitions in backends/types.ts): one workgroup per
 * network (shaders/gram_layers.wgsl) loops over a range of layers, keeping its state in a storage
 * buffer and G in `gmat` between dispatches. Layer ranges bound the work of one dispatch.
 */
import { wgslActivationConstants } from '../../core/activations.ts';
import { simulationOps } from '../../core/cost.ts';
import { Domain } from '../../core/philox.ts';
import { pairCount } from '../types.ts';
import { recordSlots, type ChunkRunner, type RunnerArgs } from './chunkRunner.ts';
import { reductionWorkgroupSize } from './kernels.ts';
import { kernelOutputs, storageBuffer, storageFrom, submitAndRead, uniformBuffer, UniformTable } from './gpuBuffers.ts';

/** Threshold of the f32 PSD Cholesky (override PIVOT_TOL; why 1e-6: see shaders/gram_layers.wgsl). */
export const GRAM_PIVOT_TOLERANCE_F32 = 1e-6;

/** Operations per dispatch (all networks of the chunk): keeps one dispatch well under a second. */
const DISPATCH_OPS = 4e9;

export async function createGramRunner({ ctx, model, job, capacity }: RunnerArgs): Promise<ChunkRunner> {
  const { device, pipelines } = ctx;
  const { n, k, L } = model;
  const P = pairCount(k);
  const R = job.recordLayers.length;
  const recordPhi = job.recordPhi ?? false;
  const first = model.firstLayer;
  // Positively homogeneous φ run rescaled by powers of two (shaders/gram_layers.wgsl, RESCALE).
  const rescale = model.act.piecewiseLinear !== undefined;
  const pipeline = await pipelines.get('gramLayers', {
    K: k,
    RED_WG: reductionWorkgroupSize(n, k),
    PIVOT_TOL: GRAM_PIVOT_TOLERANCE_F32,
    RESCALE: rescale ? 1 : 0,
    ...wgslActivationConstants(model.act),
  });

  // First layer: an input embedding (resnet Y⁰) has rows N(0, X); otherwise z¹ has rows N(0, σw² X + σb²).
  const s2 = model.inputEmbedding ? 1 : model.firstWeightScale ** 2;
  const b2 = model.inputEmbedding ? 0 : model.firstBiasScale ** 2;
  const inputGram = Float32Array.from(model.X, (x) => s2 * x + b2);
  const opsPerLayer = simulationOps({ method: 'gram', n, L: 1, k, M: 1, recorded: 0 });

  const params = new UniformTable(L - first + 1);
  const paramBuffer = uniformBuffer(device, 'gram params', params.bytes.byteLength);
  const chunkParams = uniformBuffer(device, 'chunk params', 16);
  const state = storageBuffer(device, 'gram state', capacity * n * k * 4);
  const gmat = storageBuffer(device, 'gram G', capacity * (k * k + 2) * 4);
  const exps = storageBuffer(device, 'gram scale exponents', Math.max(16, capacity * R * 4));
  const inputs = storageFrom(device, 'input gram', inputGram);
  const slots = storageFrom(device, 'record slots', recordSlots(job));
  const out = kernelOutputs(device, capacity, R * P, recordPhi);
  const owned = [paramBuffer, chunkParams, state, gmat, inputs, slots, out.z, out.phi, exps];
  const group = device.createBindGroup({
    layout: pipelines.bindGroupLayout('gramLayers'),
    entries: [paramBuffer, chunkParams, state, gmat, inputs, slots, out.z, out.phi, exps].map((buffer, binding) => ({
      binding,
      resource: binding === 0 ? { buffer, size: 48 } : { buffer },
    })),
  });

  return {
    async run(netBase, count, abort) {
      if (count > capacity) throw new Error(`chunk of ${count} networks over the capacity ${capacity}`);
      // Layer ranges [start, end) for this chunk size.
      const perDispatch = Math.max(1, Math.floor(DISPATCH_OPS / (count * opsPerLayer)));
      const ranges: [number, number][] = [];
      for (let l = first; l <= L; l += perDispatch) ranges.push([l, Math.min(L + 1, l + perDispatch)]);
      ranges.forEach(([start, end], e) =>
        params.set(e, [
          ['u', model.seed],
          ['u', Domain.gramRow],
          ['u', n],
          ['u', first],
          ['u', start],
          ['u', end],
          ['u', model.residual ? 1 : 0],
          ['u', R],
          ['u', recordPhi ? 1 : 0],
          ['f', model.hiddenWeightScale ** 2],
          ['f', model.hiddenBiasScale ** 2],
          ['f', model.branchScale],
        ]),
      );
      device.queue.writeBuffer(paramBuffer, 0, params.bytes, 0, ranges.length * params.offset(1));
      device.queue.writeBuffer(chunkParams, 0, new Uint32Array([netBase, 0, 0, 0]));
      const encoder = device.createCommandEncoder({ label: 'gram chunk' });
      const pass = encoder.beginComputePass({ label: 'gram layers' });
      pass.setPipeline(pipeline);
      ranges.forEach((_, e) => {
        pass.setBindGroup(0, group, [params.offset(e)]);
        pass.dispatchWorkgroups(count);
      });
      pass.end();
      if (!rescale) return out.read(encoder, count, abort);
      const used = count * R * P * 4;
      const [z32, e32, phi32] = await submitAndRead(
        device,
        encoder,
        [{ buffer: out.z, bytes: used }, { buffer: exps, bytes: count * R * 4 }, ...(recordPhi ? [{ buffer: out.phi, bytes: used }] : [])],
        abort,
      );
      return { z: unscale(z32, e32, P), ...(phi32 ? { phi: unscale(phi32, e32, P) } : {}) };
    },
    destroy() {
      for (const b of owned) b.destroy();
    },
  };
}

/**
 * K̂ = K̂_scaled · 4^e in f64 ([net][slot][pair] values, one exponent per [net][slot]): exact, and
 * beyond the range of f32 where the network went (issue 20).
 */
export function unscale(values: Float32Array, exps: Float32Array, P: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let s = 0; s < exps.length; s++) {
    const f = Math.pow(2, 2 * exps[s]);
    for (let p = 0; p < P; p++) out[s * P + p] = values[s * P + p] * f;
  }
  return out;
}
