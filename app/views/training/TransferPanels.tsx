/** Hyperparameter transfer on the page (issue 17 §4): loss against log₂ η per width (SP vs µP) and per depth (unscaled vs Depth-µP ResNets). */
import { useMemo } from 'react';
import type { TransferBlock, TransferFamily } from '../../../src/training/blocks.ts';
import { Panel } from '../../components/Panel.tsx';
import { PlotFrame } from '../../components/PlotFrame.tsx';
import { xyCsv } from '../../plots/csv.ts';
import { drawXY } from '../../plots/drawXY.ts';
import { driftPhrase, optimaPlot, transferPlot, type SweepAxis } from './transferData.ts';

const WIDTH_TEX = '\\eta^*(n) = \\arg\\min_\\eta \\bar\\ell_T(\\eta; n):\\quad \\eta^*_{\\mu P}(n) = \\Theta(1),\\qquad \\eta^*_{SP}(n) \\propto n^{-1}';
const DEPTH_TEX = 'Y^{l} = Y^{l-1} + L^{-\\alpha}\\, n^{-a}\\sigma_w W^{l}\\varphi(Y^{l-1}):\\quad \\text{Depth-µP } \\alpha = \\tfrac12,\\ \\text{unscaled } \\alpha = 0';

/** The families the spec will run, known before the first curve (ids and labels as the block will have them). */
export interface PlannedFamily {
  readonly id: string;
  readonly label: string;
  readonly axis: SweepAxis;
}

export interface TransferPanelsProps {
  readonly block?: TransferBlock;
  readonly planned: readonly PlannedFamily[];
  readonly steps: number;
  /** The widths and depths the spec will sweep (the optima plots' axes before the first curve). */
  readonly widths: readonly number[];
  readonly depths: readonly number[];
}

export function TransferPanels({ block, planned, steps, widths, depths }: TransferPanelsProps) {
  const families = useMemo(() => {
    const done: { family?: TransferFamily; plan: PlannedFamily }[] = planned.map((plan) => {
      const list = plan.axis === 'n' ? block?.width.families : block?.depth.families;
      return { plan, family: list?.find((f) => f.id === plan.id && f.curves.length > 0) };
    });
    return done;
  }, [block, planned]);
  const grid = block?.log2Eta ?? [];
  const plots = useMemo(() => families.map(({ plan, family }) => transferPlot(grid, family, plan.axis, steps)), [families, steps, grid]);
  const optimaN = useMemo(() => optimaPlot(grid, block?.width.families ?? [], 'n', widths), [block, widths]);
  const optimaL = useMemo(() => optimaPlot(grid, block?.depth.families ?? [], 'L', depths), [block, depths]);
  const ran = families.filter((f) => f.family);
  const summary = ran.length > 0 ? ` Here: ${ran.map((f) => driftPhrase(f.family!, f.plan.axis, grid)).join('; ')}.` : '';
  const widthDepth = block ? ` The width sweep trains MLPs with ${block.width.depth} hidden layers; the depth sweep ResNets of width ${block.depth.width} with µP in width.` : '';
  const optima = (axis: SweepAxis) => (
    <Panel
      key={`optima-${axis}`}
      id={`transfer-optima-${axis}`}
      title={axis === 'n' ? 'Where is the best learning rate, as the width grows?' : 'Where is the best learning rate, as the depth grows?'}
      caption={
        axis === 'n'
          ? `Each point is the loss-optimal η of one width (read off the curves below). A flat line means the learning rate tuned on a narrow net is still the best one on a wide net: it transfers.${summary}`
          : 'The same across depth, for ResNets: one point per depth, for the unscaled ResNet and for Depth-µP.'
      }
      equation={axis === 'n' ? WIDTH_TEX : DEPTH_TEX}
    >
      <PlotFrame draw={drawXY} data={axis === 'n' ? optimaN : optimaL} csv={xyCsv} testId={`plot-transfer-optima-${axis}`} />
    </Panel>
  );
  const curvesPanel = ({ plan }: { plan: PlannedFamily }, i: number) => (
    <Panel
      key={`${plan.axis}-${plan.id}`}
      id={`transfer-${plan.id}`}
      title={`${plan.label}: loss against the learning rate, one curve per ${plan.axis === 'n' ? 'width' : 'depth'}`}
      caption={
        i === 0
          ? `Each curve is one ${plan.axis === 'n' ? 'width' : 'depth'} trained for ${steps} steps at every learning rate of the grid; the loss is averaged over the second half of the run (the optimum of a short run sits at the edge of stability, where the last losses oscillate), diverged runs are gaps, and the black points mark each curve's loss-optimal η (a parabola through the best grid point and its neighbours). The theory: under µP the optimum stays put as the width grows (Yang et al. 2021, TP-V), under SP it moves like $1/n$; across depth Depth-µP (branches $L^{-1/2}$) keeps it and an unscaled ResNet does not (Yang et al. 2023, TP-VI; Bordelon et al. 2023).${widthDepth}`
          : `The same sweep for ${plan.label}: compare where the black points sit with the other panels'.`
      }
      equation={plan.axis === 'n' ? WIDTH_TEX : DEPTH_TEX}
    >
      <PlotFrame draw={drawXY} data={plots[i]} csv={xyCsv} testId={`plot-transfer-${plan.id}`} />
    </Panel>
  );
  const indexed = families.map((f, i) => ({ f, i }));
  return (
    <div className="panels">
      {optima('n')}
      {indexed.filter(({ f }) => f.plan.axis === 'n').map(({ f, i }) => curvesPanel(f, i))}
      {optima('L')}
      {indexed.filter(({ f }) => f.plan.axis === 'L').map(({ f, i }) => curvesPanel(f, i))}
    </div>
  );
}
