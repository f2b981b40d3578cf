/**
 * The two probes of SimBackend that run the WGSL libraries on the GPU so the conformance suite can
 * compare them with TypeScript: raw normals (lib/rng.wgsl vs NormalStream) and φ, φ'
 * (lib/activations.wgsl vs the registry). Large requests are split to respect the limits.
 */
import { activation as activationById, wgslActivationConstants } from '../../core/activations.ts';
import type { NormalRequest } from '../types.ts';
import type { SmallLimits } from './capabilities.ts';
import type { GpuContext } from './chunkRunner.ts';
import { storageBuffer, storageFrom, submitAndRead, uniformStruct } from './gpuBuffers.ts';

const THREADS = 64;

/** Workgroup grid (x, y) covering `threads` threads with x ≤ maxComputeWorkgroupsPerDimension. */
function grid(threads: number, limits: SmallLimits): [number, number] {
  const groups = Math.max(1, Math.ceil(threads / THREADS));
  const x = Math.min(groups, limits.maxComputeWorkgroupsPerDimension);
  return [x, Math.ceil(groups / x)];
}

function bindingFloats(limits: SmallLimits): number {
  return Math.floor(Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize, limits.memoryBudgetBytes / 4) / 4);
}

export async function gpuNormals(ctx: GpuContext, limits: SmallLimits, req: NormalRequest): Promise<Float64Array> {
  const { device, pipelines } = ctx;
  const out = new Float64Array(req.rows * req.cols);
  if (out.length === 0) return out;
  const pipeline = await pipelines.get('normals');
  const quadsPerRow = Math.ceil(req.cols / 4);
  const rowsPerChunk = Math.max(1, Math.floor(bindingFloats(limits) / req.cols));
  for (let r0 = 0; r0 < req.rows; r0 += rowsPerChunk) {
    const rows = Math.min(rowsPerChunk, req.rows - r0);
    const params = uniformStruct(device, 'normals params', [
      ['u', req.seed],
      ['u', req.domain],
      ['u', req.net],
      ['u', req.layer],
      ['u', r0],
      ['u', rows],
      ['u', req.cols],
      ['u', quadsPerRow],
    ]);
    const bytes = rows * req.cols * 4;
    const buf = storageBuffer(device, 'normals', bytes);
    try {
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, device.createBindGroup({
        layout: pipelines.bindGroupLayout('normals'),
        entries: [{ binding: 0, resource: { buffer: params } }, { binding: 1, resource: { buffer: buf } }],
      }));
      pass.dispatchWorkgroups(...grid(rows * quadsPerRow, limits));
      pass.end();
      const [v] = await submitAndRead(device, encoder, [{ buffer: buf, bytes }]);
      out.set(v, r0 * req.cols);
    } finally {
      params.destroy();
      buf.destroy();
    }
  }
  return out;
}

export async function gpuActivation(
  ctx: GpuContext,
  limits: SmallLimits,
  actId: string,
  xs: Float64Array,
): Promise<{ phi: Float64Array; dphi: Float64Array }> {
  const { device, pipelines } = ctx;
  const phi = new Float64Array(xs.length);
  const dphi = new Float64Array(xs.length);
  if (xs.length === 0) return { phi, dphi };
  const pipeline = await pipelines.get('activationEval', wgslActivationConstants(activationById(actId)));
  const per = bindingFloats(limits);
  for (let i0 = 0; i0 < xs.length; i0 += per) {
    const count = Math.min(per, xs.length - i0);
    const params = uniformStruct(device, 'activation params', [['u', count]]);
    const input = storageFrom(device, 'xs', Float32Array.from(xs.subarray(i0, i0 + count)));
    const bytes = count * 4;
    const outPhi = storageBuffer(device, 'phi', bytes);
    const outDphi = storageBuffer(device, 'dphi', bytes);
    try {
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, device.createBindGroup({
        layout: pipelines.bindGroupLayout('activationEval'),
        entries: [params, input, outPhi, outDphi].map((buffer, binding) => ({ binding, resource: { buffer } })),
      }));
      pass.dispatchWorkgroups(...grid(count, limits));
      pass.end();
      const [p, d] = await submitAndRead(device, encoder, [{ buffer: outPhi, bytes }, { buffer: outDphi, bytes }]);
      phi.set(p, i0);
      dphi.set(d, i0);
    } finally {
      for (const b of [params, input, outPhi, outDphi]) b.destroy();
    }
  }
  return { phi, dphi };
}
