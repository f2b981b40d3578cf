import { describe, expect, it } from 'vitest';
import { activation } from '../core/activations.ts';
import { Domain, NormalStream } from '../core/philox.ts';
import { TrainNetwork, type LossName, type NetworkConfig, type TrainArch } from './network.ts';
import { Optimizer } from './optimizer.ts';
import { depthMuP, PARAM_NAMES, presetExponents, type ParamName } from './parametrisation.ts';
import { makeDataset } from './tasks.ts';
import { BatchSampler, train } from './train.ts';

function config(arch: TrainArch, param: ParamName, over: Partial<NetworkConfig> = {}): NetworkConfig {
  return {
    arch,
    act: activation('tanh'),
    n: 7,
    L: 3,
    d: 3,
    sw2: 1.7,
    exponents: presetExponents(param),
    depth: arch === 'resnet' ? depthMuP('sgd') : undefined,
    eta: 0.1,
    seed: 11,
    net: 2,
    ...over,
  };
}

function batch(B: number, d: number, seed: number): { x: Float64Array; y: Float64Array } {
  const s = new NormalStream(seed, Domain.test);
  const x = new Float64Array(B * d);
  const y = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    s.row(0, 0, b, d, x, b * d);
    y[b] = b % 2 === 0 ? 1 : -1;
  }
  return { x, y };
}

describe('backward = finite differences of the loss, every parametrisation, arch and loss', () => {
  // Central differences with step h have error h²/6·|∂³ℓ| + ε_mach·|ℓ|/h ≈ 1e−10 at h = 1e−5;
  // the tolerance 1e−7 (relative to the layer's largest gradient, floor 1e−9) leaves ×1000 room.
  const cases: [TrainArch, ParamName, LossName][] = [];
  for (const arch of ['mlp', 'resnet'] as const)
    for (const p of PARAM_NAMES) for (const loss of ['mse', 'logistic'] as const) cases.push([arch, p, loss]);
  it.each(cases)('%s %s %s', (arch, param, lossName) => {
    const c = config(arch, param);
    const net = new TrainNetwork(c);
    const B = 4;
    const { x, y } = batch(B, c.d, 5);
    net.forward(x, B);
    net.backward(x, y, lossName);
    const grads = net.grads.map((g) => g.slice());
    const h = 1e-5;
    let checked = 0;
    net.weights.forEach((W, k) => {
      const scale = Math.max(1e-9, ...Array.from(grads[k], Math.abs));
      for (let j = 0; j < W.length; j++) {
        const w0 = W[j];
        W[j] = w0 + h;
        net.forward(x, B);
        const up = net.loss(y, lossName);
        W[j] = w0 - h;
        net.forward(x, B);
        const down = net.loss(y, lossName);
        W[j] = w0;
        const fd = (up - down) / (2 * h);
        expect(Math.abs(fd - grads[k][j]) / scale).toBeLessThan(1e-7);
        checked++;
      }
    });
    expect(checked).toBe(net.weights.reduce((s, w) => s + w.length, 0));
  });
});

describe('the initial network is the lab’s', () => {
  it('W^l(0) = n^{−b} × the lab draw at (seed, Domain.weight, net, l, i, j); the width-n net is the top-left block of the width-2n one', () => {
    const small = new TrainNetwork(config('mlp', 'ntk', { n: 5 }));
    const big = new TrainNetwork(config('mlp', 'ntk', { n: 10 }));
    const s = new NormalStream(11, Domain.weight);
    // NTK: b = 0, so the parameters are the raw draws; hidden layer 2 (k = 1).
    expect(small.weights[1][2 * 5 + 3]).toBe(s.normal(2, 2, 2, 3));
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 5; j++) expect(big.weights[1][i * 10 + j]).toBe(small.weights[1][i * 5 + j]);
  });

  it('at initialisation h^l has the lab’s scale under every parametrisation with a + b = 1/2: SP and NTK give the same h^1..h^L', () => {
    const sp = new TrainNetwork(config('mlp', 'sp', { n: 9 }));
    const ntk = new TrainNetwork(config('mlp', 'ntk', { n: 9 }));
    const mup = new TrainNetwork(config('mlp', 'mup', { n: 9 }));
    const { x } = batch(3, 3, 1);
    sp.forward(x, 3);
    ntk.forward(x, 3);
    mup.forward(x, 3);
    for (let r = 0; r < 3; r++)
      for (let j = 0; j < 27; j++) {
        expect(ntk.pre[r][j]).toBeCloseTo(sp.pre[r][j], 12);
        expect(mup.pre[r][j]).toBeCloseTo(sp.pre[r][j], 12);
      }
    // µP's readout is n^{−1/2} smaller (a + b = 1 on the output layer, TP-IV §3).
    for (let b = 0; b < 3; b++) expect(mup.out[b]).toBeCloseTo(sp.out[b] / 3, 12);
  });
});

