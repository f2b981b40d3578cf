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
 * quadratureEvaluation, stepwiseEvaluation (the controlled ResNet's PDE/ODE/width-∞ solves, issue 16
 * §3: seconds per dual-kernel evaluation, counted by archs/cresnet/cost.ts) were measured alone on
 * 2026-12-07 11:30 UTC at load ~15 on CPU time (`node bin/run-ts.mjs bench/costModel.ts --grid-only`,
 * bench/costModel.ts GRID_CASES: closed forms 5.6e−8 (sin) to 1.24e−7 (gelu) per evaluation in the
 * 2-D sweeps, +2.4e−7 in the per-step recursions; quadrature per family, median → "about" and slowest
 * → "at most": tanh 7.9e−5 / 1.18e−4, silu 7.8e−5 / 3.74e−4, softplus 1.31e−4 / 4.26e−4 — the slowest
 * on a circle run twice with fresh weights, where silu's and softplus's kernels grow and the sinh rule
 * with them; short L-shaped paths cost 3.0e−5 (silu) to 6.4e−5 (softplus));
 * `npm run bench:calibrate -- --write` measures them with the rest.
 */
import type { CostCalibration } from './cost.ts';

// BEGIN CALIBRATION (written by bench/costModel.ts)
export const CALIBRATION: CostCalibration = {
  measuredOn: "2026-12-07, 2 × AMD EPYC, Node v20.20.2, median of 3: CPU 09:13–09:20 UTC at load average 18.6 → 24.0 (fitted on CPU time; after the faster WebAssembly normals of issue 19), WebGPU google swiftshader (SwiftShader driver 5.0.0) 08:03 UTC at load 16.1 → 18.8 (fitted on wall time, refitted with --refit of its log)",
  headroom: 1.5,
  threadStart: 0.32,
  profiles: {
    cpu: {
      measured: true,
      gram: { run: 0.000242, network: 0.00000398, networkLayer: 6.4e-7, layer: 0, row: 5.16e-9, rowPair: 2.18e-9, phiRow: 4.76e-8, value: 3.61e-7 },
      explicit: { run: 0.0148, network: 0, networkLayer: 0.00000158, layer: 0.0000673, weight: 7.05e-9, weightInput: 4.03e-10, orthoWeightInput: 5.61e-9, value: 0.00000114 },
      worstRatio: 1.63,
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
  theory: { closedFormLayer: 0.00000301, quadratureLayer: 0.00012, phasePoint: 0.000461, fixed: 0.19, run: 0.000478, closedFormEvaluation: 1.24e-7, quadratureEvaluation: { tanh: { typical: 0.0000792, worst: 0.000118 }, silu: { typical: 0.0000781, worst: 0.000374 }, softplus: { typical: 0.000131, worst: 0.000426 }, default: { typical: 0.0000792, worst: 0.000426 } }, stepwiseEvaluation: 2.43e-7 },
};
// END CALIBRATION
