/**
 * Calibration constants of the run-time model (cost.ts): seconds per unit of each cost feature, per
 * backend profile and sampling method. The ONE place they live.
 *
 * How they were measured: `npm run bench:calibrate` (bench/costModel.ts) times complete runs
 * (runSpec, depth view) on a grid of sizes per profile, fits these constants by non-negative least
 * squares on relative error, then scales each method's constants up by its largest
 * measured/predicted ratio on the grid, so that the model is an upper estimate at every measured
 * point. It prints this file's CALIBRATION block, and `--write` rewrites it in place. `npm run
 * bench` re-times a second grid and prints measured/predicted ratios (the model's error).
 *
 * Re-measure after any change that makes a backend faster or slower (e.g. a faster CPU engine):
 *   npm run bench:calibrate -- --write
 *
 * headroom (set by hand, kept by --write): every estimate is multiplied by it. On the 2-core
 * machine of these constants, shared with ~15 other processes (load average 14–21), the same run
 * took 41 s once and 132 s during a load spike (n=1024&L=200&M=400), and the error grid of
 * `npm run bench` showed measured/predicted up to 1.8 on runs of a second; 1.5 covers the usual
 * spread without refusing the default views. A machine of one's own can set it to 1 after
 * `npm run bench` shows ratios well under 1.
 */
import type { CostCalibration } from './cost.ts';

// The CPU networkLayer terms were set by hand after the fit (which put them at 0: its grid has no
// long n = 1 runs), from `time node bin/limits-lab.mjs run 'M=2000&L=10000&n=1' --threads 1` (18.1 s:
// 0.9 µs per network-layer, gram) and `… 'method=explicit&M=200&L=10000&n=1'` (5.7 s: 2.8 µs), quiet
// machine, 2026-12-07. A --write keeps the fit's values: re-set these after re-calibrating.
// BEGIN CALIBRATION (written by bench/costModel.ts)
export const CALIBRATION: CostCalibration = {
  measuredOn: "2026-12-07, 2 × AMD EPYC, load average 1.7, Node v20.20.2; WebGPU: not measured",
  headroom: 1.5,
  profiles: {
    cpu: {
      measured: true,
      gram: { run: 0, network: 0.00179, networkLayer: 9e-7, layer: 0, row: 0, rowPair: 3.13e-9 },
      explicit: { run: 0.000675, network: 0, networkLayer: 0.0000028, layer: 0.000108, weight: 1.69e-8, weightInput: 9.34e-11 },
    },
    "webgpu-software": {
      measured: true,
      gram: { run: 0.271, network: 0.0223, networkLayer: 0.000979, layer: 0, row: 6.3e-7, rowPair: 4.6e-7 },
      explicit: { run: 0, network: 0, networkLayer: 0, layer: 0.00048, weight: 0, weightInput: 1.81e-7 },
    },
    "webgpu-hardware": {
      measured: false,
      gram: { run: 0.5, network: 0.000001, networkLayer: 1e-8, layer: 0.00002, row: 1e-10, rowPair: 2e-11 },
      explicit: { run: 0.5, network: 0.000001, networkLayer: 1e-7, layer: 0.00005, weight: 5e-12, weightInput: 1e-12 },
    },
  },
  theory: { closedFormLayer: 5.8e-7, quadratureLayer: 0.0000124, phasePoint: 0.0000365, fixed: 0.279 },
};
// END CALIBRATION
