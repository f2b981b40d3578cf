/**
 * The page's words and equations for arch=attention and arch=shapedattn (issue 15 §2): the depth
 * and distribution views read them instead of the dense chain's (σw², φ, pre-activations do not
 * apply). The model: docs/shaped-transformer.md §2; nothing here computes physics.
 */
import type { Spec } from '../../../src/core/spec.ts';
import { formatCount } from '../../views/labels.ts';
import type { ArchWords } from '../types.ts';


type AttentionKeys = Spec & { readonly gamma2: number; readonly nk: number; readonly tau0: number };

const SHAPED_A = 'A^{\\ell} = I + \\operatorname{Softmax}(S^{\\ell}) - \\tfrac1k\\mathbf 1\\mathbf 1^{\\top},\\quad \\tau = \\tau_0\\sqrt{n\\,n_k}';
const STANDARD_A = 'A^{\\ell} = \\operatorname{Softmax}(S^{\\ell}),\\quad \\tau = \\sqrt{n_k}';

/** The words of standard (shaped = false) or shaped attention for this spec. */
export function attentionWords(spec: Spec, shaped: boolean): ArchWords {
  const s = spec as AttentionKeys;
  const nk = s.nk === 0 ? s.n : s.nk;
  const summary = `${shaped ? `shaped attention, τ₀ = ${s.tau0}` : 'standard attention'}, k = ${s.k} tokens, n = ${formatCount(s.n)}, n_k = ${formatCount(nk)}, γ² = ${s.gamma2}, L = ${formatCount(s.L)}`;
  const equation = `S^{\\ell} = \\tfrac{1}{\\tau}\\big(\\tfrac{X^{\\ell}W^Q}{\\sqrt n}\\big)\\big(\\tfrac{X^{\\ell}W^K}{\\sqrt n}\\big)^{\\!\\top},\\; ${shaped ? SHAPED_A : STANDARD_A},\\; X^{\\ell+1} = \\lambda X^{\\ell} + \\gamma A^{\\ell}X^{\\ell}\\tfrac{W^V}{\\sqrt n},\\; \\lambda^2 + \\gamma^2 = 1,\\; \\hat\\rho^{\\ell} = \\frac{\\hat V^{\\ell}_{ab}}{\\sqrt{\\hat V^{\\ell}_{aa}\\hat V^{\\ell}_{bb}}}`;
  const tokens = `tokens $x_a, x_b$ (of $k = ${s.k}$ tokens in their plane, $\\rho_0 = ${s.rho0}$), with $\\hat V^{\\ell} = X^{\\ell}X^{\\ell\\top}/n$ after $\\ell$ attention layers ($\\ell = 0$: the embedding)`;
  const limitRho = shaped
    ? 'The solid line is the limit $n \\to \\infty$ at fixed $L$: shaped attention moves the token covariance by $O(1/n)$ per layer, so the limit is $\\rho^{\\ell} = \\rho_0$ at every layer. At $T = \\ell/n$ of order one the networks do not concentrate on it: the proportional limit is random, the covariance SDE of Noci et al. (2023), and the spread of $\\hat\\rho^{\\ell}$ stays of order one as $n$ grows with $\\ell = Tn$.'
    : 'Standard attention has no deterministic infinite-width limit (its logits stay random as $n \\to \\infty$), so no limit line is drawn. The Softmax averages the tokens, so with depth $\\hat\\rho^{\\ell}$ climbs towards 1 at every width: rank collapse (Dong et al. 2021).';
  return {
    summary,
    equation,
    depthRho: (mcText) => `The correlation $\\hat\\rho^{\\ell}$ of ${tokens}. ${mcText} ${limitRho}`,
    depthQ: `The same networks, now the squared length $\\hat q^{\\ell} = \\hat V^{\\ell}_{aa}$ of token $x_a$ ($q_1 = ${s.q1}$).${shaped ? ' The line is its limit at fixed $L$, $q_1$; at finite width $\\log \\hat q^{\\ell}$ performs a random walk: from the value weights alone its mean falls like $-\\gamma^2(2-\\gamma^2)\\,\\ell/n$ and its variance grows like $2\\gamma^2(2-\\gamma^2)\\,\\ell/n$.' : ' Standard attention has no deterministic infinite-width limit, so no line is drawn.'}`,
    histRho: (count) => `Each of ${count} random networks (${summary}) gives one empirical correlation $\\hat\\rho^{\\ell}$ between tokens $x_a$ and $x_b$; the bars count them, the dashed line marks their median. ${shaped ? 'The solid line marks the limit at fixed $L$, $\\rho_0$; at $T = \\ell/n$ of order one the law stays spread as $n$ grows (the covariance SDE).' : 'There is no infinite-width limit to mark: at any width the law piles up at 1 with depth (rank collapse).'}`,
    histQ: `The squared length $\\hat q^{\\ell} = \\hat V^{\\ell}_{aa}$ of token $x_a$ in the same networks.`,
    ...(shaped ? { sde: sdeWords(s, summary) } : {}),
  };
}

