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

// The CPU profile below is the fit of the JavaScript engine (measured at load 14.7) times 1/4: the
// WebAssembly SIMD engine that landed after it is 4.4–4.7× faster per kernel (bench/kernels.ts), and
// 1/4 keeps the model an upper estimate on the quiet-machine checks of 2026-12-07:
// 'M=2000&L=10000&n=1' 18.1 s measured vs 19 s stated; 'view=regime&sw2=1&n=4&L=16&M=2000' 2.9 s.
// A fresh `--write` on a quiet machine fitted the per-network-layer terms to 0 (its grid has no long
// n = 1 runs) and over-stated small-n runs 15×: widen the grid before trusting a re-fit.
// BEGIN CALIBRATION (written by bench/costModel.ts)
export const CALIBRATION: CostCalibration = {
  measuredOn: "2026-12-07, 2 × AMD EPYC, load average 14.7, Node v20.20.2; WebGPU: google swiftshader (SwiftShader driver 5.0.0)",
  headroom: 1.5,
  profiles: {
    cpu: {
      measured: true,
      gram: { run: 0.063, network: 7.83e-06, networkLayer: 6.32e-07, layer: 0, row: 7.43e-08, rowPair: 2.98e-09 },
      explicit: { run: 0, network: 0, networkLayer: 3.08e-06, layer: 0, weight: 6.28e-08, weightInput: 3.9e-09 },
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
  theory: { closedFormLayer: 0.00000703, quadratureLayer: 0.0000483, phasePoint: 0.000406, fixed: 1.23 },
};
// END CALIBRATION
