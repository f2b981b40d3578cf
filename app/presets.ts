/**
 * Lessons: links that open an experiment ready for a class. Each is data only — a title, the
 * question it answers, the query that opens it and the paper it follows — so that the header menu
 * today and a gallery of cards later (issue 7) read the same list. A lesson's query goes through the
 * URL codec like any link (presets.test.ts checks that each is accepted whole and that the planner
 * lets it run on the CPU backend).
 */

export interface Paper {
  readonly cite: string;
  readonly title: string;
  readonly href: string;
}

export interface Lesson {
  /** Stable id (test ids, gallery anchors). */
  readonly id: string;
  readonly title: string;
  /** The question a class answers by looking (rich text: L^{−α}). */
  readonly question: string;
  /** The query string that opens the lesson (no leading '?'). */
  readonly url: string;
  readonly paper: Paper;
  /** Rough wall time on the CPU backend of a laptop, for the teacher planning the lesson. */
  readonly cpuTime: string;
  /** The issue that introduced it (the gallery groups by topic). */
  readonly topic: 'branch scaling' | 'commuting limits' | 'proportional limit';
}

export const PAPERS = {
  hayouYang2023: { cite: 'Hayou & Yang 2023', title: 'Width and depth limits commute in residual networks (ICML 2023)', href: 'https://arxiv.org/abs/2302.00453' },
  hayou2022: { cite: 'Hayou 2022', title: 'On the infinite-depth limit of finite-width neural networks (TMLR)', href: 'https://arxiv.org/abs/2210.00688' },
  liNicaRoy2022: { cite: 'Li, Nica & Roy 2022', title: 'The neural covariance SDE: shaped infinite depth-and-width networks at initialization (NeurIPS 2022)', href: 'https://arxiv.org/abs/2206.02768' },
} as const satisfies Record<string, Paper>;

export const LESSONS: readonly Lesson[] = [
  {
    id: 'commute-mlp-resnet',
    title: 'Do the width and depth limits commute?',
    question: 'Send n and L to infinity in either order: does an MLP end where a ResNet with 1/√L branches does?',
    url: 'view=commute&act=relu&sw2=2&obs=logq&stat=sd&nmin=4&nmax=256&Lmin=2&Lmax=256&M=100',
    paper: PAPERS.hayouYang2023,
    cpuTime: 'about 20 s',
    topic: 'commuting limits',
  },
  {
    id: 'branch-scaling',
    title: 'Which branch scale has a depth limit?',
    question: 'Scale the residual branches by L^{−α}: what happens for α = 0, ½ and 1?',
    url: 'arch=resnet&alpha=0.5&n=128&L=64&M=200',
    paper: PAPERS.hayouYang2023,
    cpuTime: 'a few seconds',
    topic: 'branch scaling',
  },
  {
    id: 'fixed-width-3-vs-4',
    title: 'Width 3 or width 4?',
    question: 'At fixed width and infinite depth, does the norm of a ReLU ResNet shrink or grow?',
    url: 'view=regime&arch=resnet&act=relu&sw2=1&n=4&L=64&M=60000',
    paper: PAPERS.hayou2022,
    cpuTime: 'about 2 min (seconds on a GPU)',
    topic: 'commuting limits',
  },
  {
    id: 'shaped-sde',
    title: 'A random limit: the neural covariance SDE',
    question: 'When depth and width grow together (T = L/n fixed), what does the correlation of two inputs converge to?',
    url: 'view=sde&arch=shaped&cp=0&cm=-1&sw2=1&n=128&L=64&M=1000&nmin=8&nmax=128',
    paper: PAPERS.liNicaRoy2022,
    cpuTime: 'about 10 s',
    topic: 'proportional limit',
  },
  {
    id: 'three-limits',
    title: 'Three networks, three kinds of limit',
    question: 'At n = L = 64, which infinite-width or infinite-depth limit describes the He-MLP, the shaped MLP and the 1/√L ResNet?',
    url: 'view=contrast&cp=0&cm=-1&n=64&L=64&M=1000',
    paper: PAPERS.liNicaRoy2022,
    cpuTime: 'about 8 s',
    topic: 'proportional limit',
  },
];
