/**
 * View "collapse" (issue 15 §2): standard vs shaped attention at the same (n, L, k, seed) — rank
 * collapse against a stable random limit. The computation is the attention module's
 * (archs/attention/collapse.ts); this file registers its block and its runner (viewRunners.ts), the
 * one function the CLI, the page's Worker and the tests run.
 */
import { archOf } from '../archs/index.ts';
import { collapseLayers, runAttentionCollapse, type CollapseBlock } from '../archs/attention/collapse.ts';
import { sdePlan } from '../archs/attention/resolve.ts';
import type { SimSize } from '../core/cost.ts';
import type { Spec } from '../core/spec.ts';
import type { ViewRunner } from './viewRunner.ts';

export type { CollapseBlock } from '../archs/attention/collapse.ts';

// The view's block in the result document (experiments/result.ts ViewBlocks).
declare module './result.ts' {
  interface ViewBlocks {
    readonly collapse: CollapseBlock;
  }
}

export function collapseApplies(spec: Spec): string | undefined {
  return archOf(spec).views.includes('collapse') ? undefined : 'the comparison runs attention networks: choose arch=attention or arch=shapedattn';
}

/**
 * Its simulations for the cost planner (priced through the attention module's networkSize): M
 * networks of each kind at (n, L), and the SDE paths. A step of the SDE (2k² normals, a few k×k
 * products) costs what a layer of the exact chain costs (k×k products, 2k·k normals), so P paths of
 * the fine and coarse steps (3/2 · T/dt layers) are priced as P exact chains of that depth.
 */
export function collapsePlan(spec: Spec): SimSize[] {
  const recorded = collapseLayers(spec.L).length;
  const nets: SimSize = { method: spec.method, n: spec.n, L: spec.L, k: spec.k, M: spec.M, recorded };
  const { dt, paths } = sdePlan(spec.L / spec.n);
  const sde: SimSize = { method: 'gram', n: 2 * spec.k, L: Math.ceil((1.5 * spec.L) / spec.n / dt), k: spec.k, M: paths, recorded };
  return [nets, nets, sde];
}

export const collapseRunner: ViewRunner<CollapseBlock> = {
  view: 'collapse',
  key: 'collapse',
  phase: 'parts',
  costKeys: ['M', 'n', 'L'],
  costLabel: "the comparison's networks",
  doneText: (M) => `${M} standard and ${M} shaped attention networks, and the SDE's paths`,
  applies: collapseApplies,
  plan: collapsePlan,
  run: (spec, ctx) => runAttentionCollapse(spec, ctx),
};
