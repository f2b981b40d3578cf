/**
 * View "commute" (issue 5): do the width and depth limits commute? Three heatmaps of the distance
 * between the finite-network law and the width-first limit over (n, L) — MLP, ResNet with branch
 * L^{−1/2}, unscaled ResNet — filled cell by cell as the Worker streams them, with the three routes
 * to infinity; and the cross-section along the proportional route.
 */
import { useMemo } from 'react';
import type { CommuteBlock } from '../../src/experiments/commuteMap.ts';
import { Panel } from '../components/Panel.tsx';
import { heatmapsCsv, xyCsv } from '../plots/csv.ts';
import { PlotFrame } from '../components/PlotFrame.tsx';
import { drawHeatmaps } from '../plots/drawHeatmaps.ts';
import { drawXY } from '../plots/drawXY.ts';
import { useLab } from '../state/useLab.ts';
import { commuteHeatmaps, distanceTex, proportionalPlot } from './commuteData.ts';
import { lines } from './equations.ts';
import { formatCount } from './labels.ts';
import { useViewBlock } from './useResults.ts';

const ARCH_TEX =
  '\\text{MLP: } z^{\\ell+1} = \\tfrac{\\sigma_w}{\\sqrt n}W^{\\ell+1}\\varphi(z^{\\ell}),\\qquad \\text{ResNet: } Y^{\\ell} = Y^{\\ell-1} + L^{-\\alpha}\\tfrac{\\sigma_w}{\\sqrt n}W^{\\ell}\\varphi(Y^{\\ell-1}),\\ \\alpha \\in \\{\\tfrac12, 0\\}';

/** What the maps show, for each observable. */
const LOGQ_READING =
  'For the MLP the distance is constant along the diagonals — it depends on $L/n$, so the order of the limits matters; for the ResNet with branch $L^{-1/2}$ it is constant along each column — it depends on $n$ alone, and the limits commute (Hayou & Yang 2023); the unscaled ResNet behaves like the MLP, and its kernel grows with depth (geometrically for ReLU).';
const RHO_READING =
  'For the correlation the picture is muddied by the limits themselves: the ReLU MLP\'s $\\rho^{\\infty}_L$ tends to 1 with depth and the networks pile up against it, so deep cells look close to the limit for a degenerate reason. The log length (observable log q̂, as in the lesson) separates the three networks cleanly: constant along the diagonals for the MLP (the order of the limits matters), along the columns for the $L^{-1/2}$ ResNet (the limits commute, Hayou & Yang 2023).';

export function CommuteView() {
  const spec = useLab((s) => s.spec);
  const { block } = useViewBlock('commute');
  const maps = useMemo(() => commuteHeatmaps(spec, block), [spec, block]);
  const diagonal = useMemo(() => proportionalPlot(spec, block), [spec, block]);
  const total = maps.maps.length * maps.columns.length * maps.rows.length;
  const filled = maps.maps.reduce((a, m) => a + m.states.flat().filter((s) => s !== 'pending').length, 0);
  const obs = spec.obs === 'rho' ? 'the correlation $\\hat\\rho_L$ of two inputs' : 'the log squared length $\\log\\hat q_L$ of one input';
  return (
    <div className="panels">
      <Panel
        id="commute-map"
        wide
        title="Do the width and depth limits commute? Distance to the width-first limit over (n, L)"
        header={
          <p className="panel-note" data-testid="commute-filled" data-filled={filled} data-total={total}>
            {filled === total ? `All ${formatCount(total)} cells computed` : `${formatCount(filled)} of ${formatCount(total)} cells computed`} · M = {formatCount(spec.M)} networks per cell
          </p>
        }
        caption={`Each cell compares the law of ${obs} over M random networks of width $n$ and depth $L$ with the width-first limit at the same depth — the infinite-width recursion, a single number. The colour is that distance on one logarithmic scale shared by the three maps; hatched cells are not computed yet (the map fills from the cheapest cells), grey ones gave no finite value (every ReLU network of width 4 dead, or an unscaled ResNet overflowed). Three routes lead to the corner $n, L \\to \\infty$: width first (for the ResNet with $\\alpha = \\tfrac12$ the limit at $t = \\ell/L$ is then the covariance ODE), depth first (at fixed $n$ that ResNet is exactly the Euler scheme, step $1/L$, of the SDE $dY_t = \\sigma_w n^{-1/2}|\\varphi(Y_t)|\\,dB_t$, Hayou 2022) and proportional, $L = c\\,n$. ${spec.obs === 'logq' ? LOGQ_READING : RHO_READING}`}
        equation={lines(ARCH_TEX, distanceTex(spec.stat, spec.obs))}
      >
        <PlotFrame draw={drawHeatmaps} data={maps} csv={heatmapsCsv} testId="plot-commute-map" height="tall" />
      </Panel>
      <Panel
        id="commute-diagonal"
        title="Along the proportional route L = c·n"
        caption={`The cells on the diagonal of the maps, against the width $n$ with $L = c\\,n$ growing with it. A distance that falls like $n^{-1/2}$ (dotted guide) means the finite networks approach the width-first limit along this route too; a flat one means the proportional limit is a different object — for the MLP a random limit, which the shaped network of the "Shaped SDE" view makes precise.`}
        equation={'L = c\\,n,\\quad n \\to \\infty:\\qquad d(n, c\\,n) \\to 0 \\iff \\text{the limits commute along this route}'}
      >
        <PlotFrame draw={drawXY} data={diagonal} csv={xyCsv} testId="plot-commute-diagonal" />
      </Panel>
    </div>
  );
}
