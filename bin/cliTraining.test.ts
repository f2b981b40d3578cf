/**
 * The training views' JSON blocks through the real command (issue 17 §5; DESIGN.md §5.3): each
 * view prints its block with the raw per-width / per-step values, the fits and the theory; the raw
 * values are the engine's (called here with options written out by hand from docs/training.md, not
 * from the view's settings); the slopes are the least-squares slopes of the printed means (refitted
 * here); the theory exponents are Table 2 of docs/training.md (typed in here, not read from
 * exponents.ts). The acceptance runs are in cliTrainingAcceptance.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { activation } from '../src/core/activations.ts';
import { runCoordCheck } from '../src/training/coordCheck.ts';
import { runMovement } from '../src/training/movement.ts';
import { runNtkRegime } from '../src/training/ntkRegime.ts';
import { runNtkAtInit } from '../src/training/ntkAtInit.ts';
import { lrSweep } from '../src/training/lrTransfer.ts';
import { depthMuP, presetExponents, UNSCALED_DEPTH } from '../src/training/parametrisation.ts';
import { makeDataset } from '../src/training/tasks.ts';
import { cli } from './cliHarness.ts';

async function run(query: string): Promise<Record<string, any>> {
  const r = await cli(['run', query, '--backend', 'cpu'], { timeout: 300_000 });
  expect(r.stderr.split('\n').filter((l) => l.length > 0 && !l.includes('XDG_RUNTIME_DIR'))).toEqual([]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

/** Ordinary least-squares slope of log y against log x (written out here, not powerLaw.ts). */
function olsLogLog(xs: number[], ys: number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) ** 2;
  }
  return sxy / sxx;
}

/** docs/training.md Table 2 (SGD, one step, L ≥ 2): exponents of mean|Δh¹|, mean|Δh²…|, |Δf|. */
const TABLE2_SGD: Record<string, number[]> = { sp: [-0.5, 0.5, 1], ntk: [-0.5, -0.5, 0], mup: [0, 0, 0], mf: [0, 0, 0] };

describe('limits-lab run view=coord', () => {
  it('prints the raw per-width, per-step means of the engine, their slopes, and Table 2', async () => {
    const j = await run('view=coord&act=tanh&sw2=1&nmin=16&nmax=64&nets=3&steps=2&ntrain=5&seed=4&param=sp,mup');
    const b = j.coord;
    expect(Object.keys(b).sort()).toEqual(['depth', 'layers', 'params', 'setup', 'widths']);
    // `auto` resolved as docs/training.md §4 says: η = 1e−4, targets ×10, teacher d = 8, full batch.
    expect(b.setup).toEqual({ act: 'tanh', sw2: 1, optimizer: 'sgd', eta: 1e-4, steps: 2, task: 'teacher', ntrain: 5, d: 8, targetScale: 10, batch: 'full', nets: 3, seed: 4 });
    expect(b.widths).toEqual([16, 32, 64]);
    expect(b.layers).toEqual(['h1', 'h2', 'f']);
    const engine = runCoordCheck({
      params: ['sp', 'mup'],
      widths: [16, 32, 64],
      L: 2,
      steps: 2,
      seeds: 3,
      eta: 1e-4,
      optimizer: 'sgd',
      act: activation('tanh'),
      sw2: 1,
      seed: 4,
      data: makeDataset({ task: 'teacher', N: 5, d: 8, seed: 4, targetScale: 10 }),
    });
    b.params.forEach((p: any, i: number) => {
      const e = engine.params[i];
      expect(p.param).toBe(e.param);
      // JSON round trip of f64: exact.
      expect(p.dh.mean).toEqual(e.dh.mean);
      expect(p.dh.se).toEqual(e.dh.se);
      expect(p.h.mean).toEqual(e.h.mean);
      expect(p.dh.mean).toHaveLength(2); // t = 1, 2
      expect(p.h.mean).toHaveLength(3); // t = 0, 1, 2
      for (let t = 0; t < 2; t++)
        for (let l = 0; l < 3; l++) {
          expect(p.slopes[t][l].slope).toBeCloseTo(olsLogLog(b.widths, p.dh.mean[t][l]), 12);
          expect(p.slopes[t][l].se).toBeGreaterThan(0);
        }
      expect(p.theory).toEqual({ exponents: TABLE2_SGD[p.param] });
    });
  });

});

