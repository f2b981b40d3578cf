/**
 * Calibration constants of the run-time model (cost.ts): seconds per unit of each cost feature, per
 * backend profile and sampling method. The ONE place they live.
 *
 * How they were measured: `npm run bench:calibrate` (bench/costModel.ts) times complete runs
 * (runSpec) on a log-spaced grid of sizes per profile — long n = 1 runs, small-n runs of up to 10⁵
 * networks, wide runs, k > 2, transcendental φ, orthogonal weights, and every view's runner shape
 * (several batches per run) — the median of 3 repeats each, and fits the constants by non-negative
 * least squares on relative error (a 0.2 s run weighs as much as a 20 s one). The fit is the
 * EXPECTED time ("about"). worstRatio is the largest measured/expected ratio on that grid (the CPU
 * fit: 0.79–1.63 over 42 runs; runs mostly theory — the three-limits and SDE views at small M, a ResNet α = 1/2 regime run — are left out), and the UPPER BOUND a message states ("at most") is
 * expected × worstRatio × headroom + 0.1 s (plan.ts SLACK_SECONDS). It prints this file's CALIBRATION block, and `--write`
 * rewrites it in place. `npm run bench` re-times another grid (costModelError) and prints
 * measured/at-most per case and backend, with the maximum.
 *
 * What was timed: the CPU profile on CPU time of the process (user + system), because the machine
 * was shared (load average ~15 on 2 cores) and wall times swung 2–5× between repeats while CPU
 * times stayed within ~15 %: the constants are what a run costs with a core to itself, and the
 * bound holds on a machine with nothing else running (not on a machine at load 15, where nothing
 * can be promised). The SwiftShader profile on wall time (waits on the device are no CPU time) at
 * load ~17: an over-estimate on a quiet machine. The hardware-WebGPU profile is rough (measured:
 * false) until a run on a GPU.
 *
 * Re-measure after any change that makes a backend faster or slower (e.g. a faster CPU engine):
 *   npm run bench:calibrate -- --write        (--no-webgpu / --no-cpu for one profile)
 *
 * headroom (set by hand, kept by --write): 1.5, on top of worstRatio, for what the grid does not
 * show: CPU time between repeats of one run varied by up to ~1.3× (median of 3 is fitted), and
 * sizes between grid points. threadStart: CPU seconds to start one CLI worker thread (loading the
 * engine through tsx), counted once per thread for --threads N > 1 (plan.ts EstimateOptions).
 * The theory constants are the slowest case of their kind (per layer: a ResNet with α = 1/2, whose
 * profile never reaches a fixed point, for every quadrature activation). closedFormEvaluation,
 * stepwiseEvaluation (the controlled ResNet's PDE/ODE/width-∞ solves, issue 16
 * §3: seconds per dual-kernel evaluation, counted by archs/cresnet/cost.ts) were measured alone on
 * 2026-12-07 11:30 UTC at load ~15 on CPU time (`node bin/run-ts.mjs bench/costModel.ts --grid-only`,
 * bench/costModel.ts GRID_CASES: closed forms 5.6e−8 (sin) to 1.24e−7 (gelu) per evaluation in the
 * 2-D sweeps, +2.4e−7 in the per-step recursions; quadrature per evaluation 3.0e−5 (silu, short
 * L-shaped paths) to 4.26e−4 (softplus, a circle run twice with fresh weights: growing kernels)).
 * quadratureCall (seconds per φ-call of the sinh rule; an evaluation's φ-calls are counted at the
 * kernel's scale by archs/cresnet/cost.ts quadratureCalls: 2.6·10³ on the short paths, 2.4·10⁴ on
 * the circle) is PROVISIONAL (hcost, 2026-12-07 12:00): those per-evaluation figures divided by the
 * cases' typical φ-calls (1.2–1.9e−8 s), rounded up (tanh 2.2e−8: the default tanh run took 106 s
 * under load); a rough CPU-time check in one process at load 14 (M = 0, refine 1, L = 8/16, three
 * GRID_CASES paths) gave 1.1–2.9e−8 s per φ-call — 1.7× spread where the per-evaluation constant
 * spread 15×. Not fitted to those loaded timings; `npm run bench:calibrate -- --write` refits it.
 * The attention terms are PROVISIONAL too (hcost, 2026-12-07 12:05; refit by the same command):
 * cpu.gram.scalarNormal 6.8e−8 s (the JavaScript Box–Muller path's 68 ns per draw, issue 19's
 * quiet-machine figure), gammaDraw 2.5e−7 s (a Marsaglia–Tsang draw: a normal, a uniform and
 * portable log/exp, guessed at ~3.5 normals) and drawLayer 1e−5 s per network-layer of the exact
 * chain (its small m×m matrices built one by one): the error grid's attention k = 4 gram run
 * (M = 200, L = 100) took 0.26 s CPU at load ~6 (1.3e−5 s per network-layer) where draws alone
 * priced 0.11 s — rough, one loaded CPU-time measurement, not a fit. NNLS refits all three from
 * the calibration grid's attention cases (k = 2, 4, 8); theory.sdeEntryStep 2.5e−7 s per unit of ArchModule.cost.sdeWork (paths ×
 * steps × (m + m²) × factor): a rough CPU-time check in one process at load ~14 gave 1.0–2.2e−7
 * (shapedattn m = 2, 4, 8 at T = 0.25) — rounded up, not fitted.
 * `npm run bench:calibrate -- --write` measures them with the rest.
 */
