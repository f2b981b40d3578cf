import { it } from 'vitest';
import { activation } from '../core/activations.ts';
import { runCoordCheck } from './coordCheck.ts';
import { makeDataset } from './tasks.ts';
it('x', () => {
  const data0 = makeDataset({ task: 'teacher', N: Number(process.env.NN ?? 8), d: 8, seed: 1 }); const data = { ...data0, y: data0.y.map((v) => v * Number(process.env.YS ?? 1)) };
  for (const opt of ['sgd'] as const) {
  const t0 = Date.now();
  const r = runCoordCheck({ params: ['mup'], widths: [64, 128, 256, 512, 1024], L: 2, steps: 1, seeds: Number(process.env.S ?? 6), eta: Number(process.env.ETA ?? 0.01), optimizer: opt, act: activation(process.env.ACT ?? 'tanh'), sw2: Number(process.env.SW2 ?? 1), seed: 1, data });
  for (const p of r.params) {
    console.log(opt, p.param, 'theory', JSON.stringify(p.theory));
    for (let t = 0; t < 1; t++) console.log(' t', t + 1, p.slopes[t].map((s) => s.slope.toFixed(3) + '±' + s.se.toFixed(3)).join(' '), ' max dh', Math.max(...p.dh.mean[t].map(a => Math.max(...a))).toExponential(2));
  }
  console.log('ms', Date.now() - t0);
  }
});
