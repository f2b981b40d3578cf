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
 * Dimension d of the explicit inputs. Large, so that the first layer z¹ = σw W¹x/√d is a sum of
 * many small terms for every weight law: Gaussian exactly for Gaussian weights, and Gaussian up to
 * O(1/d) for Rademacher or sparse ones (central limit theorem) — with d = k and two non-zero
 * coordinates, z¹ would stay discrete at any width and the NNGP would fail for those laws. Fixed
 * (not d = n), so that every width sees the same inputs (coupled width sweeps).
 */
export const INPUT_DIMENSION = 1024;

/**
 * Explicit input vectors in R^d, as a row-major d×k matrix (column a is x_a):
 * x_a = √(d q_a) (cos θ_a u + sin θ_a v) with the orthonormal, spread-out vectors
 * u_j = 1/√d and v_j = (−1)^j/√d (d even), so x_a·x_b/d = √(q_a q_b) cos(θ_a − θ_b) and every
 * coordinate of x_a is √q_a (cos θ_a ± sin θ_a) = O(1).
 */
export function inputVectors(g: InputGeometry, d: number = INPUT_DIMENSION): { d: number; x: Float64Array } {
  if (d % 2 !== 0) throw new RangeError(`the input dimension must be even (u ⟂ v), got ${d}`);
  const { theta, q } = anglesAndNorms(g);
  const x = new Float64Array(d * g.k);
  for (let a = 0; a < g.k; a++) {
    const c = Math.sqrt(q[a]) * Math.cos(theta[a]);
    const s = Math.sqrt(q[a]) * Math.sin(theta[a]);
    for (let j = 0; j < d; j++) x[j * g.k + a] = c + (j % 2 === 0 ? s : -s);
  }
  return { d, x };
}
