/**
 * The explicit method on the GPU (DESIGN.md §3; definitions in backends/types.ts): per chunk, one
 * command buffer with one dispatch per layer (shaders/explicit_layer.wgsl, workgroups = row tiles ×
 * networks) and one reduction per recorded layer (shaders/kernel_reduce.wgsl, a workgroup per
 * network). The state ping-pongs between two buffers because every row reads all of φ(z^{l−1}).
 */
import { wgslActivationConstants } from '../../core/activations.ts';
import { Domain } from '../../core/philox.ts';
import { rademacherSign, sparseKeepThreshold } from '../../core/weights.ts';
import { pairCount } from '../types.ts';
import { EXPLICIT_ROWS_PER_WORKGROUP } from './chunkPlan.ts';
import { recordSlots, type ChunkRunner, type RunnerArgs } from './chunkRunner.ts';
import { reductionWorkgroupSize } from './kernels.ts';
import { kernelOutputs, storageBuffer, storageFrom, uniformBuffer, UniformTable } from './gpuBuffers.ts';

/** WEIGHT_KIND of shaders/explicit_layer.wgsl. */
const WEIGHT_KIND = { gaussian: 0, rademacher: 1, sparse: 2 } as const;

// The shader hard-codes rademacherSign's rule (top bit set → −1); fail loudly if weights.ts changes it.
if (rademacherSign(0x80000000) !== -1 || rademacherSign(0x7fffffff) !== 1) {
  throw new Error('rademacherSign changed: update WEIGHT_KIND 1 in shaders/explicit_layer.wgsl');
}

export async function createExplicitRunner({ ctx, model, job, capacity }: RunnerArgs): Promise<ChunkRunner> {
  const { device, pipelines } = ctx;
  const { n, k, L } = model;
  const P = pairCount(k);
  const R = job.recordLayers.length;
  const recordPhi = job.recordPhi ?? false;
  const slots = recordSlots(job);
  const first = model.firstLayer;
  const d = model.inputs.d;
  const w = model.weights;
  if (w.kind !== 'gaussian' && w.kind !== 'rademacher' && w.kind !== 'sparse') {
    throw new Error(`weights=${w.kind} is not implemented on the GPU`);
  }
  const act = wgslActivationConstants(model.act);
  const [layerPipeline, reducePipeline] = await Promise.all([
    pipelines.get('explicitLayer', { K: k, WG: EXPLICIT_ROWS_PER_WORKGROUP, WEIGHT_KIND: WEIGHT_KIND[w.kind], ...act }),
    pipelines.get('kernelReduce', { K: k, RED_WG: reductionWorkgroupSize(n, k), ...act }),
  ]);

  // One LayerParams entry per layer first … L (field order of the WGSL struct).
  const layers = new UniformTable(L - first + 1);
  const threshold = w.kind === 'sparse' ? sparseKeepThreshold(w.p) : 0;
  const sparseScale = w.kind === 'sparse' ? 1 / Math.sqrt(w.p) : 1;
  for (let l = first; l <= L; l++) {
    const isFirst = l === first;
    const resnetInput = isFirst && model.inputEmbedding;
    const nIn = isFirst ? d : n;
    // First layer: σw W¹x/√d + σb b¹ (mlp, shaped) or W⁰x/√d (resnet); hidden: s W φ(z)/√n + b.
    const scale = resnetInput ? 1 : isFirst ? model.firstWeightScale : model.hiddenWeightScale;
    const bias = resnetInput ? 0 : isFirst ? model.firstBiasScale : model.hiddenBiasScale;
    layers.set(l - first, [
      ['u', model.seed],
      ['u', resnetInput ? Domain.inputWeight : Domain.weight],
      ['u', Domain.bias],
      ['u', Domain.mask],
      ['u', l],
      ['u', n],
      ['u', nIn],
      ['u', isFirst ? 1 : 0],
      ['u', !isFirst && model.residual ? 1 : 0],
      ['u', threshold],
      ['f', scale / Math.sqrt(nIn)],
      ['f', bias],
      ['f', model.branchScale],
      ['f', sparseScale],
    ]);
  }
  const reduce = new UniformTable(R);
  job.recordLayers.forEach((_, r) => reduce.set(r, [['u', n], ['u', r], ['u', R], ['u', recordPhi ? 1 : 0]]));

  const layerParams = uniformBuffer(device, 'explicit layer params', layers.bytes.byteLength);
  device.queue.writeBuffer(layerParams, 0, layers.bytes);
  const reduceParams = uniformBuffer(device, 'reduce params', reduce.bytes.byteLength);
  device.queue.writeBuffer(reduceParams, 0, reduce.bytes);
  const chunkParams = uniformBuffer(device, 'chunk params', 16);
  const inputs = storageFrom(device, 'inputs x', Float32Array.from(model.inputs.x));
  const stateBytes = capacity * n * k * 4;
  const states = [storageBuffer(device, 'state 0', stateBytes), storageBuffer(device, 'state 1', stateBytes)];
  const out = kernelOutputs(device, capacity, R * P, recordPhi);
  const owned = [layerParams, reduceParams, chunkParams, inputs, ...states, out.z, out.phi];

  // layerGroups[s]: writes state s (reads the other one).
  const layerLayout = pipelines.bindGroupLayout('explicitLayer');
  const layerGroups = [0, 1].map((s) =>
    device.createBindGroup({
      layout: layerLayout,
      entries: [
        { binding: 0, resource: { buffer: layerParams, size: 64 } },
        { binding: 1, resource: { buffer: chunkParams } },
        { binding: 2, resource: { buffer: states[1 - s] } },
        { binding: 3, resource: { buffer: states[s] } },
        { binding: 4, resource: { buffer: inputs } },
      ],
    }),
  );
  const reduceLayout = pipelines.bindGroupLayout('kernelReduce');
  const reduceGroups = [0, 1].map((s) =>
    device.createBindGroup({
      layout: reduceLayout,
      entries: [
        { binding: 0, resource: { buffer: reduceParams, size: 16 } },
        { binding: 1, resource: { buffer: states[s] } },
        { binding: 2, resource: { buffer: out.z } },
        { binding: 3, resource: { buffer: out.phi } },
      ],
    }),
  );
  const rowTiles = Math.ceil(n / EXPLICIT_ROWS_PER_WORKGROUP);

  return {
    async run(netBase, count, abort) {
      if (count > capacity) throw new Error(`chunk of ${count} networks over the capacity ${capacity}`);
      device.queue.writeBuffer(chunkParams, 0, new Uint32Array([netBase, 0, 0, 0]));
      const encoder = device.createCommandEncoder({ label: 'explicit chunk' });
      const pass = encoder.beginComputePass({ label: 'explicit layers' });
      for (let l = first; l <= L; l++) {
        const s = (l - first) % 2; // the state buffer layer l writes
        pass.setPipeline(layerPipeline);
        pass.setBindGroup(0, layerGroups[s], [layers.offset(l - first)]);
        pass.dispatchWorkgroups(rowTiles, count);
        const r = slots[l];
        if (r >= 0) {
          pass.setPipeline(reducePipeline);
          pass.setBindGroup(0, reduceGroups[s], [reduce.offset(r)]);
          pass.dispatchWorkgroups(count);
        }
      }
      pass.end();
      return out.read(encoder, count, abort);
    },
    destroy() {
      for (const b of owned) b.destroy();
    },
  };
}
