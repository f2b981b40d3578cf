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

/** The `sde` view's block (experiments/sdeView.ts for the shaped MLP; an architecture's limits.proportionalView for others). */
export interface SdeViewBlock {
  readonly T: number;
  /** Density of ρ_T on a grid in ρ, plus the probability atoms at ρ = ±1. */
  readonly law: { readonly rho: number[]; readonly density: number[]; readonly atomLow: number; readonly atomHigh: number; readonly mean: number; readonly sd: number };
  /** Sample paths against t = l/n: finite shaped networks (layers 1..L) and the SDE (hybrid Euler–Maruyama). */
  readonly netPaths: { readonly t: number[]; readonly rho: number[][] };
  readonly sdePaths: { readonly t: number[]; readonly rho: number[][] };
  /**
   * Distances of the finite-n law of ρ̂ to the SDE law at the same T; their Monte Carlo noise floors
   * (noiseFloors: the expected distance of M exact draws from the law itself); and the log-log
   * slopes fitted over the widths whose distance stands above ABOVE_FLOOR × its floor only (NaN,
   * i.e. null in JSON, with fewer than two such widths: no rate can be read off noise).
   */
  readonly convergence: {
    readonly n: number[];
    readonly L: number[];
    readonly w1: number[];
    readonly ks: number[];
    readonly floorW1: number[];
    readonly floorKs: number[];
    readonly slopeW1: number;
    readonly slopeKs: number;
  };
  /**
   * Widths at which every network died (q̂ = 0, ρ̂ undefined: shaped ReLU nets at n = 1, or with
   * c₋ ≪ 0): no distance to the law there (NaN, null in the JSON), and one fault each (issue 20).
   */
  readonly faults?: { quantity: string; layer: number; cause: 'empty'; message: string }[];
}

/**
 * The limit kernel of paths (controlled ResNets, issue 16; archs/cresnet): the Gram of every pair of
 * paths at t = 1 from the neural signature kernel PDE (shared weights) or the inhomogeneous ODE.
 */
export interface SignatureBlock {
  /** 'pde' (shared weights) or 'ode' (fresh weights per step). */
  readonly equation: 'pde' | 'ode';
  /** Gram matrix K^{x_a x_b}(1, 1) on the finer grid (k × k). */
  readonly kernel: number[][];
  /** Richardson's estimate of each entry's error: |K_{λ+1} − K_λ|/(2^order − 1). */
  readonly errorEstimate: number[][];
  /** The Richardson-extrapolated Gram (PDE only). */
  readonly extrapolated?: number[][];
  /** Refinement λ (the value is computed at λ + 1), cells per path on the finer grid, the scheme's order. */
  readonly grid: { readonly refine: number; readonly cells: number[]; readonly order: number };
}
