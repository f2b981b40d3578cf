// The acceptance run of issue 17's width transfer at widths 64, 256, 1024 (minutes on the CPU, so
// not a unit test; lrTransfer.test.ts runs 32…256). Run: node bin/run-ts.mjs tools/training/lrTransferWidths.ts
// Prints, per parametrisation, the drift η*(1024)/η*(64) and log₂ η* per width.
import { activation } from '../../src/core/activations.ts';
import { lrSweep } from '../../src/training/lrTransfer.ts';
import { presetExponents } from '../../src/training/parametrisation.ts';
import { makeDataset } from '../../src/training/tasks.ts';

const data = makeDataset({ task: 'teacher', N: 16, d: 8, seed: 1 });
const grid = Array.from({ length: 12 }, (_, i) => i - 8);
for (const p of ['mup', 'sp'] as const) {
  const r = lrSweep({
    configs: [64, 256, 1024].map((n) => ({ value: n, config: { arch: 'mlp', act: activation('tanh'), n, L: 2, d: 8, sw2: 1, exponents: presetExponents(p), eta: 1, seed: 1, net: 0 } })),
    log2Eta: grid,
    steps: 20,
    optimizer: 'sgd',
    data,
  });
  console.log(p, 'drift', r.drift, JSON.stringify(r.curves.map((c) => [c.value, c.bestLog2Eta])));
}
