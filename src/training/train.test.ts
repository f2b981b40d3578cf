import { describe, expect, it } from 'vitest';
import { activation } from '../core/activations.ts';
import type { NetworkConfig } from './network.ts';
import { presetExponents } from './parametrisation.ts';
import { makeDataset } from './tasks.ts';
import { train, trainStreaming } from './train.ts';

const config: NetworkConfig = { arch: 'mlp', act: activation('tanh'), n: 16, L: 2, d: 3, sw2: 1, exponents: presetExponents('mup'), eta: 0.5, seed: 1, net: 0 };
const data = makeDataset({ task: 'circles', N: 24, seed: 2 });

describe('streamed training (for a Worker)', () => {
  it('gives the same losses as train, streams progress every k steps and after the last', async () => {
    const ref = train(config, data, { optimizer: 'sgd', steps: 25, batch: 8 });
    const seen: number[] = [];
    const r = await trainStreaming(config, data, { optimizer: 'sgd', steps: 25, batch: 8 }, { every: 10, onProgress: (done, l) => {
      expect(l.length).toBe(done);
      seen.push(done);
    } });
    expect(Array.from(r.loss)).toEqual(Array.from(ref.loss));
    expect(seen).toEqual([10, 20, 25]);
  });

  it('stops when the checkpoint throws (cancel) and rejects with its error', async () => {
    let calls = 0;
    const steps: number[] = [];
    const run = trainStreaming(config, data, { optimizer: 'adam', steps: 100, onStep: (t) => steps.push(t) }, {
      checkpoint: async () => {
        if (++calls === 3) throw new DOMException('cancelled', 'AbortError');
      },
    });
    await expect(run).rejects.toThrow(/cancelled/);
    expect(steps).toEqual([1, 2, 3]);
  });

  it('refuses a bad progress interval', async () => {
    await expect(trainStreaming(config, data, { optimizer: 'sgd', steps: 2 }, { every: 0 })).rejects.toThrow(/every = 0: it must be an integer ≥ 1/);
  });
});
