/**
 * Input geometry from Gram data (DESIGN.md §1): x_a, x_b with q1 = |x_a|²/d, q2 = |x_b|²/d,
 * cos∠ = rho0. Inputs 3..k lie in the same plane, between x_a and x_b: input j (0-based, j ≥ 2)
 * has angle θ₀·(j−1)/(k−1) and squared norm q1 + (q2 − q1)(j−1)/(k−1), θ₀ = arccos rho0.
 * The reported statistics (q11, q12, q22, ρ) always refer to inputs 0 and 1 (x_a, x_b).
 */

export interface InputGeometry {
  readonly q1: number;
  readonly q2: number;
  readonly rho0: number;
  readonly k: number;
}

function anglesAndNorms(g: InputGeometry): { theta: Float64Array; q: Float64Array } {
  const theta0 = Math.acos(Math.max(-1, Math.min(1, g.rho0)));
  const theta = new Float64Array(g.k);
  const q = new Float64Array(g.k);
  theta[0] = 0;
  q[0] = g.q1;
  theta[1] = theta0;
  q[1] = g.q2;
  for (let j = 2; j < g.k; j++) {
    const t = (j - 1) / (g.k - 1);
    theta[j] = theta0 * t;
    q[j] = g.q1 + (g.q2 - g.q1) * t;
  }
  return { theta, q };
}

/** The k×k input Gram matrix X_ab = x_a·x_b/d (row-major). Entry (0,1) is √(q1 q2)·rho0 exactly. */
export function inputGram(g: InputGeometry): Float64Array {
  const { theta, q } = anglesAndNorms(g);
  const X = new Float64Array(g.k * g.k);
  for (let a = 0; a < g.k; a++) {
    for (let b = 0; b < g.k; b++) {
      const c = a === b ? 1 : (a + b === 1 ? g.rho0 : Math.cos(theta[a] - theta[b]));
      X[a * g.k + b] = Math.sqrt(q[a] * q[b]) * c;
    }
  }
  return X;
}

/**
 * Explicit input vectors in R^d, d = k, as a row-major d×k matrix (column a is x_a):
 * x_a = √(d q_a) (cos θ_a, sin θ_a, 0, …), so x_a·x_b/d = √(q_a q_b) cos(θ_a − θ_b).
 */
export function inputVectors(g: InputGeometry): { d: number; x: Float64Array } {
  const { theta, q } = anglesAndNorms(g);
  const d = g.k;
  const x = new Float64Array(d * g.k);
  for (let a = 0; a < g.k; a++) {
    const r = Math.sqrt(d * q[a]);
    x[0 * g.k + a] = r * Math.cos(theta[a]);
    x[1 * g.k + a] = r * Math.sin(theta[a]);
  }
  return { d, x };
}
