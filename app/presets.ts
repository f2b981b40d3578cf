/**
 * Lessons: links that open an experiment ready for a class. Each is data only — a title, the
 * question it answers, the query that opens it and the paper it follows — so that the header menu
 * today and a gallery of cards later (issue 7) read the same list. A lesson's query goes through the
 * URL codec like any link (presets.test.ts checks that each is accepted whole and that the planner
 * lets it run on the CPU backend).
 */
import type { Spec } from '../src/core/spec.ts';

export interface Paper {
  readonly cite: string;
  readonly title: string;
  readonly href: string;
}

export interface Lesson {
  /** Stable id (test ids, gallery anchors). */
  readonly id: string;
  /**
   * What to do, in order, on the lesson's banner (rich text): actions and where to look, never the
   * answer (that is the claim, shown after Reveal or folded).
   */
  readonly steps: readonly string[];
  /** The only controls the lesson's banner and embed mode show (all of them one click away). */
  readonly controls: readonly (keyof Spec)[];
  readonly title: string;
  /** The question a class answers by looking (rich text: L^{−α}). */
  readonly question: string;
  /** The query string that opens the lesson (no leading '?'). */
  readonly url: string;
  readonly paper: Paper;
  /**
   * A hand-written guess of the CPU time, kept for links to older builds: the menu and the gallery
   * now state the cost model's figures (runEstimate.ts lessonCpuTime), which are calibrated.
   */
  readonly cpuTime?: string;
  /** The gallery groups lessons by topic, in this order. */
  readonly topic: Topic;
  /** What the plot shows, once revealed: the claim of the paper, in one sentence (rich text). */
  readonly claim: string;
}

export const TOPICS = ['infinite width', 'criticality', 'branch scaling', 'commuting limits', 'proportional limit', 'finite width', 'training'] as const;
export type Topic = (typeof TOPICS)[number];

export const PAPERS = {
  lee2018: { cite: 'Lee et al. 2018', title: 'Deep neural networks as Gaussian processes (ICLR 2018)', href: 'https://arxiv.org/abs/1711.00165' },
  he2015: { cite: 'He et al. 2015', title: 'Delving deep into rectifiers: surpassing human-level performance on ImageNet classification (ICCV 2015)', href: 'https://arxiv.org/abs/1502.01852' },
  poole2016: { cite: 'Poole et al. 2016', title: 'Exponential expressivity in deep neural networks through transient chaos (NeurIPS 2016)', href: 'https://arxiv.org/abs/1606.05340' },
  schoenholz2017: { cite: 'Schoenholz et al. 2017', title: 'Deep information propagation (ICLR 2017)', href: 'https://arxiv.org/abs/1611.01232' },
  hanin2020: { cite: 'Hanin & Nica 2020', title: 'Products of many large random matrices and gradients in deep neural networks (CMP 2020)', href: 'https://arxiv.org/abs/1812.05994' },
  cirone2023: { cite: 'Muça Cirone, Lemercier & Salvi 2023', title: 'Neural signature kernels as infinite-width-depth-limits of controlled ResNets (ICML 2023)', href: 'https://arxiv.org/abs/2303.17671' },
  pdlt2022: { cite: 'Roberts, Yaida & Hanin 2022', title: 'The principles of deep learning theory (Cambridge University Press)', href: 'https://arxiv.org/abs/2106.10165' },
  hayouYang2023: { cite: 'Hayou & Yang 2023', title: 'Width and depth limits commute in residual networks (ICML 2023)', href: 'https://arxiv.org/abs/2302.00453' },
  hayou2022: { cite: 'Hayou 2022', title: 'On the infinite-depth limit of finite-width neural networks (TMLR)', href: 'https://arxiv.org/abs/2210.00688' },
  noci2023: { cite: 'Noci et al. 2023', title: 'The shaped Transformer: attention models in the infinite depth-and-width limit (NeurIPS 2023)', href: 'https://arxiv.org/abs/2306.17759' },
  yang2021tp5: { cite: 'Yang et al. 2021', title: 'Tensor Programs V: tuning large neural networks via zero-shot hyperparameter transfer (NeurIPS 2021)', href: 'https://arxiv.org/abs/2203.03466' },
  lee2019: { cite: 'Lee et al. 2019', title: 'Wide neural networks of any depth evolve as linear models under gradient descent (NeurIPS 2019)', href: 'https://arxiv.org/abs/1902.06720' },
  liNicaRoy2022: { cite: 'Li, Nica & Roy 2022', title: 'The neural covariance SDE: shaped infinite depth-and-width networks at initialization (NeurIPS 2022)', href: 'https://arxiv.org/abs/2206.02768' },
} as const satisfies Record<string, Paper>;