import type { CostCalibration } from './cost.ts';

// BEGIN CALIBRATION (written by bench/costModel.ts)
export const CALIBRATION: CostCalibration = {
  measuredOn: "2026-12-07, 2 × AMD EPYC, Node v20.20.2, median of 3: CPU 12:26 UTC at load average 1.2 → 1.1 (quiet; with the attention, shaped-block and controlled-ResNet terms), WebGPU google swiftshader (SwiftShader driver 5.0.0) kept from 08:03 UTC at load 16.1 → 18.8 (fitted on wall time)",
  headroom: 1.5,
  threadStart: 0.481,
  profiles: {
    cpu: {
      measured: true,
      gram: { run: 0.000335, network: 0.00000303, networkLayer: 8.39e-7, layer: 0, row: 4.36e-9, rowPair: 2.2e-9, phiRow: 5.12e-8, value: 3.73e-7, scalarNormal: 2.07e-7, gammaDraw: 3.69e-7, drawLayer: 8.11e-7 },
      explicit: { run: 0.0435, network: 0, networkLayer: 0.00000342, layer: 0.000196, weight: 6.58e-9, weightInput: 3.37e-10, orthoWeightInput: 4.35e-9, value: 0.00000141 },
      worstRatio: 1.98,
    },
    "webgpu-software": {
      measured: true,
      gram: { run: 0, network: 0.000811, networkLayer: 0.000614, layer: 0.0000598, row: 0.00000186, rowPair: 1.18e-8, phiRow: 0, value: 0 },
      explicit: { run: 0.00108, network: 0.0062, networkLayer: 0.000188, layer: 0, weight: 4.33e-8, weightInput: 7.99e-8, orthoWeightInput: 0, value: 0 },
      worstRatio: 2.02,
    },
    "webgpu-hardware": {
      measured: false,
      gram: { run: 0.5, network: 0.000001, networkLayer: 1e-8, layer: 0.00002, row: 1e-10, rowPair: 2e-11, phiRow: 0, value: 0 },
      explicit: { run: 0.5, network: 0.000001, networkLayer: 1e-7, layer: 0.00005, weight: 5e-12, weightInput: 1e-12, orthoWeightInput: 0, value: 0 },
      worstRatio: 1,
    },
  },
  theory: { closedFormLayer: 0.00000173, quadratureLayer: 0.00011, phasePoint: 0.000571, fixed: 0.211, run: 0.000727, closedFormEvaluation: 1.4e-7, quadratureCall: { tanh: { typical: 2.47e-8, worst: 2.69e-8 }, silu: { typical: 1.29e-8, worst: 1.67e-8 }, softplus: { typical: 2.06e-8, worst: 2.09e-8 }, default: { typical: 2.05e-8, worst: 2.69e-8 } }, stepwiseEvaluation: 2.89e-7, sdeEntryStep: 1.34e-7 },
};
// END CALIBRATION
