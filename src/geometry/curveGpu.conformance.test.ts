/**
 * CPU/WebGPU parity of the curve networks (issue 18 §6): the WGSL kernel (shaders/curve_layer.wgsl,
 * curveGpu.ts) draws the same Philox weights as the CPU explicit sampler (curveNetwork.ts), so on the
 * same seed every network's per-layer measures agree up to f32 rounding. Node's WebGPU (Dawn;
 * SwiftShader without a GPU), as the backends' conformance tests.
 *
 * Tolerance: the GPU state is f32 (relative rounding 6e−8 per operation, sums of n = 48 terms per
 * entry, a few layers), so lengths, the Jacobian and the participation ratio agree to 2e−5 relative;
 * the curvature (turning angles from nearly parallel chords: an error δ in cos ψ moves ψ by δ/sin ψ)
 * to 1e−4 relative. Measured on SwiftShader: ≤ 5e−7 for every measure, the curvature at k = 140 (turning
 * angles of ~2π/140 from nearly parallel chords) 9e−6 (logged by the test).
 * Validation errors fail the test (error scope around the run).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDevice, testGpu } from '../../test/backends/testGpu.ts';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { curveLayerSums, measuresFromSums, type CurveLayerMeasures, type CurveLayerSums } from './curveMeasures.ts';
import { curveMoments } from './curve.ts';
import { curveModel, sampleCurvesGpu } from './curveMonteCarlo.ts';
import { Yielder } from '../backends/cpu/yielder.ts';
import { simulateCurveExplicit } from './curveNetwork.ts';
import { runCurveGpu } from './curveGpu.ts';
import type { GeometryBlock } from './geometryBlocks.ts';
import { createWebGpuBackend } from '../backends/webgpu/backend.ts';
import { withDeviceLossFallback } from '../backends/webgpu/fallback.ts';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { runSpec } from '../experiments/runSpec.ts';

let device: GPUDevice;
beforeAll(async () => {
  device = await testDevice();
});

// n = 18 leaves a partial block of 4 rows; k = 140 (280 columns) spans two column groups of 256 and a
// partial block of 16; n = 48 and the input dimension are not multiples of the 64 inputs a step stages.
const cases: [string, Partial<Spec>, number][] = [
  ['tanh MLP, chaotic, with bias', { act: 'tanh', sw2: 2.5, sb2: 0.05, n: 48, L: 4 }, 12],
  ['ReLU He', { act: 'relu', sw2: 2, sb2: 0, n: 48, L: 4 }, 12],
  ['gelu ResNet (embedding, residual)', { arch: 'resnet', act: 'gelu', sw2: 1.5, sb2: 0.1, alpha: 0.5, n: 48, L: 4 } as Partial<Spec>, 12],
  ['erf MLP, k = 140 points, n = 18', { act: 'erf', sw2: 1.5, sb2: 0.1, n: 18, L: 2 }, 140],
];

describe.each(cases)('%s: CPU and WebGPU on the same seed', (_, over, K) => {
  it('every network’s measures at every layer agree to f32 rounding (lengths 2e−5, curvature 1e−4 relative)', async () => {
    const spec: Spec = { ...DEFAULT_SPEC, ...over, seed: 777 };
    const model = curveModel(spec, { k: K, q: 1.1 });
    const speed0 = curveMoments(model.curve, 0).g;
    const nets = 3;
    const base = 5;
    const gpu: CurveLayerMeasures[][] = Array.from({ length: nets }, () => []);
    device.pushErrorScope('validation');
    await runCurveGpu(device, model, nets, base, (net, _layer, sums: CurveLayerSums) => gpu[net - base].push(measuresFromSums(sums, model.n, K, speed0)));
    expect(await device.popErrorScope()).toBeNull();
    const worst: Record<string, number> = {};
    for (let i = 0; i < nets; i++) {
      const cpu: CurveLayerMeasures[] = [];
      for (const _ of simulateCurveExplicit(model, base + i, (_l, Z, T) => cpu.push(measuresFromSums(curveLayerSums(Z, T, model.n, K), model.n, K, speed0))));
      expect(gpu[i]).toHaveLength(cpu.length);
      for (let l = 0; l < cpu.length; l++) {
        for (const key of ['length', 'polygonLength', 'participationRatio', 'curvature'] as const) {
          const rel = Math.abs(gpu[i][l][key] - cpu[l][key]) / Math.abs(cpu[l][key]);
          worst[key] = Math.max(worst[key] ?? 0, rel);
          expect(rel, `${key}, network ${base + i}, layer index ${l}`).toBeLessThan(key === 'curvature' ? 1e-4 : 2e-5);
        }
        expect(Math.abs(gpu[i][l].logJacobian2 - cpu[l].logJacobian2)).toBeLessThan(4e-5);
        expect(gpu[i][l].numericalRank).toBe(cpu[l].numericalRank);
      }
      // Different networks differ (the test is not comparing one network with itself).
      if (i > 0) expect(Math.abs(gpu[i][cpu.length - 1].length - gpu[0][cpu.length - 1].length)).toBeGreaterThan(1e-3 * gpu[0][cpu.length - 1].length);
    }
    console.log(`curve parity (${_}): max relative difference`, worst);
  });
});

describe('chunks of networks', () => {
  it('running 5 networks in chunks of 2 gives every measure bit for bit as one chunk of 5 (networks are keyed by their index)', async () => {
    const spec: Spec = { ...DEFAULT_SPEC, act: 'tanh', sw2: 1.5, sb2: 0.05, n: 24, L: 3, M: 5 };
    const curve = { k: 6, q: 1 };
    const one = await sampleCurvesGpu(spec, curve, device, new Yielder());
    const chunked = await sampleCurvesGpu(spec, curve, device, new Yielder(), { chunkNetworks: 2 });
    for (const m of ['length', 'curvature', 'participationRatio', 'numericalRank'] as const) {
      one.samples[m].forEach((x, l) => expect(Array.from(chunked.samples[m][l]), `${m} at layer index ${l}`).toEqual(Array.from(x)));
    }
    expect(chunked.image.pc1).toEqual(one.image.pc1);
  });
});

describe('backend=webgpu runs the curve networks on the GPU', () => {
  it('the geometry block says engine webgpu and matches the CPU backend’s to f32; method=gram and non-Gaussian weights run on the CPU and say why', async () => {
    const { gpu } = await testGpu();
    const webgpu = withDeviceLossFallback(await createWebGpuBackend(gpu, { label: 'curve parity' }), createCpuBackend);
    try {
      const spec: Spec = { ...DEFAULT_SPEC, act: 'tanh', sw2: 1.5, sb2: 0.05, n: 32, L: 3, M: 4, curve: 'circle:10', method: 'explicit', view: 'phase', grid: 5 };
      const onGpu = (await runSpec({ ...spec, backend: 'webgpu' }, { backend: webgpu })).geometry as GeometryBlock;
      const onCpu = (await runSpec({ ...spec, backend: 'cpu' }, { backend: createCpuBackend() })).geometry as GeometryBlock;
      expect(onGpu.engine).toBe('webgpu');
      expect(onGpu.engineNote).toBeUndefined();
      expect(onCpu.engine).toBe('cpu');
      for (const key of ['length', 'polygonLength', 'curvature', 'participationRatio'] as const) {
        onCpu[key].mean.forEach((v, i) => expect(Math.abs(onGpu[key].mean[i] - v) / v, `${key} at layer ${i + 1}`).toBeLessThan(1e-4));
      }
      expect(onGpu.numericalRank.p50).toEqual(onCpu.numericalRank.p50);
      const gram = (await runSpec({ ...spec, method: 'gram', backend: 'webgpu' }, { backend: webgpu })).geometry as GeometryBlock;
      expect(gram.engine).toBe('cpu');
      expect(gram.engineNote).toMatch(/method gram.*explicit.*CPU/);
      const sparse = (await runSpec({ ...spec, weights: 'sparse:0.5', backend: 'webgpu' } as Spec, { backend: webgpu })).geometry as GeometryBlock;
      expect(sparse.engine).toBe('cpu');
      expect(sparse.engineNote).toMatch(/weights=sparse.*Gaussian/);
    } finally {
      webgpu.dispose();
    }
  });
});