export const LESSONS: readonly Lesson[] = [
  {
    id: 'nngp',
    steps: ['Each point is the median $\\hat\\rho$ over the networks of one width n; the bands hold their middle 50 % and 90 %.', 'Follow the bands from n = 4 to n = 1024: how fast do they narrow? Compare them with the dashed guides.', 'Drag L to 20 and watch the bands at small n.'],
    controls: ['L', 'nmin', 'nmax', 'M'],
    title: 'A wide network is a Gaussian process',
    question: 'As the width n of a random tanh MLP grows, does its empirical kernel settle on one deterministic value, and how fast?',
    url: 'view=width&act=tanh&sw2=1.5&sb2=0.05&L=5&nmin=4&nmax=1024&M=200',
    paper: PAPERS.lee2018,
    cpuTime: 'about 10 s',
    topic: 'infinite width',
    claim: 'The networks concentrate on the NNGP kernel: the spread of $\\hat\\rho$ falls like $n^{-1/2}$. Its bias, of order $1/n$, is smaller than the Monte Carlo error of these 200 networks at every width (the lesson \u201cFinite-width corrections\u201d resolves it with more networks).',
  },
  {
    id: 'relu-he',
    steps: ['Click on the plot to place your guess of $\\rho^{50}$, then press Reveal.', 'Drag L to 200 and watch where the median $\\hat\\rho$ goes.', 'Drag n down to 16 and compare the band of $\\hat q$ with the one at n = 128.'],
    controls: ['L', 'n', 'sw2'],
    title: 'He initialisation: lengths survive on average, correlations do not',
    question: 'A ReLU MLP with σ_w^2 = 2 keeps the mean length of its input through 50 layers. What happens to the correlation of two inputs? Predict it first.',
    url: 'L=50&n=128&predict=1',
    paper: PAPERS.he2015,
    cpuTime: 'a few seconds',
    topic: 'criticality',
    claim: 'The limit $\\rho^{\\ell} \\to 1$ (slowly, like $1 - O(\\ell^{-2})$), and the median $\\hat\\rho^{\\ell}$ of the networks follows it: deep He-initialised ReLU nets forget which input they saw. The limit $q^{\\ell}$ stays at $\\sigma_w^2 q_1 = 2$, and so does the mean of $\\hat q^{\\ell}$ (exactly, at every width), but a typical network does not: at $n = 128$, $\\ell = 50$ the median $\\hat q$ has fallen below 1 and the 90 % band spans two orders of magnitude ($\\log \\hat q$ spreads like $\\sqrt{5\\ell/n}$).',
  },
  {
    id: 'edge-of-chaos',
    steps: ['Find the black line $\\chi_1 = 1$ on the map.', 'Click a point left of the line (ordered) and look at $\\rho^{\\ell}$ in the depth view.', 'Press Back, click a point right of the line (chaotic) and compare.'],
    controls: ['act', 'sw2', 'sb2'],
    title: 'The edge of chaos: ordered, chaotic, critical',
    question: 'Where in the (σ_w^2, σ_b^2) plane does a deep tanh network neither forget its inputs (ordered) nor scramble them (chaotic)?',
    url: 'view=phase&act=tanh&sw2=1.5&sb2=0.05&M=0',
    paper: PAPERS.poole2016,
    cpuTime: 'about 2 s (no networks until you click)',
    topic: 'criticality',
    claim: 'On the line $\\chi_1 = 1$ the correlation depth scale $\\xi_c$ diverges; click either side of it to sample networks that converge ($\\chi_1 < 1$) or decorrelate ($\\chi_1 > 1$).',
  },
  {
    id: 'commute-mlp-resnet',
    steps: ['Read each map along a diagonal (L/n fixed), then down a column (n fixed).', 'Compare the MLP map with the map of the ResNet with branch $L^{-1/2}$.', 'Switch the distance to w1 and see whether the picture changes.'],
    controls: ['stat', 'obs', 'M'],
    title: 'Do the width and depth limits commute?',
    question: 'Send n and L to infinity in either order: does an MLP end where a ResNet with 1/√L branches does?',
    url: 'view=commute&act=relu&sw2=2&obs=logq&stat=sd&nmin=4&nmax=256&Lmin=1&Lmax=64&M=100',
    paper: PAPERS.hayouYang2023,
    cpuTime: 'about 5 s',
    topic: 'commuting limits',
    claim: 'For the MLP the spread of $\\log \\hat q_L$ is set by $L/n$: about the same along each diagonal of the map, and growing with $L$ at fixed $n$, so the limits do not commute. For the ResNet with branch $L^{-1/2}$ it is set by $n$ alone: it shrinks with $n$ and stays bounded in $L$, and both orders of the limits agree.',
  },
  {
    id: 'branch-scaling',
    steps: ['Find the thin curves for α = 0, ½ and 1 next to the networks.', 'Drag α to 0 and watch the kernel against depth; then drag it to 1.', 'Back at α = ½, drag L to 1000 and see whether the networks follow the covariance ODE.'],
    controls: ['alpha', 'L', 'n'],
    title: 'Which branch scale has a depth limit?',
    question: 'Scale the residual branches by L^{−α}: what happens for α = 0, ½ and 1?',
    url: 'arch=resnet&alpha=0.5&n=128&L=64&M=200',
    paper: PAPERS.hayouYang2023,
    cpuTime: 'a few seconds',
    topic: 'branch scaling',
    claim: 'For this ReLU ResNet, with $\\alpha = 0$ the kernel grows geometrically with depth (it explodes; with a bounded $\\varphi$ such as tanh it grows only linearly), with $\\alpha = 1$ the network tends to the identity; only $\\alpha = \\tfrac12$ has a non-trivial limit, the covariance ODE.',
  },
  {
    id: 'fixed-width-3-vs-4',
    steps: ['Read the mean drift of $\\log|\\varphi(Y)|^2$ at each width n, with its error bar.', 'Compare the widths 3 and 4: on which side of zero is each?', 'Raise M and watch the error bars shrink.'],
    controls: ['M', 'sw2', 'L'],
    title: 'Width 3 or width 4?',
    question: 'At fixed width and infinite depth, does the norm of a ReLU ResNet shrink or grow on average?',
    url: 'view=regime&arch=resnet&act=relu&sw2=1&n=4&L=16&M=30000',
    paper: PAPERS.hayou2022,
    cpuTime: 'about 10 s',
    topic: 'commuting limits',
    claim: 'At $\\sigma_w^2 = 1$ the mean of $\\log(|\\varphi(Y_1)|^2/|\\varphi(Y_0)|^2)$ is negative at $n \\le 3$ and positive at $n \\ge 4$, each more than 3 standard errors from zero: the drift of the norm changes sign between widths 3 and 4 (Hayou 2022), so as $t \\to \\infty$ the norm of a narrow network collapses and that of a wider one blows up. At $t = 1$ the drift is small next to the noise: a single network\u2019s norm is as likely to shrink as to grow, and only the mean over many networks shows the sign.',
  },
  {
    id: 'shaped-sde',
    steps: ['Compare the paths of the networks with the paths of the SDE.', 'Look at the law of $\\rho_T$: the histogram of the networks against the SDE density.', 'Raise n (L follows, T = L/n fixed) and watch the distance in law.'],
    controls: ['n', 'L', 'cm', 'M'],
    title: 'A random limit: the neural covariance SDE',
    question: 'When depth and width grow together (T = L/n fixed), what does the correlation of two inputs converge to?',
    url: 'view=sde&arch=shaped&cp=0&cm=-1&sw2=1&n=128&L=64&M=1000&nmin=8&nmax=128',
    paper: PAPERS.liNicaRoy2022,
    cpuTime: 'about 10 s',
    topic: 'proportional limit',
    claim: 'At fixed $T = L/n$ the correlation stays random as $n \\to \\infty$: its law converges to that of the neural covariance SDE, not to a number.',
  },
  {
    id: 'three-limits',
    steps: ['Compare each histogram with the limit drawn over it.', 'Drag L to 16, then to 256 (n = 64): L/n changes, which network changes most?'],
    controls: ['n', 'L', 'M'],
    title: 'Three networks, three kinds of limit',
    question: 'At n = L = 64, which infinite-width or infinite-depth limit describes the He-MLP, the shaped MLP and the 1/√L ResNet?',
    url: 'view=contrast&cp=0&cm=-1&n=64&L=64&M=1000',
    paper: PAPERS.liNicaRoy2022,
    cpuTime: 'about 8 s',
    topic: 'proportional limit',
    claim: 'At $L/n = 1$ the He-MLP is far from its infinite-width limit (the spread of $\\log \\hat q_L$ is of order one) but follows its own proportional limit, log-normal (Hanin & Nica 2020); the shaped MLP follows the law of the covariance SDE; the 1/√L ResNet sits near its deterministic ODE value.',
  },
  {
    id: 'finite-l-over-n',
    steps: ['Click on the plot to place your guess of the mean $\\hat\\rho$ at the smallest width, then press Reveal.', 'Compare the Monte Carlo mean with the limit $K$ and the 1/n-corrected $K + d/n$.', 'Find the widths where the corrected value stops predicting the mean: at which L/n does that happen?'],
    controls: ['L', 'nmin', 'nmax', 'M'],
    title: 'Finite-width corrections grow like L/n, and where they break',
    question: 'At depth 8, how far is the mean correlation of width-4 ReLU networks (L/n = 2) from its infinite-width value? Predict it first.',
    url: 'view=finite&act=relu&sw2=2&sb2=0.1&rho0=0&L=8&nmin=4&nmax=32&M=4000&predict=1',
    paper: PAPERS.pdlt2022,
    cpuTime: 'a few seconds',
    topic: 'finite width',
    claim: 'The mean correlation is off its infinite-width value by a bias of order $L/n$, resolved at every width (at least 3 standard errors). Where $L/n \\le 1/2$ the 1/n-corrected value $\\rho^L + d_L/n$ predicts the bias within 2 standard errors; at $L/n \\ge 1$ the measured bias exceeds the prediction by more than 3 standard errors (at $n = 4$ it is nearly twice the prediction): the 1/n expansion is an expansion in $L/n$, and it breaks when $L/n$ is of order one.',
  },
  {
    id: 'orthogonal-weights',
    steps: ['Look at the bands of $\\hat q^{\\ell}$ against the layer ℓ.', 'Switch the weight law to Gaussian and back, and compare how the bands grow.', 'Drag L to 256.'],
    controls: ['weights', 'L', 'n'],
    title: 'Orthogonal weights do not accumulate fluctuations',
    question: 'In a deep linear network with Haar-orthogonal weights (compare: weights = gaussian), does the spread of the squared length q̂ still grow with depth?',
    url: 'act=identity&sw2=1&weights=orthogonal&method=explicit&n=32&L=64&M=200',
    paper: PAPERS.hanin2020,
    cpuTime: 'a few seconds',
    topic: 'finite width',
    claim: 'Orthogonal layers preserve lengths exactly, so the bands of $\\hat q^{\\ell}$ keep the width they have after the first layer, while with Gaussian layers $\\log \\hat q^{\\ell}$ spreads like $\\sqrt{\\ell/n}$; both have the same infinite-width kernel.',
  },  {
    id: 'signature-sharing',
    steps: ['Look at the two paths: one goes right then up, the other up then right.', 'In the depth panel, compare the orange-red points (weights shared across steps) with the purple ones (fresh weights at every step), and each with the two horizontal limits.', 'Raise n, then M: which bands shrink, and which limit does each kind of network approach?'],
    controls: ['n', 'M', 'Lmax'],
    title: 'Weight sharing decides the limit of a controlled ResNet',
    question: 'These two paths never move in the same direction at the same time. Does a wide, deep random controlled ResNet see them as correlated — with weights shared across its time steps, and with fresh weights at every step?',
    url: 'view=signature&arch=cresnet&act=identity&sw2=1&n=64&L=64&M=60&nmin=16&nmax=64&Lmin=2&Lmax=64&paths=pl:0,0,0.6,0,0.6,0.6_pl:0,0,0,0.6,0.6,0.6',
    paper: PAPERS.cirone2023,
    cpuTime: 'about 10 seconds',
    topic: 'infinite width',
    claim: 'With fresh weights at every step the networks correlate only equal times, and at equal times the two paths are orthogonal: the kernel stays at its initial value $\\sigma_0^2 = 1$ at every depth (the inhomogeneous ODE). With weights shared across steps they correlate every pair of times $(s, t)$: as $L$ grows the mean kernel rises to the signature kernel of the two paths, $K = 1.79$ (the PDE), many standard errors above 1. Weight sharing, not the width or the depth, decides which limit the networks have.',
  },
  {
    id: 'attention-rank-collapse',
    steps: ['Click on the plot to place your guess of the median $\\hat\\rho$ of two tokens at layer 100, then press Reveal.', 'Switch the architecture to shaped attention and compare the bands at layer 100.', 'Drag n: does the collapse of standard attention depend on the width?'],
    controls: ['arch', 'n', 'L', 'M'],
    title: 'Token similarity after 100 attention layers',
    question: 'Two tokens with correlation 0.2 go through 100 residual Softmax attention layers (width 64). What happens to their similarity? Predict it first.',
    url: 'arch=attention&k=3&rho0=0.2&n=64&L=100&M=200&predict=1',
    paper: PAPERS.noci2023,
    cpuTime: 'a few seconds',
    topic: 'proportional limit',
    claim: 'Standard attention averages the tokens: the median $\\hat\\rho^{\\ell}$ climbs from $\\rho_0 = 0.2$ above 0.99 within 10 layers, and after 100 layers at least 95 % of the networks have $\\hat\\rho = 1$ to four digits: rank collapse. Shaped attention (Softmax centred at the identity, temperature $\\tau_0\\sqrt{n\\,n_k}$) at the same width and depth keeps the correlation random: at layer 100 ($T = L/n \\approx 1.6$) the middle 90 % of its networks spread over more than half of $[-1, 1]$ and the mean stays below 0.6, as the covariance SDE of Noci et al. (2023) predicts.',
  },
  {
    id: 'circle-to-fractal',
    steps: [
      'In “From a circle to a fractal”, read how fast the blue mean-field length grows from layer to layer, and where the networks\' points lie.',
      'Compare the dashed polygon through the 16 image points with the blue line, then look at the effective dimension.',
      'Lower $\\sigma_w^2$ to the edge of chaos (about 1.76 with $\\sigma_b^2 = 0.05$), then to 1, and watch the length.',
      'Press play on the picture of the image, then draw a curve of your own under the plots: does its image fold the same way?',
    ],
    controls: ['sw2', 'sb2', 'L', 'curve'],
    title: 'From a circle to a fractal: the edge of chaos',
    question: 'Push a circle of inputs through a deep tanh network: does its image get longer, shorter, or stay the same, and how fast?',
    url: 'curve=circle:16&act=tanh&sw2=4&sb2=0.05&L=16&n=128&M=30',
    paper: PAPERS.poole2016,
    cpuTime: 'a few seconds',
    topic: 'criticality',
    claim: 'With $\\sigma_w^2 = 4$, $\\sigma_b^2 = 0.05$ the network is chaotic ($\\chi_1 = 1.342$): once its points sit at $q^* = 2.195$ the image of the circle gets longer by $\\sqrt{\\chi_1} = 1.159$ a layer, from 12.6 at $\\ell = 1$ to 94 at $\\ell = 16$ in the mean field, and the networks\' mean length follows it within its finite-width bias. The polygon through the 16 image points barely grows (neighbouring points decorrelate) while the image folds into more dimensions: its participation ratio rises from 2 to about 8. At the edge of chaos ($\\chi_1 = 1$) the length stays put; in the ordered phase ($\\chi_1 < 1$) it shrinks.',
  },
  {
    id: 'mup-transfer',
    steps: [
      'Click on the first plot to place your guess of $\\log_2 \\eta^*$ for the widest SP network, then press Reveal.',
      'Compare the two series of optima: which one stays flat as the width grows?',
      'Scroll to the depth panels: the unscaled ResNet against Depth-µP ($L^{-1/2}$ branches).',
    ],
    controls: ['param', 'nmin', 'nmax', 'Lmin', 'Lmax'],
    title: 'Why does µP transfer the learning rate?',
    question: 'Tune the learning rate of a width-32 network, then make it 8 times wider. Is the tuned learning rate still the best one — in the standard parametrisation, and in µP? Predict it first.',
    url: 'view=transfer&act=tanh&sw2=1&nmin=32&nmax=256&Lmin=2&Lmax=16&predict=1',
    paper: PAPERS.yang2021tp5,
    topic: 'training',
    claim: 'Under SP the loss-optimal learning rate falls 13× from n = 32 to n = 256 (about $1/n$: the output\u2019s one-step change grows like $\\eta n$), and the widest SP net diverges at the learning rate that was best on the narrowest; under µP it moves 1.01×: it transfers. Across depth (ResNets of width 32, L = 2 … 16, µP in width) the unscaled ResNet\u2019s optimum falls 5.3× while Depth-µP\u2019s (branches $L^{-1/2}$) moves 1.6×.',
  },
  {
    id: 'kernel-machine',
    steps: [
      'Click on the NTK loss plot to place your guess of the widest nets\u2019 loss at the last step, then press Reveal.',
      'Compare the thin lines (finite widths) with the thick blue kernel prediction, under NTK and under µP.',
      'In the last plot, read how fast each parametrisation\u2019s distance from its linearisation falls with the width.',
    ],
    controls: ['param', 'nmin', 'nmax', 'steps', 'nets'],
    title: 'Is a wide network a kernel machine?',
    question: 'Train networks of growing width by gradient descent. Does the widest one behave like the kernel method of its infinite-width NTK — under NTK parametrisation, and under µP? Predict it first.',
    url: 'view=ntkreg&act=tanh&sw2=1&nmin=64&nmax=512&steps=10&nets=6&predict=1',
    paper: PAPERS.lee2019,
    topic: 'training',
    claim: 'Under NTK parametrisation the nets approach their kernel prediction: the largest distance between a net\u2019s outputs and its linearised dynamics falls with slope −0.42 ± 0.06 over n = 64 … 512 (theory $-1/2$, Lee et al. 2019). Under µP the initial kernel has the same limit, but the distance stays between 0.09 and 0.11 at every width (slope −0.06 ± 0.04): the kernel moves as µP nets learn features, so a wide µP network is not a kernel machine.',
  },
];
