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
 */
import type { CostCalibration } from './cost.ts';

// BEGIN CALIBRATION (written by bench/costModel.ts)
export const CALIBRATION: CostCalibration = {
  measuredOn: "2026-12-07, 2 × AMD EPYC, Node v20.20.2; WebGPU: google swiftshader (SwiftShader driver 5.0.0)",
  profiles: {
    cpu: {
      measured: true,
      gram: { run: 0, network: 0.0000624, networkLayer: 0.00000481, layer: 0.0000468, row: 2.87e-7, rowPair: 6.32e-8 },
      explicit: { run: 0.0324, network: 0, networkLayer: 0, layer: 0.000229, weight: 1.74e-7, weightInput: 1.57e-8 },
    },
    "webgpu-software": {
      measured: true,
      gram: { run: 0.723, network: 0.07, networkLayer: 0.000539, layer: 0.00307, row: 0.00000303, rowPair: 0.000002 },
      explicit: { run: 0, network: 0, networkLayer: 0, layer: 0.0114, weight: 0, weightInput: 7.42e-7 },
    },
    "webgpu-hardware": {
      measured: false,
      gram: { run: 0.5, network: 0.000001, networkLayer: 1e-8, layer: 0.00002, row: 1e-10, rowPair: 2e-11 },
      explicit: { run: 0.5, network: 0.000001, networkLayer: 1e-7, layer: 0.00005, weight: 5e-12, weightInput: 1e-12 },
    },
  },
  theory: { closedFormLayer: 0.00000951, quadratureLayer: 0.0000933, phasePoint: 0.000495, fixed: 2.02 },
};
// END CALIBRATION
