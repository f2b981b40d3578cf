/**
 * Hand-made training blocks for the view-data tests: values chosen so that every number a plot or a
 * sentence shows is known in advance (a power law with a known slope, an optimum at a known η).
 * Test support only (imported by *.test.ts).
 */
import type { XYSeries } from '../../plots/types.ts';
import type { CoordCheckBlock, MovementBlock, NtkInitBlock, NtkRegimeBlock, TrainingSetup, TransferBlock } from '../../../src/training/blocks.ts';

/** The series of a plot with this id (its type asserted by the caller), or a thrown list of the ids there are. */
export function seriesById<S extends XYSeries>(list: readonly XYSeries[], id: string): S {
  const s = list.find((x) => x.id === id);
  if (!s) throw new Error(`no series ${id} in ${list.map((x) => x.id).join(', ')}`);
  return s as S;
}

export const SETUP: TrainingSetup = { act: 'tanh', sw2: 1, optimizer: 'sgd', eta: 0.0001, steps: 2, task: 'teacher', ntrain: 8, d: 8, targetScale: 10, batch: 'full', nets: 6, seed: 1 };

export const WIDTHS = [64, 128, 256, 512];

/** c·n^e at the widths. */
export const power = (c: number, e: number, widths = WIDTHS) => widths.map((n) => c * n ** e);

/**
 * Coord check, SP and µP, 2 hidden layers, 2 steps. SP's slopes are the table's (−½, ½, 1) but h²'s
 * is 0.62 at t = 1 (outside ±0.1); µP's are 0.
 */
export function coordBlock(): CoordCheckBlock {
  const sp = [power(1, -0.5), power(0.01, 0.5), power(0.001, 1)];
  const mup = [power(0.1, 0), power(0.1, 0), power(0.1, 0)];
  const se = (rows: number[][]) => rows.map((r) => r.map((v) => v / 100));
  const fit = (slope: number) => ({ slope, se: 0.02 });
  return {
    setup: SETUP,
    depth: 2,
    widths: WIDTHS,
    layers: ['h1', 'h2', 'f'],
    params: [
      {
        param: 'sp',
        dh: { mean: [sp, sp.map((r) => r.map((v) => 2 * v))], se: [se(sp), se(sp)] },
        h: { mean: [] },
        slopes: [[fit(-0.5), fit(0.62), fit(1)], [fit(-0.5), fit(0.5), fit(1)]],
        theory: { exponents: [-0.5, 0.5, 1] },
      },
      { param: 'mup', dh: { mean: [mup, mup], se: [se(mup), se(mup)] }, h: { mean: [] }, slopes: [[fit(0), fit(0), fit(0)], [fit(0), fit(0), fit(0)]], theory: { exponents: [0, 0, 0] } },
    ],
  };
}

/** Movement: NTK's kernel falls like 1/n (0.032 → 0.004), µP's stays at 0.6. */
export function movementBlock(): MovementBlock {
  return {
    setup: { ...SETUP, eta: 0.5, steps: 10 },
    depth: 2,
    widths: WIDTHS,
    layers: ['W1', 'W2', 'W3'],
    params: [
      {
        param: 'ntk',
        kernel: { mean: power(2.048, -1), se: power(0.02, -1) },
        weights: { mean: [power(1, -0.5), power(1, -0.5), power(1, -0.5)] },
        kernelSlope: { slope: -1, se: 0.05 },
        weightSlopes: [{ slope: -0.5, se: 0.01 }, { slope: -0.5, se: 0.01 }, { slope: -0.5, se: 0.01 }],
        theory: { weights: [-0.5, -0.5, -0.5], kernel: -1, kernelFiniteEta: -1 },
      },
      {
        param: 'mup',
        kernel: { mean: power(0.6, 0), se: power(0.01, 0) },
        weights: { mean: [power(0.3, 0), power(0.3, 0), power(0.3, 0)] },
        kernelSlope: { slope: 0, se: 0.03 },
        weightSlopes: [{ slope: 0, se: 0.01 }, { slope: 0, se: 0.01 }, { slope: 0, se: 0.01 }],
        theory: { weights: [0, 0, 0], kernel: -0.5, kernelFiniteEta: 0 },
      },
    ],
  };
}

