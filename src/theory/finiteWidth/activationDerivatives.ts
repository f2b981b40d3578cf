/**
 * φ'', φ''', φ'''' of the smooth registry activations, for the Price-theorem expectations of the
 * O(1/n) kernel correction (gaussianMoments.ts). The registry (core/activations.ts) holds φ and φ';
 * these are their further derivatives in closed form, checked against central differences of the
 * registry's φ' (activationDerivatives.test.ts), so they cannot drift from it silently.
 * Piecewise-linear φ have distributional derivatives (δ at the kink) and use piecewiseMoments.ts.
 */
import type { Activation, ActivationFamily } from '../../core/activations.ts';
import { INV_SQRT_2PI, sigmoid } from '../../core/special.ts';

export interface HigherDerivatives {
  readonly d2: (x: number) => number;
  readonly d3: (x: number) => number;
  readonly d4: (x: number) => number;
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * Logistic σ: σ' = σ(1−σ), σ'' = σ'(1−2σ), σ''' = σ'(1 − 6σ + 6σ²), σ'''' = σ'(1−2σ)(1 − 12σ + 12σ²)
 * (each from the previous by σ' = σ − σ²).
 */
function logisticDerivatives(x: number): [number, number, number, number] {
  const s = sigmoid(x);
  const s1 = s * (1 - s);
  return [s1, s1 * (1 - 2 * s), s1 * (1 - 6 * s + 6 * s * s), s1 * (1 - 2 * s) * (1 - 12 * s + 12 * s * s)];
}

const TABLE: Partial<Record<ActivationFamily, HigherDerivatives>> = {
  // t = tanh x: φ' = 1 − t², φ'' = −2t(1 − t²), φ''' = −2(1 − t²)(1 − 3t²), φ'''' = 8t(1 − t²)(2 − 3t²).
  tanh: {
    d2: (x) => {
      const t = Math.tanh(x);
      return -2 * t * (1 - t * t);
    },
    d3: (x) => {
      const t = Math.tanh(x);
      return -2 * (1 - t * t) * (1 - 3 * t * t);
    },
    d4: (x) => {
      const t = Math.tanh(x);
      return 8 * t * (1 - t * t) * (2 - 3 * t * t);
    },
  },
  // φ' = (2/√π) e^{−x²} =: g: φ'' = −2x g, φ''' = (4x² − 2) g, φ'''' = (12x − 8x³) g.
  erf: {
    d2: (x) => -2 * x * TWO_OVER_SQRT_PI * Math.exp(-x * x),
    d3: (x) => (4 * x * x - 2) * TWO_OVER_SQRT_PI * Math.exp(-x * x),
    d4: (x) => (12 * x - 8 * x * x * x) * TWO_OVER_SQRT_PI * Math.exp(-x * x),
  },
  // φ = xΦ(x), ϕ the normal density: φ'' = (2 − x²)ϕ, φ''' = (x³ − 4x)ϕ, φ'''' = (−x⁴ + 7x² − 4)ϕ.
  gelu: {
    d2: (x) => (2 - x * x) * INV_SQRT_2PI * Math.exp(-0.5 * x * x),
    d3: (x) => (x * x * x - 4 * x) * INV_SQRT_2PI * Math.exp(-0.5 * x * x),
    d4: (x) => (-x * x * x * x + 7 * x * x - 4) * INV_SQRT_2PI * Math.exp(-0.5 * x * x),
  },
  // φ = xσ: φ^{(k)} = xσ^{(k)} + kσ^{(k−1)}.
  silu: {
    d2: (x) => {
      const [s1, s2] = logisticDerivatives(x);
      return x * s2 + 2 * s1;
    },
    d3: (x) => {
      const [, s2, s3] = logisticDerivatives(x);
      return x * s3 + 3 * s2;
    },
    d4: (x) => {
      const [, , s3, s4] = logisticDerivatives(x);
      return x * s4 + 4 * s3;
    },
  },
  // φ = log(1 + e^x): φ' = σ, so φ^{(k)} = σ^{(k−1)}.
  softplus: {
    d2: (x) => logisticDerivatives(x)[0],
    d3: (x) => logisticDerivatives(x)[1],
    d4: (x) => logisticDerivatives(x)[2],
  },
  sin: { d2: (x) => -Math.sin(x), d3: (x) => -Math.cos(x), d4: Math.sin },
};

/** φ'', φ''', φ'''' of a smooth registry activation; undefined for piecewise-linear ones. */
export function higherDerivatives(act: Activation): HigherDerivatives | undefined {
  if (act.piecewiseLinear) return undefined;
  return TABLE[act.family];
}
