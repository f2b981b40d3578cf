/**
 * Training timings (issue 17; not wired into bench/run.ts yet, run it alone:
 * `node bin/run-ts.mjs bench/training.ts`): one full-batch SGD step (forward, backward, update) of
 * the f64 CPU engine (src/training/network.ts) on 16 inputs, L = 2 hidden layers, at n = 256, 512,
 * 1024, as milliseconds and as the ratio to n = 256 (the work is ∝ n²: 4× and 16× expected).
 * Medians after a warm-up. Timings on a loaded machine mean
 * nothing; no test asserts them.
 */
import { activation } from '../src/core/activations.ts';
import { TrainNetwork } from '../src/training/network.ts';
import { Optimizer } from '../src/training/optimizer.ts';
import { presetExponents } from '../src/training/parametrisation.ts';
import { makeDataset } from '../src/training/tasks.ts';

function medianMs(runs: number, f: () => void): number {
  f();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return Math.round(t[Math.floor(t.length / 2)] * 100) / 100;
}

export function trainingTimes(): object {
  const data = makeDataset({ task: 'teacher', N: 16, d: 8, seed: 1 });
  const stepMs: Record<string, number> = {};
  for (const n of [256, 512, 1024]) {
    const net = new TrainNetwork({ arch: 'mlp', act: activation('tanh'), n, L: 2, d: 8, sw2: 1, exponents: presetExponents('mup'), eta: 0.1, seed: 1, net: 0 });
    const opt = new Optimizer(net, 'sgd');
    stepMs[n] = medianMs(5, () => {
      net.forward(data.x, data.N);
      net.backward(data.x, data.y, data.loss);
      opt.step();
    });
  }
  return {
    sgdStepMs: stepMs,
    ratioTo256: { 512: stepMs[512] / stepMs[256], 1024: stepMs[1024] / stepMs[256] },
  };
}

if (process.argv[1]?.endsWith('bench/training.ts')) console.log(JSON.stringify(trainingTimes(), null, 2));
