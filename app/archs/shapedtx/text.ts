/**
 * The page's words and equations for arch=shapedtx (the shaped Transformer block, issue 15 §2): the
 * depth and distribution views read them instead of the dense chain's. The model:
 * docs/shaped-transformer.md §3, (B1)–(B2); nothing here computes physics.
 */
import type { Spec } from '../../../src/core/spec.ts';
import { formatCount } from '../../views/labels.ts';
import type { ArchWords } from '../types.ts';

type BlockKeys = Spec & { readonly gamma2: number; readonly nk: number; readonly tau0: number; readonly gamma2m: number };

/** The words of the shaped Transformer block for this spec. */
export function shapedBlockWords(spec: Spec): ArchWords {
  const s = spec as BlockKeys;
  const nk = s.nk === 0 ? s.n : s.nk;
  const summary = `shaped Transformer blocks (shaped attention, τ₀ = ${s.tau0}, γ₁² = ${s.gamma2}; shaped-ReLU MLP, c₊ = ${s.cp}, c₋ = ${s.cm}, γ₂² = ${s.gamma2m}), k = ${s.k} tokens, n = ${formatCount(s.n)}, n_k = ${formatCount(nk)}, L = ${formatCount(s.L)}`;
  const equation =
    'Z^{\\ell} = \\lambda_1 X^{\\ell} + \\gamma_1 A^{\\ell}X^{\\ell}\\tfrac{W^V}{\\sqrt n},\\; A^{\\ell} = I + \\operatorname{Softmax}(S^{\\ell}) - \\tfrac1k\\mathbf 1\\mathbf 1^{\\top},\\; \\tau = \\tau_0\\sqrt{n\\,n_k},\\; ' +
    'X^{\\ell+1} = \\lambda_2 Z^{\\ell} + \\gamma_2\\sqrt{c}\\,\\varphi_s\\big(Z^{\\ell}\\tfrac{W^{\\mathrm{pre}}}{\\sqrt n}\\big)\\tfrac{W^{\\mathrm{post}}}{\\sqrt n},\\; \\varphi_s(x) = s_+\\max(x,0) + s_-\\min(x,0),\\; s_\\pm = 1 + \\tfrac{c_\\pm}{\\sqrt n},\\; \\lambda_i^2 + \\gamma_i^2 = 1';
  const tokens = `tokens $x_a, x_b$ (of $k = ${s.k}$ tokens in their plane, $\\rho_0 = ${s.rho0}$), with $\\hat V^{\\ell} = X^{\\ell}X^{\\ell\\top}/n$ after $\\ell$ blocks ($\\ell = 0$: the embedding)`;
  const limitRho = 'The solid line is the limit $n \\to \\infty$ at fixed $L$: each sublayer moves the token covariance by $O(1/n)$ per block, so the limit is $\\rho^{\\ell} = \\rho_0$ at every layer. At $T = \\ell/n$ of order one the networks do not concentrate on it: the proportional limit is random, the block\'s covariance SDE (the sde view compares the two), and the spread of $\\hat\\rho^{\\ell}$ stays of order one as $n$ grows with $\\ell = Tn$.';
  return {
    summary,
    equation,
    depthRho: (mcText) => `The correlation $\\hat\\rho^{\\ell}$ of ${tokens}. ${mcText} ${limitRho}`,
    depthQ: `The same networks, now the squared length $\\hat q^{\\ell} = \\hat V^{\\ell}_{aa}$ of token $x_a$ ($q_1 = ${s.q1}$). The line is its limit at fixed $L$, $q_1$; at finite width $\\log \\hat q^{\\ell}$ performs a random walk: from the value and MLP weights alone its variance grows like $(2\\gamma_1^2(2-\\gamma_1^2) + 4\\gamma_2^2)\\,\\ell/n$ (the value and MLP weights).`,
    histRho: (count) => `Each of ${count} random networks (${summary}) gives one empirical correlation $\\hat\\rho^{\\ell}$ between tokens $x_a$ and $x_b$; the bars count them, the dashed line marks their median. The solid line marks the limit at fixed $L$, $\\rho_0$; at $T = \\ell/n$ of order one the law stays spread as $n$ grows (the covariance SDE).`,
    histQ: 'The squared length $\\hat q^{\\ell} = \\hat V^{\\ell}_{aa}$ of token $x_a$ in the same networks.',
    sde: sdeWords(s, summary),
  };
}

