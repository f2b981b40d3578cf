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
 * fit: 0.63–1.57 over 42 runs), and the UPPER BOUND a message states ("at most") is
 * expected × worstRatio × headroom. It prints this file's CALIBRATION block, and `--write`
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
 * profile never reaches a fixed point, for every quadrature activation).
 */
import type { CostCalibration } from './cost.ts';

// BEGIN CALIBRATION (written by bench/costModel.ts)
export const CALIBRATION: CostCalibration = {
  measuredOn: "2026-12-07, 2 × AMD EPYC, Node v20.20.2; CPU 07:59 UTC at load average 15.5 → 14.7 (fitted on CPU time), WebGPU 08:03 UTC at 16.1 → 18.8 (google swiftshader (SwiftShader driver 5.0.0), fitted on wall time); median of 3",
  headroom: 1.5,
  threadStart: 0.267,
  profiles: {
    cpu: {
      measured: true,
      gram: { run: 0.000342, network: 0, networkLayer: 6.97e-7, layer: 0.00000334, row: 7.35e-9, rowPair: 2.37e-9, phiRow: 5.95e-8, value: 5.26e-7 },
      explicit: { run: 0, network: 0.0000147, networkLayer: 0, layer: 0.000188, weight: 1.01e-8, weightInput: 2.45e-10, orthoWeightInput: 5.89e-9, value: 0.0000026 },
      worstRatio: 1.57,
    },
    "webgpu-software": {
      measured: true,
      gram: { run: 0, network: 0.0016, networkLayer: 0.00041, layer: 0, row: 9.8e-7, rowPair: 0, phiRow: 0, value: 0.000105 },
      explicit: { run: 0, network: 0, networkLayer: 0.000581, layer: 0, weight: 6.36e-8, weightInput: 2.49e-8, orthoWeightInput: 0, value: 0.00000282 },
      worstRatio: 2.15,
    },
    "webgpu-hardware": {
      measured: false,
      gram: { run: 0.5, network: 0.000001, networkLayer: 1e-8, layer: 0.00002, row: 1e-10, rowPair: 2e-11, phiRow: 0, value: 0 },
      explicit: { run: 0.5, network: 0.000001, networkLayer: 1e-7, layer: 0.00005, weight: 5e-12, weightInput: 1e-12, orthoWeightInput: 0, value: 0 },
      worstRatio: 1,
    },
  },
  theory: { closedFormLayer: 0.00000264, quadratureLayer: 0.000114, phasePoint: 0.000527, fixed: 0.205 },
};
// END CALIBRATION
