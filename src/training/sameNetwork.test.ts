/**
 * "Same seed → same initial network as the rest of the lab": the training engine's h¹..h^L at
 * initialisation, on the lab's own explicit inputs (core/inputs.ts, d = 1024), give the very K̂^l
 * the lab's explicit CPU backend reports for the same seed and network index — for the mlp under
 * SP and µP, and for the resnet (α = 1/2) under µP. Different code paths (the backend draws rows
 * through its WebAssembly kernel and sums in its own order), so equality to ~1e−12, not bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../backends/cpu/cpuBackend.ts';
import { activation } from '../core/activations.ts';
import { inputVectors } from '../core/inputs.ts';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { TrainNetwork, type TrainArch } from './network.ts';
import { presetExponents, type ParamName } from './parametrisation.ts';

describe('the training network at initialisation is the lab’s explicit network', () => {
  it.each([
    ['mlp', 'sp'],
    ['mlp', 'mup'],
    ['resnet', 'mup'],
  ] as [TrainArch, ParamName][])('%s, %s: K̂^l at every layer equals the explicit CPU backend’s', async (arch, param) => {
    const n = 48;
    const L = 3;
    const net = 5;
    const spec: Spec = { ...DEFAULT_SPEC, arch, act: 'tanh', n, L, sw2: 1.7, sb2: 0, alpha: 0.5, q1: 1.2, q2: 0.8, rho0: 0.3, k: 2, seed: 77, method: 'explicit', weights: 'gaussian' } as Spec;
    const first = arch === 'resnet' ? 0 : 1;
    const recordLayers = Array.from({ length: L - first + 1 }, (_, i) => first + i);
    const block = await createCpuBackend().simulate({ spec, netStart: net, netCount: 1, recordLayers });
    const { d, x } = inputVectors({ q1: 1.2, q2: 0.8, rho0: 0.3, k: 2 });
    // inputVectors is d × k (column a is x_a); the training engine takes B × d.
    const X = new Float64Array(2 * d);
    for (let j = 0; j < d; j++) for (let a = 0; a < 2; a++) X[a * d + j] = x[j * 2 + a];
    const train = new TrainNetwork({
      arch,
      act: activation('tanh'),
      n,
      L,
      d,
      sw2: 1.7,
      exponents: presetExponents(param),
      depth: { alpha: 0.5, gamma: 0 },
      eta: 1,
      seed: 77,
      net,
    });
    train.forward(X, 2);
    recordLayers.forEach((_, r) => {
      const h = train.pre[r];
      let k11 = 0;
      let k12 = 0;
      let k22 = 0;
      for (let i = 0; i < n; i++) {
        k11 += h[i] * h[i];
        k12 += h[i] * h[n + i];
        k22 += h[n + i] * h[n + i];
      }
      const lab = block.z.subarray(r * 3, r * 3 + 3);
      expect(k11 / n).toBeCloseTo(lab[0], 11);
      expect(k12 / n).toBeCloseTo(lab[1], 11);
      expect(k22 / n).toBeCloseTo(lab[2], 11);
    });
  });
});