describe('limits-lab run view=movement', () => {
  it('prints per-width kernel and weight movement of the engine, with their slopes and the theory', async () => {
    const j = await run('view=movement&act=tanh&sw2=1&nmin=16&nmax=64&nets=2&steps=3&ntrain=4&param=ntk,mup');
    const b = j.movement;
    expect(b.setup.eta).toBe(0.5);
    expect(b.layers).toEqual(['W1', 'W2', 'W3']);
    const engine = runMovement({
      params: ['ntk', 'mup'],
      widths: [16, 32, 64],
      L: 2,
      steps: 3,
      seeds: 2,
      eta: 0.5,
      optimizer: 'sgd',
      act: activation('tanh'),
      sw2: 1,
      seed: 1,
      data: makeDataset({ task: 'teacher', N: 4, d: 8, seed: 1 }),
    });
    b.params.forEach((p: any, i: number) => {
      const e = engine.params[i];
      expect(p.kernel.mean).toEqual(e.kernel);
      expect(p.weights.mean).toEqual(e.weights);
      expect(p.kernelSlope.slope).toBeCloseTo(olsLogLog(b.widths, p.kernel.mean), 12);
      p.weightSlopes.forEach((f: { slope: number }, l: number) => expect(f.slope).toBeCloseTo(olsLogLog(b.widths, p.weights.mean[l]), 12));
    });
    // docs/training.md §6: one step, first order — NTK −½ on every layer and −1 for the kernel; µP 0 and −½ (Θ(1) at finite η).
    expect(b.params[0].theory).toEqual({ weights: [-0.5, -0.5, -0.5], kernel: -1, kernelFiniteEta: -1 });
    expect(b.params[1].theory).toEqual({ weights: [0, 0, 0], kernel: -0.5, kernelFiniteEta: 0 });
  });
});

describe('limits-lab run view=ntkreg', () => {
  it('prints per-width distances to the kernel prediction and loss curves of the engine, the prediction, and why mean-field is left out', async () => {
    const j = await run('view=ntkreg&act=tanh&sw2=1&nmin=16&nmax=64&nets=2&steps=4&ntrain=5&param=ntk,mup,mf');
    const b = j.ntkreg;
    expect(b.setup.eta).toBe(1);
    expect(b.theoryDistanceExponent).toBe(-0.5);
    const engine = runNtkRegime({ params: ['ntk', 'mup'], widths: [16, 32, 64], L: 2, steps: 4, seeds: 2, eta: 1, act: activation('tanh'), sw2: 1, seed: 1, data: makeDataset({ task: 'teacher', N: 5, d: 8, seed: 1 }) });
    const [ntk, mup, mf] = b.params;
    for (const [p, e] of [[ntk, engine.params[0]], [mup, engine.params[1]]] as const) {
      expect(p.distance.mean).toEqual(e.distance);
      expect(p.distance.se).toEqual(e.distanceSe);
      expect(p.loss).toEqual(e.loss);
      expect(p.loss.map((c: number[]) => c.length)).toEqual([5, 5, 5]); // t = 0..4 per width
      expect(p.distanceSlope.slope).toBeCloseTo(olsLogLog(b.widths, p.distance.mean), 12);
    }
    expect(b.predictedLoss).toEqual(engine.predictedLoss);
    expect(mf).toEqual({ param: 'mf', distance: { mean: [], se: [] }, distanceSlope: null, loss: [], unavailable: expect.stringMatching(/c ≠ 0/) });
  });
});

