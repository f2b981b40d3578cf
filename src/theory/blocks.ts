/**
 * The exact blocks of the result document (the CLI JSON of DESIGN.md §6: `theory`, `limit`, `sde`).
 * They are computed by the theory layer, so their types live here (theory imports no experiments);
 * experiments/result.ts re-exports them as part of LabResult.
 */

/** Infinite-width kernel at the recorded layers (1-based for mlp/shaped, 0..L for resnet). */
export interface TheoryBlock {
  readonly layers: number[];
  readonly q11: number[];
  readonly q12: number[];
  readonly q22: number[];
  readonly rho: number[];
  readonly ntk11?: number[];
  readonly ntk12?: number[];
  readonly ntk22?: number[];
}

/** The ResNet covariance ODE (α = 1/2) on t = l/L ∈ [0, 1]. */
export interface LimitBlock {
  readonly t: number[];
  readonly q11: number[];
  readonly q12: number[];
  readonly q22: number[];
  readonly rho: number[];
}

/** The law of the neural covariance SDE at T = L/n (shaped MLP). */
export interface SdeBlock {
  readonly T: number;
  readonly rho: { mean: number; sd: number; p05: number; p25: number; p50: number; p75: number; p95: number };
  readonly logVaa: { mean: number; var: number };
}

