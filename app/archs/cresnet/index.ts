/**
 * arch=cresnet on the page (Muça Cirone, Lemercier & Salvi 2023; docs/DESIGN.md §8): the
 * controlled ResNet's step, its width-∞ kernel at equal steps (the theory curve), and its depth
 * limit — the neural signature kernel PDE (shared weights) or the inhomogeneous ODE (fresh weights).
 */
import type { Spec } from '../../../src/core/spec.ts';
import type { PageArchModule } from '../types.ts';

/** The first two presets of `paths` (the two inputs the depth profile follows), as TeX text. */
function twoPaths(spec: Spec): string {
  const [a, b] = spec.paths.split('_');
  return `$x_a = \\texttt{${a}}$, $x_b = \\texttt{${b}}$`;
}

function limitName(spec: Spec): string {
  return spec.share
    ? 'the neural signature kernel PDE $K(t, t)$ (weights shared across steps; Muça Cirone, Lemercier & Salvi 2023, Thm 3.3)'
    : 'the inhomogeneous kernel ODE $\\kappa(t)$ (fresh weights every step)';
}

function lawSentence(spec: Spec): string {
  return spec.share
    ? 'As $n$ grows the bands shrink around the width-∞ line (like $n^{-1/2}$); at fixed $n$ and growing $L$ each network converges to a neural CDE with fixed Gaussian vector fields, so the bands settle instead of widening.'
    : 'As $n$ grows the bands shrink around the width-∞ line (like $n^{-1/2}$); at fixed $n$ and growing $L$ the networks converge only in law, to a CDE driven by a matrix Brownian motion.';
}

const V_TEX = 'V_\\varphi(K^{xx}, K^{xy}, K^{yy})';

export const cresnetPage: PageArchModule = {
  id: 'cresnet',
  kernelRecursionTex: (spec: Spec) =>
    spec.share
      ? `S_{i+1} = S_i + \\sum_k (A_k\\varphi(S_i) + b_k)\\,\\Delta x_i^k,\\quad \\partial_s\\partial_t K(s,t) = \\big(\\sigma_A^2\\,${V_TEX} + \\sigma_b^2\\big)\\langle \\dot x_s, \\dot y_t\\rangle,\\; K(0,\\cdot) = K(\\cdot,0) = \\sigma_0^2`
      : `S_{i+1} = S_i + \\sum_k (A_k^{(i)}\\varphi(S_i) + b_k^{(i)})\\,\\Delta x_i^k,\\quad \\tfrac{d}{dt}\\kappa(t) = \\big(\\sigma_A^2\\,${V_TEX} + \\sigma_b^2\\big)\\langle \\dot x_t, \\dot y_t\\rangle,\\; \\kappa(0) = \\sigma_0^2`,
  varianceRecursionTex: () => 'q^{i} = \\tfrac1n |S_i(x_a)|^2,\\quad t = i/L',
  plainChain: false,
  limitLabel: (spec) => (spec.share ? 'PDE: n → ∞, then L → ∞' : 'ODE: n → ∞, then L → ∞'),
  ownWords: (spec) => ({
    summary: `controlled ResNet, φ = ${spec.act}, n = ${spec.n}, L = ${spec.L} steps, ${spec.share ? 'shared' : 'fresh'} weights`,
    equation: cresnetPage.kernelRecursionTex(spec),
    depthRho: (mcText) =>
      `The inputs are paths (${twoPaths(spec)}, in $\\mathbb R^{${spec.pdim}}$) and the layers are the ${spec.L} time steps $t = i/L$ of a controlled ResNet. The solid line is the correlation of the states $S_i(x_a), S_i(x_b)$ of the width-∞ network at this depth, computed exactly in f64; the dashed line is its depth limit, ${limitName(spec)}. ${mcText} ${lawSentence(spec)}`,
    depthQ: `The same networks, now $q^{i} = |S_i(x_a)|^2/n$ for the path $x_a$, with $\\sigma_0^2 = ${spec.s02}$, $\\sigma_A^2 = ${spec.sw2}$, $\\sigma_b^2 = ${spec.sb2}$: the solid line at width ∞ and depth L, the dashed line its limit along $t$.`,
    histRho: (count) =>
      `Each of ${count} random controlled ResNets gives one empirical correlation $\\hat\\rho$ between its states $S_i(x_a)$ and $S_i(x_b)$ for the two paths; the bars count them. The solid line marks the width-∞ value, the dashed line the median of the networks. At finite width the law has a spread of order $n^{-1/2}$. ${spec.share ? 'With weights shared across steps it converges as $L$ grows to the law of a neural CDE with fixed Gaussian vector fields.' : 'With fresh weights at every step it converges as $L$ grows to the law of a CDE driven by a matrix Brownian motion.'}`,
    histQ: `The squared length $\\hat q = |S_i(x_a)|^2/n$ of the same networks, against its width-∞ value.`,
  }),
};