const SDE_TEX =
  'dV_t = b(V_t)\\,dt + \\Sigma(V_t)^{1/2}dB_t,\\; b(V) = \\tfrac{\\gamma^2}{\\tau_0^2}\\Big[\\tfrac{\\operatorname{tr}(VHVH)}{k^2}V + \\tfrac1k\\big(d\\,(Vu)^{\\top} + (Vu)\\,d^{\\top}\\big)\\Big],\\; \\Sigma = \\gamma^2(2-\\gamma^2)\\Sigma_{\\mathrm{lin}} + \\tfrac{\\gamma^4}{\\tau_0^2}\\Sigma_{\\mathrm{att}},\\; t = \\ell/n';

/** The sde view's words for shaped attention (the block: src/archs/attention/sdeView.ts). */
function sdeWords(s: AttentionKeys, summary: string): NonNullable<ArchWords['sde']> {
  const R = 10 * Math.max(s.q1, s.q2);
  return {
    paths: `Each orange-red line is one finite network (${summary}): the correlation $\\hat\\rho^{\\ell}$ of tokens $x_a, x_b$ at layer $\\ell$, plotted at $t = \\ell/n$. Each blue line is a path of the token-covariance SDE from the same $V_0 = K_{\\mathrm{in}}$ (a factored Euler–Maruyama scheme that keeps $V$ positive semi-definite, stopped where $\\max_a V_{aa}$ first reaches $R = ${R}$). In the proportional limit $n, L \\to \\infty$ with $T = L/n$ fixed the correlation stays random, and the two bundles have the same law.`,
    pathsTex: SDE_TEX,
    law: (M) => `The histogram (a density) of $\\hat\\rho_L$ over the M = ${M} networks at the last layer, against the law of $\\rho_T$ of the SDE (curve: a histogram of the SDE paths, not a closed form). The SDE paths are stopped when $\\max_a V_{aa}$ first reaches $R = ${R}$ (the drift is cubic and a few paths explode in finite time; the paper's convergence is local); the networks of this panel are not stopped, so the two laws also differ by the fraction stopped, a few per cent at $T = 1$.`,
    lawTex: '\\hat\\rho_{L} \\xrightarrow[n\\to\\infty,\\ L = Tn]{\\text{law}} \\rho_{T\\wedge\\tau_R}',
    convergence: (nFrom) => `For widths $n$ from ${nFrom} up to $n$ (keys nmin, n), M networks of depth $L = \\mathrm{round}(T n)$, stopped at $R$ like the SDE paths: the Wasserstein-1 and Kolmogorov–Smirnov distances between the law of their $\\hat\\rho_L$ and the SDE sample at their own $T_n = L/n$. Both include the Monte Carlo noise of the two samples: the dotted lines are the noise floors (the expected distance between two samples of one law, of sizes M and the number of SDE paths). A rate is fitted (dashed) only over the widths whose distance stands above twice its floor.`,
  };
}
