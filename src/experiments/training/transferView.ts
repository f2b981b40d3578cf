/**
 * view=transfer: learning-rate transfer (training/lrTransfer.ts) across width — MLPs, one family per
 * parametrisation — and across depth — ResNets with µP in width, Depth-µP (branches L^{−1/2},
 * TP-VI) against the unscaled ResNet — as the `transfer` block.
 */
import type { TransferBlock, TransferFamily } from '../../training/blocks.ts';
import { lrSweepRun, lrSweepWork, type SweepOptions, type SweepResult } from '../../training/lrTransfer.ts';
import { depthMuP, PARAM_LABELS, presetExponents, UNSCALED_DEPTH, type DepthScaling } from '../../training/parametrisation.ts';
import type { NetworkConfig } from '../../training/network.ts';
import type { Sweep } from '../../training/work.ts';
import { finiteOrNull } from './json.ts';
import { setupJson, TRANSFER_LOG2_ETA, type TrainingSettings } from './settings.ts';

interface FamilyPlan {
  readonly id: string;
  readonly label: string;
  readonly depthScaling?: DepthScaling;
  readonly configs: { value: number; config: NetworkConfig }[];
}

/** The families of curves, in the order they run: width families, then depth families. */
export function transferFamilies(s: TrainingSettings): { width: FamilyPlan[]; depth: FamilyPlan[] } {
  const base = { act: s.act, d: s.data.d, sw2: s.sw2, eta: 1, seed: s.seed, net: 0 };
  const width = s.params.map((param) => ({
    id: param,
    label: PARAM_LABELS[param],
    configs: s.widths.map((n) => ({ value: n, config: { ...base, arch: 'mlp' as const, n, L: s.depth, exponents: presetExponents(param, s.optimizer) } })),
  }));
  const depthFamily = (id: string, label: string, depthScaling: DepthScaling): FamilyPlan => ({
    id,
    label,
    depthScaling,
    configs: s.depths.map((L) => ({ value: L, config: { ...base, arch: 'resnet' as const, n: s.width, L, exponents: presetExponents('mup', s.optimizer), depth: depthScaling } })),
  });
  const depth = [depthFamily('unscaled', 'unscaled ResNet (α = 0)', UNSCALED_DEPTH), depthFamily('depthmup', 'Depth-µP (α = ½)', depthMuP(s.optimizer))];
  return { width, depth };
}

function familyJson(f: FamilyPlan, r: SweepResult | undefined): TransferFamily {
  const grid = TRANSFER_LOG2_ETA;
  const curves = (r?.curves ?? []).map((c) => ({
    value: c.value,
    loss: c.loss.map(finiteOrNull),
    bestLog2Eta: finiteOrNull(c.bestLog2Eta),
    // refinedArgmin keeps an end point as it is (no parabola through a missing neighbour).
    atGridEdge: c.bestLog2Eta === grid[0] || c.bestLog2Eta === grid[grid.length - 1],
  }));
  return {
    id: f.id,
    label: f.label,
    ...(f.depthScaling ? { alpha: f.depthScaling.alpha, gamma: f.depthScaling.gamma } : {}),
    curves,
    drift: r ? finiteOrNull(r.drift) : null,
  };
}

/** The options of each family's lrSweep, in the order they run (width families, then depth families). */
export function transferSweepOptions(s: TrainingSettings): { plan: { width: FamilyPlan[]; depth: FamilyPlan[] }; options: SweepOptions[] } {
  const plan = transferFamilies(s);
  const options = [...plan.width, ...plan.depth].map((f) => ({ configs: f.configs, log2Eta: TRANSFER_LOG2_ETA, steps: s.steps, optimizer: s.optimizer, data: s.data, batch: s.batch }));
  return { plan, options };
}

/** Every family's sweep, one after the other; partial blocks after every curve. */
export function* transferViewSweep(s: TrainingSettings): Sweep<TransferBlock> {
  const { plan, options } = transferSweepOptions(s);
  const works = options.map(lrSweepWork);
  const total = works.reduce((a, b) => a + b, 0);
  const results: (SweepResult | undefined)[] = options.map(() => undefined);
  const block = (current?: { index: number; result: SweepResult }): TransferBlock => {
    const at = (i: number) => (current && current.index === i ? current.result : results[i]);
    return {
      setup: setupJson(s, true),
      log2Eta: [...TRANSFER_LOG2_ETA],
      width: { depth: s.depth, families: plan.width.map((f, i) => familyJson(f, at(i))) },
      depth: { width: s.width, families: plan.depth.map((f, i) => familyJson(f, at(plan.width.length + i))) },
    };
  };
  let before = 0;
  for (let i = 0; i < options.length; i++) {
    const sweep = lrSweepRun(options[i]);
    for (;;) {
      const r = sweep.next();
      if (r.done) {
        results[i] = r.value;
        break;
      }
      const done = before + r.value.done;
      const partial = r.value.partial;
      yield partial ? { done, total, partial: () => block({ index: i, result: partial() }) } : { done, total };
    }
    before += works[i];
  }
  return block();
}
