/**
 * The training views' blocks of the result document (issue 17 §5): what the CLI prints under
 * `coord`, `movement`, `ntkreg`, `transfer`, `ntkinit`, what the page's Worker streams and the page
 * draws. Plain JSON: numbers, strings, arrays; a value that does not exist is `null`, never NaN
 * (JSON has no NaN). Raw per-width / per-step values first, then the fits (slope ± jackknife
 * standard error over the coupled networks, powerLaw.ts) and the abc theory's exponents
 * (exponents.ts, docs/training.md Tables 2 and §6).
 *
 * A partial block (streamed while the view runs) has the same shape with the widths, curves or
 * cells finished so far; fits over fewer than two widths are `null`.
 */
import type { TrainParam } from './spec.ts';

/** A log-log slope with its jackknife standard error (null: fewer than two points). */
export interface SlopeJson {
  readonly slope: number;
  readonly se: number;
}

/** What was trained: every `auto` resolved (experiments/training/settings.ts). */
export interface TrainingSetup {
  readonly act: string;
  readonly sw2: number;
  readonly optimizer: 'sgd' | 'adam';
  /** Base learning rate η (layer l trains at η n^{−c_l}); absent in the transfer view (it sweeps η). */
  readonly eta?: number;
  readonly steps: number;
  readonly task: 'teacher' | 'spirals' | 'circles';
  /** Training inputs N and their dimension d (teacher: 8; spirals, circles: 2 + a constant 1). */
  readonly ntrain: number;
  readonly d: number;
  /** Teacher targets' factor (the coord check uses 10: docs/training.md §4), 1 otherwise. */
  readonly targetScale: number;
  /** Mini-batch size, or 'full'. */
  readonly batch: number | 'full';
  /** Networks per width (coupled seeds: network s is the lab's network s at every width). */
  readonly nets: number;
  readonly seed: number;
}

/** The abc theory's exponents for a parametrisation, or why the theory does not apply. */
export type TheoryExponents<T> = T | { readonly reason: string };

// ---------------------------------------------------------------------------------------- coord

export interface CoordParamBlock {
  readonly param: TrainParam;
  /** mean|h_t − h_0| per coordinate: [t − 1][layer][width] for t = 1..steps, mean over the nets and its standard error. */
  readonly dh: { readonly mean: number[][][]; readonly se: number[][][] };
  /** mean|h_t| (mup's `l1`): [t][layer][width], t = 0..steps. */
  readonly h: { readonly mean: number[][][] };
  /** Log-log slope of dh against width: [t − 1][layer] (null below two widths). */
  readonly slopes: (SlopeJson | null)[][];
  /** Table 2's exponents per layer (same order as `layers`), or why they do not apply. */
  readonly theory: TheoryExponents<{ readonly exponents: number[] }>;
}

export interface CoordCheckBlock {
  readonly setup: TrainingSetup;
  /** Hidden layers L of the trained MLPs. */
  readonly depth: number;
  /** Widths finished (all of them once done). */
  readonly widths: number[];
  /** 'h1' … 'hL', then 'f' (the output). */
  readonly layers: string[];
  readonly params: CoordParamBlock[];
}

// ------------------------------------------------------------------------------------- movement

export interface MovementParamBlock {
  readonly param: TrainParam;
  /** ‖Θ_T − Θ_0‖_F/‖Θ_0‖_F of the lr-weighted empirical NTK on the batch, per width: mean over nets and its SE. */
  readonly kernel: { readonly mean: number[]; readonly se: number[] };
  /** ‖ΔW^l‖₂/‖W^l(0)‖₂ (spectral norm), [layer][width], mean over nets. */
  readonly weights: { readonly mean: number[][] };
  readonly kernelSlope: SlopeJson | null;
  /** Per layer (null below two widths). */
  readonly weightSlopes: (SlopeJson | null)[];
  /**
   * One step, first order in η (exponents.ts movementExponents): weights per layer, kernel; and
   * the kernel's exponent at a finite η (kernelFiniteEta), which is what T steps at η = O(1) show.
   */
  readonly theory: TheoryExponents<{ readonly weights: number[]; readonly kernel: number; readonly kernelFiniteEta: number }>;
}

export interface MovementBlock {
  readonly setup: TrainingSetup;
  readonly depth: number;
  readonly widths: number[];
  /** 'W1' (input) … 'W{L+1}' (readout). */
  readonly layers: string[];
  readonly params: MovementParamBlock[];
}

// --------------------------------------------------------------------------------------- ntkreg

