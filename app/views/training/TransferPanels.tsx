/** Hyperparameter transfer on the page (issue 17 §4): loss against log₂ η per width (SP vs µP) and per depth (unscaled vs Depth-µP). */
import { useMemo } from 'react';
import type { SweepResult } from '../../../src/training/lrTransfer.ts';
import { Panel } from '../../components/Panel.tsx';
import { PlotFrame } from '../../components/PlotFrame.tsx';
import { xyCsv } from '../../plots/csv.ts';
import { drawXY } from '../../plots/drawXY.ts';
import { driftPhrase, transferPlot, type SweepAxis } from './transferData.ts';

const TRANSFER_TEX = '\\eta^*(n) = \\arg\\min_\\eta \\bar\\ell_T(\\eta; n):\\quad \\eta^*_{\\mu P}(n) = \\Theta(1),\\qquad \\eta^*_{SP}(n) \\propto n^{-1}';
const DEPTH_TEX = 'Y^{l} = Y^{l-1} + L^{-\\alpha}\\, n^{-a}\\sigma_w W^{l}\\varphi(Y^{l-1}):\\quad \\text{Depth-µP } \\alpha = \\tfrac12,\\ \\text{unscaled } \\alpha = 0';

/** One family of curves: its name ('SP', 'µP', 'Depth-µP', 'unscaled ResNet'), what varies, and its sweep. */
export interface TransferFamily {
  readonly id: string;
  readonly name: string;
  readonly axis: SweepAxis;
  readonly sweep?: SweepResult;
}

export interface TransferPanelsProps {
  readonly families: readonly TransferFamily[];
  readonly steps: number;
  readonly average?: number;
}

export function TransferPanels({ families, steps, average }: TransferPanelsProps) {
  const plots = useMemo(() => families.map((f) => transferPlot(f.sweep, f.name, f.axis, steps, average)), [families, steps, average]);
  const done = families.filter((f) => f.sweep);
  const summary = done.length > 0 ? ` Here: ${done.map((f) => driftPhrase(f.name, f.axis, f.sweep!)).join('; ')}.` : '';
  return (
    <div className="panels">
      {families.map((f, i) => (
        <Panel
          key={f.id}
          id={`transfer-${f.id}`}
          title={`${f.name}: loss against the learning rate, one curve per ${f.axis === 'n' ? 'width' : 'depth'}`}
          caption={
            i === 0
              ? `Each curve is one ${f.axis === 'n' ? 'width' : 'depth'} trained for ${steps} full-batch steps at every learning rate of the grid; the loss is averaged over the second half of the run (the optimum of a short run sits at the edge of stability, where the last losses oscillate), diverged runs are gaps, and the black points mark each curve's loss-optimal η (refined by a parabola through the best grid point). Under µP the optimum stays put as the width grows (Yang et al. 2021, TP-V); under SP it moves like $1/n$. Across depth, Depth-µP (branches $L^{-1/2}$) keeps it and an unscaled ResNet does not (Yang et al. 2023, TP-VI; Bordelon et al. 2023).${summary}`
              : `The same sweep for ${f.name}: compare where the black points sit with the first panel's.`
          }
          equation={f.axis === 'n' ? TRANSFER_TEX : DEPTH_TEX}
        >
          <PlotFrame draw={drawXY} data={plots[i]} csv={xyCsv} testId={`plot-transfer-${f.id}`} />
        </Panel>
      ))}
    </div>
  );
}