/** NTK regime: NTK's distance falls like n^{−½}, µP's like n^{−0.1}; mean-field not run. */
export function ntkRegimeBlock(): NtkRegimeBlock {
  return {
    setup: { ...SETUP, eta: 1, steps: 3 },
    depth: 2,
    widths: WIDTHS,
    predictedLoss: [1, 0.5, 0.25, 0.125],
    theoryDistanceExponent: -0.5,
    // The slice: θ = 0, π/2, π, 3π/2; prediction sin θ with sd 0.1; the nets' f_T = sin θ + 1/n.
    slice: { theta: [0, Math.PI / 2, Math.PI, (3 * Math.PI) / 2], mean: [0, 1, 0, -1], sd: [0.1, 0.1, 0.1, 0.1] },
    params: [
      {
        param: 'ntk',
        distance: { mean: power(1, -0.5), se: power(0.01, -0.5) },
        distanceSlope: { slope: -0.52, se: 0.09 },
        loss: WIDTHS.map((n) => [1, 0.5 + 1 / n, 0.25, 0.125]),
        slice: { mean: WIDTHS.map((n) => [0, 1, 0, -1].map((v) => v + 1 / n)), se: WIDTHS.map(() => [0.01, 0.01, 0.01, 0.01]) },
      },
      { param: 'mup', distance: { mean: power(0.1, -0.1), se: power(0.001, -0.1) }, distanceSlope: { slope: -0.1, se: 0.03 }, loss: WIDTHS.map(() => [0.1, 0.05, 0.03, 0.02]) },
      { param: 'mf', distance: { mean: [], se: [] }, distanceSlope: null, loss: [], unavailable: 'mean-field has learning-rate exponents c ≠ 0' },
    ],
  };
}

/**
 * Transfer over log₂ η = −4…1. µP's optimum is at −1 at every width; SP's moves from −1 (n = 64)
 * to −4 (n = 512): 8× to smaller η. One SP run diverged. Depth: Depth-µP stays at 0, the unscaled
 * ResNet moves from 0 to −2 (4×).
 */
export function transferBlock(): TransferBlock {
  const bowl = (best: number, x: number) => 0.1 * 2 ** ((x - best) ** 2 / 2);
  const grid = [-4, -3, -2, -1, 0, 1];
  const curve = (value: number, best: number, diverge = false) => ({ value, loss: grid.map((x) => (diverge && x === 1 ? null : bowl(best, x))), bestLog2Eta: best, atGridEdge: best === grid[0] || best === grid[grid.length - 1] });
  return {
    setup: { ...SETUP, steps: 20 },
    log2Eta: grid,
    width: {
      depth: 2,
      families: [
        { id: 'sp', label: 'standard (SP)', curves: [curve(64, -1, true), curve(128, -2), curve(256, -3), curve(512, -4)], drift: 1 / 8 },
        { id: 'mup', label: 'µP (maximal update)', curves: WIDTHS.map((n) => curve(n, -1)), drift: 1 },
      ],
    },
    depth: {
      width: 32,
      families: [
        { id: 'unscaled', label: 'unscaled ResNet (α = 0)', alpha: 0, gamma: 0, curves: [curve(2, 0), curve(4, -1), curve(8, -2)], drift: 1 / 4 },
        { id: 'depthmup', label: 'Depth-µP (α = ½)', alpha: 0.5, gamma: 0, curves: [curve(2, 0), curve(4, 0), curve(8, 0)], drift: 1 },
      ],
    },
  };
}

/** NTK at init, ReLU σw² = 2 (Θ = 2(L + 1)): relVar = 0.9 L/n; the mean 1.5 SE off in the worst cell. */
export function ntkInitBlock(): NtkInitBlock {
  const cell = (n: number, L: number, off = 0.01) => ({ n, L, mean: 2 * (L + 1) + off, se: 0.1, relVar: (0.9 * L) / n, analytic: 2 * (L + 1) });
  return {
    act: 'relu',
    sw2: 2,
    task: 'teacher',
    M: 64,
    seed: 1,
    alongN: { L: 2, widths: [32, 64, 128], cells: [cell(32, 2), cell(64, 2, 0.15), cell(128, 2)], relVarSlope: { slope: -1, se: 0.1 } },
    alongL: { n: 32, depths: [2, 4], cells: [cell(32, 2), cell(32, 4)], relVarSlope: { slope: 1, se: 0.1 } },
    theory: { alongN: -1, alongL: 1 },
  };
}