export interface NtkRegimeParamBlock {
  readonly param: TrainParam;
  /** Per width: mean over nets of max_t RMS_a |f_t(x_a) − f_t^lin(x_a)| (the linearised dynamics from the net's own f₀). */
  readonly distance: { readonly mean: number[]; readonly se: number[] };
  readonly distanceSlope: SlopeJson | null;
  /** Per width, the mean training loss over nets at t = 0..steps: [width][t]. */
  readonly loss: number[][];
  /** Why this parametrisation is not run (its learning-rate exponents c ≠ 0), else absent. */
  readonly unavailable?: string;
  /** The trained nets' f_T on the slice (block `slice.theta`): [width][point], mean over nets and its SE. */
  readonly slice?: { readonly mean: number[][]; readonly se: number[][] };
}

export interface NtkRegimeBlock {
  readonly setup: TrainingSetup;
  readonly depth: number;
  readonly widths: number[];
  /**
   * The infinite-width kernel prediction of the mean training loss over initialisations,
   * t = 0..steps: linearised GD with the analytic NTK Θ, f₀ ~ GP(0, K) (ntkRegime.ts).
   */
  readonly predictedLoss: number[];
  /** Under NTK parametrisation the distance falls like n^{−1/2} (Lee et al. 2019). */
  readonly theoryDistanceExponent: number;
  /**
   * A 1-D slice of inputs: the great circle through the first two training inputs x₀ (θ = 0) and
   * x₁ (θ = ∠(x₀, x₁)), radius √d; the kernel prediction of f_T there, its mean and sd over
   * initialisations (training/ntkSlice.ts): the band mean ± 2 sd holds ≈ 95 % of infinitely wide nets.
   */
  readonly slice: { readonly theta: number[]; readonly mean: number[]; readonly sd: number[] };
  readonly params: NtkRegimeParamBlock[];
}

// ------------------------------------------------------------------------------------- transfer

export interface TransferCurve {
  /** The width n (width sweep) or depth L (depth sweep). */
  readonly value: number;
  /** Loss per log₂ η (mean batch loss over the second half of the run); null: diverged. */
  readonly loss: (number | null)[];
  /** log₂ of the loss-optimal η (parabola-refined), null when every η diverged. */
  readonly bestLog2Eta: number | null;
  /**
   * The least loss is at an end of the grid (log2Eta[0] or its last): the optimum may lie beyond it,
   * so bestLog2Eta is a bound, and so is a drift computed from it.
   */
  readonly atGridEdge: boolean;
}

export interface TransferFamily {
  /** A parametrisation (width sweep), or 'depthmup' / 'unscaled' (depth sweep). */
  readonly id: string;
  readonly label: string;
  /** Depth sweep: branch multiplier L^−α and branch learning rate η L^−γ. */
  readonly alpha?: number;
  readonly gamma?: number;
  readonly curves: TransferCurve[];
  /** η*(last curve)/η*(first curve); null until two curves have an optimum. */
  readonly drift: number | null;
}

export interface TransferBlock {
  readonly setup: TrainingSetup;
  readonly log2Eta: number[];
  /** MLPs of `depth` hidden layers, one curve per width. */
  readonly width: { readonly depth: number; readonly families: TransferFamily[] };
  /** ResNets (µP in width) of width `width`, one curve per depth. */
  readonly depth: { readonly width: number; readonly families: TransferFamily[] };
}

// -------------------------------------------------------------------------------------- ntkinit

export interface NtkInitCellJson {
  readonly n: number;
  readonly L: number;
  /** Mean over the M nets of Θ̂(x₀, x₀) and its standard error. */
  readonly mean: number;
  readonly se: number;
  /** Var Θ̂/(E Θ̂)² over the nets. */
  readonly relVar: number;
  /** The infinite-width Θ(x₀, x₀) (the lab's NTK recursion). */
  readonly analytic: number;
}

/** One line of cells: widths at a fixed depth, or depths at a fixed width. */
export interface NtkInitLine {
  /** The cells finished, in order (n or L doubling). */
  readonly cells: NtkInitCellJson[];
  /** Log-log slope of relVar along the line (jackknife over the nets); null below two cells. */
  readonly relVarSlope: SlopeJson | null;
}

export interface NtkInitBlock {
  readonly act: string;
  readonly sw2: number;
  readonly task: 'teacher' | 'spirals' | 'circles';
  /** Networks per cell (the lab's M). */
  readonly M: number;
  readonly seed: number;
  /** Widths nmin…nmax at depth L = tdepth. */
  readonly alongN: NtkInitLine & { readonly L: number; readonly widths: number[] };
  /** Depths Lmin…Lmax at width n = twidth. */
  readonly alongL: NtkInitLine & { readonly n: number; readonly depths: number[] };
  /** Hanin & Nica 2019: relVar ≈ c·L/n while small, so slope −1 against n and (at least) +1 against L. */
  readonly theory: { readonly alongN: number; readonly alongL: number };
}
