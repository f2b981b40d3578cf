/**
 * The explicit shaped Transformer block on WebGPU: shaped attention's kernel
 * (shaders/attention_layer.wgsl through archs/attention/gpu.ts) for the attention sublayer, and after
 * each of its layers the MLP sublayer (shaders/shaped_block_mlp.wgsl) on the same state, with the
 * Philox keys of explicit.ts, so the same seed gives the same networks as the CPU engine up to f32
 * rounding. Parity: gpu.conformance.test.ts.
 */
import sizesWgsl from '../../../shaders/lib/sizes.wgsl?raw';
import trigWgsl from '../../../shaders/lib/trig.wgsl?raw';
import rngWgsl from '../../../shaders/lib/rng.wgsl?raw';
import mlpWgsl from '../../../shaders/shaped_block_mlp.wgsl?raw';
import { Domain } from '../../core/philox.ts';
import { runAttentionGpu } from '../attention/gpu.ts';
import { blockMlpLayer } from './explicit.ts';
import { shapedSlopes, type BlockModel } from './model.ts';

const WG = 64;

/** V_l (m×m, f64 from the f32 state) of networks netBase … netBase + nets − 1, l = 0..L: out[net][l]. */
export async function runBlockGpu(device: GPUDevice, model: BlockModel, nets: number, netBase = 0): Promise<Float64Array[][]> {
  const { m, n, seed } = model.attention;
  const { sp, sm, c } = shapedSlopes(model.cp, model.cm, n);
  const module = device.createShaderModule({ label: 'shaped_block_mlp.wgsl', code: [sizesWgsl, trigWgsl, rngWgsl, mlpWgsl].join('\n') });
  const storage = (binding: number): GPUBindGroupLayoutEntry => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } });
  const layout = device.createBindGroupLayout({ entries: [{ binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } }, storage(1), storage(2)] });
  const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [layout] });
  const [pre, post] = ['mlp_pre', 'mlp_post'].map((entryPoint) => device.createComputePipeline({ layout: pipelineLayout, compute: { module, entryPoint, constants: { K: m } } }));
  const params = device.createBuffer({ size: 64, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  let group: GPUBindGroup | undefined;
  try {
    return await runAttentionGpu(device, model.attention, nets, netBase, (l, state) => {
      group ??= device.createBindGroup({ layout, entries: [params, state.X, state.P].map((buffer, binding) => ({ binding, resource: { buffer } })) });
      const u = new Uint32Array(16);
      const f = new Float32Array(u.buffer);
      u.set([seed >>> 0, Domain.blockWeight, blockMlpLayer(l, 0), n, netBase, state.rows]);
      f[6] = sp;
      f[7] = sm;
      f[8] = Math.sqrt(1 - model.gamma2m);
      f[9] = Math.sqrt(model.gamma2m) * Math.sqrt(c);
      f[10] = 1 / Math.sqrt(n);
      device.queue.writeBuffer(params, 0, u);
      for (const p of [pre, post]) {
        const enc = device.createCommandEncoder();
        const pass = enc.beginComputePass();
        pass.setPipeline(p);
        pass.setBindGroup(0, group);
        pass.dispatchWorkgroups(Math.ceil(n / WG), nets);
        pass.end();
        device.queue.submit([enc.finish()]);
      }
    });
  } finally {
    params.destroy();
  }
}