describe('limits-lab run view=transfer', () => {
  it('prints one loss curve per width and per depth with diverged runs as null, the optima and their drift', async () => {
    const j = await run('view=transfer&act=tanh&sw2=1&nmin=8&nmax=16&Lmin=2&Lmax=4&twidth=8&steps=4&ntrain=6&param=sp,mup');
    const b = j.transfer;
    expect(b.log2Eta).toEqual([-6, -5, -4, -3, -2, -1, 0, 1, 2, 3]);
    expect(b.setup.eta).toBeUndefined();
    expect(b.width.families.map((f: any) => f.id)).toEqual(['sp', 'mup']);
    expect(b.depth.families.map((f: any) => [f.id, f.alpha, f.gamma])).toEqual([['unscaled', 0, 0], ['depthmup', 0.5, 0]]);
    const data = makeDataset({ task: 'teacher', N: 6, d: 8, seed: 1 });
    const tanh = activation('tanh');
    const grid = [-6, -5, -4, -3, -2, -1, 0, 1, 2, 3];
    const engineWidth = lrSweep({ configs: [8, 16].map((n) => ({ value: n, config: { arch: 'mlp', act: tanh, n, L: 2, d: 8, sw2: 1, exponents: presetExponents('mup'), eta: 1, seed: 1, net: 0 } })), log2Eta: grid, steps: 4, optimizer: 'sgd', data });
    const engineDepth = lrSweep({ configs: [2, 4].map((L) => ({ value: L, config: { arch: 'resnet', act: tanh, n: 8, L, d: 8, sw2: 1, exponents: presetExponents('mup'), depth: depthMuP('sgd'), eta: 1, seed: 1, net: 0 } })), log2Eta: grid, steps: 4, optimizer: 'sgd', data });
    const unscaled = lrSweep({ configs: [2, 4].map((L) => ({ value: L, config: { arch: 'resnet', act: tanh, n: 8, L, d: 8, sw2: 1, exponents: presetExponents('mup'), depth: UNSCALED_DEPTH, eta: 1, seed: 1, net: 0 } })), log2Eta: grid, steps: 4, optimizer: 'sgd', data });
    const asJson = (r: ReturnType<typeof lrSweep>) =>
      r.curves.map((c) => ({ value: c.value, loss: c.loss.map((v) => (Number.isFinite(v) ? v : null)), bestLog2Eta: Number.isFinite(c.bestLog2Eta) ? c.bestLog2Eta : null, atGridEdge: c.bestLog2Eta === -6 || c.bestLog2Eta === 3 }));
    expect(b.width.families[1].curves).toEqual(asJson(engineWidth));
    expect(b.depth.families[1].curves).toEqual(asJson(engineDepth));
    expect(b.depth.families[0].curves).toEqual(asJson(unscaled));
    expect(b.width.families[1].drift).toBeCloseTo(2 ** (b.width.families[1].curves[1].bestLog2Eta - b.width.families[1].curves[0].bestLog2Eta), 12);
    // η = 8 on a width-16 SP net diverges: the JSON says null, not a number.
    expect(b.width.families[0].curves.some((c: any) => c.loss.includes(null))).toBe(true);
  });
});

describe('limits-lab run view=ntkinit', () => {
  it('prints the mean and spread of the empirical NTK per cell against the analytic NTK, with the relVar slopes', async () => {
    // ReLU, σw² = 2: the analytic Θ(x₀, x₀) = 2(L + 1) exactly (docs/training.md §10), typed in here.
    const j = await run('view=ntkinit&act=relu&sw2=2&nmin=16&nmax=64&tdepth=2&Lmin=1&Lmax=4&twidth=16&M=6');
    const b = j.ntkinit;
    expect(b.alongN.L).toBe(2);
    expect(b.alongN.widths).toEqual([16, 32, 64]);
    expect(b.alongL.n).toBe(16);
    expect(b.alongL.depths).toEqual([1, 2, 4]);
    for (const c of [...b.alongN.cells, ...b.alongL.cells]) expect(c.analytic).toBeCloseTo(2 * (c.L + 1), 10);
    const engine = runNtkAtInit({ act: activation('relu'), sw2: 2, cells: [16, 32, 64].map((n) => ({ n, L: 2 })), seeds: 6, seed: 1, data: makeDataset({ task: 'teacher', N: 16, d: 8, seed: 1 }) });
    expect(b.alongN.cells.map((c: any) => c.mean)).toEqual(engine.map((c) => c.mean));
    expect(b.alongN.cells.map((c: any) => c.relVar)).toEqual(engine.map((c) => c.relVar));
    expect(b.alongN.relVarSlope.slope).toBeCloseTo(olsLogLog([16, 32, 64], engine.map((c) => c.relVar)), 12);
    expect(b.theory).toEqual({ alongN: -1, alongL: 1 });
  });
});

describe('limits-lab run: training keys refused with key, value and range (every key: src/training/spec.test.ts)', () => {
  it('exits 2 with one line naming the key, the value and what is allowed', async () => {
    const r = await cli(['run', 'view=coord&param=sp,xyz', '--backend', 'cpu']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/param="sp,xyz": "xyz" is not a parametrisation; allowed: auto, or a comma-separated subset of sp, ntk, mup, mf/);
  });

  it('--shard is refused for a training view (its runs are not split); without --backend the CPU, which trains, is named', async () => {
    const r = await cli(['run', 'view=coord&nmin=16&nmax=32&nets=2', '--shard', '0/2', '--out', '/tmp/limits-lab-never-written.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--shard=0\/2: view=coord trains its networks in one process/);
    const j = JSON.parse((await cli(['run', 'view=ntkinit&nmin=8&nmax=16&Lmin=1&Lmax=2&M=2'])).stdout);
    expect(j.backend.name).toBe('cpu');
  });

  it('a view that cannot run the spec prints why under its key (the NTK regime needs the mse task)', async () => {
    const j = await run('view=ntkreg&task=circles');
    expect(j.ntkreg).toEqual({ unavailable: 'task=circles: the kernel prediction of the NTK regime is for the mse loss of a regression; allowed: task=teacher' });
  });
});