const SDE_TEX =
  'dV_t = \\big[b(V_t) + \\gamma_2^2 b_{\\mathrm{mlp}}(V_t)\\big]dt + \\big[\\Sigma(V_t) + 2\\gamma_2^2\\Sigma_{\\mathrm{lin}}(V_t)\\big]^{1/2}dB_t,\\; b_{\\mathrm{mlp}}(V)_{ab} = \\nu(\\rho_{ab})\\sqrt{V_{aa}V_{bb}},\\; \\nu(\\rho) = \\tfrac{(c_+-c_-)^2}{2\\pi}\\big(\\sqrt{1-\\rho^2} - \\rho\\arccos\\rho\\big),\\; t = \\ell/n';

/** The sde view's words for the block (the view's block: src/archs/attention/sdeView.ts tokenSdeView). */
function sdeWords(s: BlockKeys, summary: string): NonNullable<ArchWords['sde']> {
  const R = 10 * Math.max(s.q1, s.q2);
  return {
    paths: `Each orange-red line is one finite network (${summary}): the correlation $\\hat\\rho^{\\ell}$ of tokens $x_a, x_b$ after $\\ell$ blocks, plotted at $t = \\ell/n$. Each blue line is a path of the block's token-covariance SDE from the same $V_0 = K_{\\mathrm{in}}$ (shaped attention's drift $b$ and noise $\\Sigma$ at $\\gamma_1$, plus the MLP sublayer's noise $2\\gamma_2^2\\Sigma_{\\mathrm{lin}}$ and the shaped ReLU's drift; a split Euler scheme that keeps $V$ positive semi-definite, stopped where $\\max_a V_{aa}$ first reaches $R = ${R}$). In the proportional limit $n, L \\to \\infty$ with $T = L/n$ fixed the correlation stays random, and the two bundles have the same law.`,
    pathsTex: SDE_TEX,
    law: (M) => `The histogram (a density) of $\\hat\\rho_L$ over the M = ${M} networks at the last layer, against the law of $\\rho_T$ of the SDE (curve: a histogram of the SDE paths, not a closed form). The SDE paths are stopped when $\\max_a V_{aa}$ first reaches $R = ${R}$ (the attention drift is cubic and a few paths explode in finite time); the networks of this panel are not stopped, so the two laws also differ by the fraction stopped.`,
    lawTex: '\\hat\\rho_{L} \\xrightarrow[n\\to\\infty,\\ L = Tn]{\\text{law}} \\rho_{T\\wedge\\tau_R}',
    convergence: (nFrom) => `For widths $n$ from ${nFrom} up to $n$ (keys nmin, n), M networks of depth $L = \\mathrm{round}(T n)$, stopped at $R$ like the SDE paths: the Wasserstein-1 and Kolmogorov–Smirnov distances between the law of their $\\hat\\rho_L$ and the SDE sample at their own $T_n = L/n$. Both include the Monte Carlo noise of the two samples: the dotted lines are the noise floors (the expected distance between two samples of one law, of sizes M and the number of SDE paths). A rate is fitted (dashed) only over the widths whose distance stands above twice its floor. With $c_+ + c_- \\ne 0$ the shaped ReLU's drift in a width-$n$ network differs from $\\nu$ by a relative $(c_+ + c_-)/\\sqrt n$, so the distances may fall like $n^{-1/2}$ rather than $1/n$.`,
  };
}