describe('the optimisers', () => {
  it('SGD: µP and mean-field (µP moved by the TP-IV symmetry θ = 1/2) train identically', () => {
    const data = makeDataset({ task: 'teacher', N: 6, d: 3, seed: 3 });
    const mup = train(config('mlp', 'mup', { n: 16 }), data, { optimizer: 'sgd', steps: 5 });
    const mf = train(config('mlp', 'mf', { n: 16 }), data, { optimizer: 'sgd', steps: 5 });
    for (let t = 0; t < 5; t++) expect(mf.loss[t]).toBeCloseTo(mup.loss[t], 12);
    expect(mup.loss[4]).toBeLessThan(mup.loss[0]); // and it learns
  });

  it('Adam: the first step moves every parameter with a non-zero gradient by exactly its learning rate (sign descent)', () => {
    const c = config('mlp', 'mup', { n: 8 });
    const net = new TrainNetwork(c);
    const before = net.weights.map((w) => w.slice());
    const { x, y } = batch(4, 3, 2);
    net.forward(x, 4);
    net.backward(x, y, 'mse');
    new Optimizer(net, 'adam').step();
    net.weights.forEach((W, k) => {
      const lr = net.layers[k].lr;
      for (let j = 0; j < W.length; j++) {
        const g = net.grads[k][j];
        // Step 1 has m̂ = g and v̂ = g² exactly, so |Δw| = lr·|g|/(|g| + ε), ε = 1e−8.
        expect(Math.abs(W[j] - before[k][j]) / lr).toBeCloseTo(Math.abs(g) / (Math.abs(g) + 1e-8), 9);
        expect(Math.sign(before[k][j] - W[j])).toBe(Math.sign(g));
      }
    });
  });

  it('mini-batches: every epoch visits every sample exactly once', () => {
    const data = makeDataset({ task: 'circles', N: 12, seed: 1 });
    const sampler = new BatchSampler(data, 4, 9, 0);
    for (let epoch = 0; epoch < 2; epoch++) {
      const seen = new Map<number, number>();
      for (let k = 0; k < 3; k++) {
        sampler.next();
        for (let b = 0; b < 4; b++) {
          const key = sampler.x[3 * b] * 1e6 + sampler.x[3 * b + 1];
          seen.set(key, (seen.get(key) ?? 0) + 1);
        }
      }
      expect(seen.size).toBe(12);
      expect([...seen.values()].every((v) => v === 1)).toBe(true);
    }
  });

  it('mini-batch SGD and full-batch Adam lower the loss of the circles and the teacher task', () => {
    const circles = makeDataset({ task: 'circles', N: 64, seed: 4 });
    const r1 = train(config('mlp', 'mup', { n: 64, d: 3, L: 2, sw2: 1, eta: 1 }), circles, {
      optimizer: 'sgd',
      steps: 400,
      batch: 16,
    });
    const first = r1.loss.slice(0, 20).reduce((a, b) => a + b) / 20;
    const last = r1.loss.slice(380).reduce((a, b) => a + b) / 20;
    expect(last).toBeLessThan(0.8 * first);
    const teacher = makeDataset({ task: 'teacher', N: 32, d: 4, seed: 4 });
    const r2 = train(config('resnet', 'mup', { n: 32, d: 4, L: 4, eta: 0.01, exponents: presetExponents('mup', 'adam'), depth: depthMuP('adam') }), teacher, {
      optimizer: 'adam',
      steps: 100,
    });
    expect(r2.loss[99]).toBeLessThan(0.5 * r2.loss[0]);
  });
});

describe('bad input is refused with the key, the value and the range', () => {
  it('n, eta and exponents', () => {
    expect(() => new TrainNetwork(config('mlp', 'sp', { n: 0 }))).toThrow(/n = 0: it must be an integer in \[1, 16384\]/);
    expect(() => new TrainNetwork(config('mlp', 'sp', { eta: Number.NaN }))).toThrow(/eta = NaN/);
    expect(() => new TrainNetwork(config('mlp', 'sp', { exponents: { ...presetExponents('sp'), hidden: { a: 0, b: Infinity, c: 0 } } }))).toThrow(
      /hidden layer exponent b = Infinity/,
    );
    expect(() => makeDataset({ task: 'teacher', N: 0, seed: 1 })).toThrow(/N = 0: it must be an integer in \[1, 100000\]/);
    const data = makeDataset({ task: 'spirals', N: 4, seed: 1 });
    expect(() => train(config('mlp', 'sp', { d: 2 }), data, { optimizer: 'sgd', steps: 1 })).toThrow(/d = 2 but the task's inputs have d = 3/);
  });
});
