/**
 * The infinite-width kernel of an MLP whose weights are not iid Gaussian (weights=…, explicit
 * method). Every family has entries of mean 0 and variance 1 (core/weights.ts), so
 * E[z^{l+1} z^{l+1}ᵀ | layer l] = σw² (1/n_in) Σ_j φ_jφ_jᵀ + σb² exactly, for every family. What
 * changes is whether the pre-activations become Gaussian:
 *   gaussian    exact Gaussian at every width: the NNGP (Lee et al. 2018).
 *   orthogonal  a row of √n·(Haar columns) is asymptotically Gaussian: the NNGP again (the same
 *               limit as Gaussian weights, e.g. Huang et al. 2021, "On the neural tangent kernel of
 *               deep networks with orthogonal initialization"); finite-n corrections differ — for
 *               linear nets with σb = 0, |z^L|² = σw^{2L}|x|²·n/d exactly: no fluctuation at all.
 *   rademacher, sparse:p
 *               every layer is a sum over a large fan-in of iid bounded (or masked) terms — the hidden
 *               layers over n, the first over the input dimension d = 1024 (core/inputs.ts spreads
 *               the inputs over all d coordinates for exactly this reason) — so by the Lindeberg CLT
 *               the limit is the NNGP again, up to an O(1/d) non-Gaussianity of z¹ that is below the
 *               Monte Carlo error at any width the lab simulates. (sparse keeps an entry with
 *               probability round(p·2²⁴)/2²⁴ and rescales by 1/√p: a variance off by ≤ 3e−8.)
 *   lowrank:r   z^{l+1} = σw U (Vᵀφ/√n)/√r + σb b: given g = Vᵀφ/√n ∈ R^r the rows are Gaussian with
 *               covariance σw² ggᵀ/r + σb², a Wishart with r degrees of freedom. At fixed r and
 *               n → ∞ the kernel stays random (fluctuations O(1/√r)) and its mean is off the NNGP by
 *               O(1/r) from layer 2 on (kernelCorrection.ts with rankRatio = n/r gives both): the
 *               NNGP is the limit only when r → ∞ too.
 */
import type { Activation } from '../../core/activations.ts';
import type { WeightFamily } from '../../core/weights.ts';
import { dualKernels } from '../dual.ts';
import { inputKernel } from '../nngp.ts';
import type { Kernel3 } from './gaussianMoments.ts';

export interface FamilyLimit {
  /** 'nngp': the Gaussian NNGP; 'random': no deterministic limit at fixed rank (low-rank weights). */
  readonly kind: 'nngp' | 'random';
  /** K^l for l = 1..L (for 'random', the NNGP, which is the limit only when r → ∞). */
  readonly K: Kernel3[];
  readonly note: string;
}

/** The limit kernel at layers 1..L for a weight family (file comment), mlp. */
export function familyLimitKernel(
  act: Activation,
  family: WeightFamily,
  sw2: number,
  sb2: number,
  geometry: { q1: number; q2: number; rho0: number },
  L: number,
): FamilyLimit {
  const duals = dualKernels(act);
  const X = inputKernel(geometry.q1, geometry.q2, geometry.rho0);
  const K: Kernel3[] = [[sw2 * X.k11 + sb2, sw2 * X.k12 + sb2, sw2 * X.k22 + sb2]];
  const next = ([a, c, b]: Kernel3): Kernel3 => [sw2 * duals.Fdiag(a) + sb2, sw2 * duals.F(a, c, b) + sb2, sw2 * duals.Fdiag(b) + sb2];
  let kind: FamilyLimit['kind'] = 'nngp';
  let note = 'the NNGP: the same limit as iid Gaussian weights';
  if (family.kind === 'rademacher' || family.kind === 'sparse') {
    note = `the NNGP: ${family.kind} entries are iid with variance 1, and every fan-in (n, and d = 1024 for the inputs) is large enough for the central limit theorem`;
  } else if (family.kind === 'lowrank') {
    kind = 'random';
    note = `no deterministic limit at fixed rank r = ${family.r}: the kernel fluctuates by O(1/√r) and its mean differs from the NNGP (shown) by O(1/r); the NNGP is the limit when r → ∞ with n`;
  } else if (family.kind === 'orthogonal') {
    note = 'the NNGP (Haar columns are asymptotically Gaussian); finite-width fluctuations differ from Gaussian weights';
  }
  while (K.length < L) K.push(next(K[K.length - 1]));
  return { kind, K: K.slice(0, L), note };
}
