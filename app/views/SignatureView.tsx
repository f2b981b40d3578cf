/**
 * View "signature" (issue 16): controlled ResNets driven by paths (Muça Cirone, Lemercier & Salvi
 * 2023) against their limits — the paths, the kernel of two paths as n and as L grow (with and
 * without weight sharing), and the Gram matrix over every path.
 */
import { useMemo } from 'react';
import { archForView, archOf } from '../../src/archs/index.ts';
import { Panel } from '../components/Panel.tsx';
import { PlotFrame } from '../components/PlotFrame.tsx';
import { Unavailable } from '../components/Unavailable.tsx';
import { heatmapsCsv, xyCsv } from '../plots/csv.ts';
import { drawHeatmaps } from '../plots/drawHeatmaps.ts';
import { drawXY } from '../plots/drawXY.ts';
import { useLab } from '../state/useLab.ts';
import { formatCount, formatValue } from './labels.ts';
import { depthSweepPlot, gramPlot, pathsPlot, widthSweepPlot } from './signatureData.ts';
import { useViewBlock } from './useResults.ts';

const PDE_TEX = 'K(s,t) = \\sigma_0^2 + \\int_0^s\\!\\!\\int_0^t \\big(\\sigma_A^2 V_\\varphi(K^{xx}(\\sigma,\\sigma), K(\\sigma,\\tau), K^{yy}(\\tau,\\tau)) + \\sigma_b^2\\big)\\langle dx_\\sigma, dy_\\tau\\rangle';
const ODE_TEX = '\\kappa(t) = \\sigma_0^2 + \\int_0^t \\big(\\sigma_A^2 V_\\varphi(\\kappa^{xx}, \\kappa, \\kappa^{yy}) + \\sigma_b^2\\big)\\langle \\dot x_\\tau, \\dot y_\\tau\\rangle\\,d\\tau';
const NET_TEX = 'S_{i+1} = S_i + \\sum_{k=1}^d \\big(A_k^{(i)}\\varphi(S_i) + b_k^{(i)}\\big)\\Delta x_i^k,\\quad \\hat K(x, y) = \\tfrac1n S_L(x)\\cdot S_L(y)';

export function SignatureView() {
  const spec = useLab((s) => s.spec);
  const { block, unavailable } = useViewBlock('signatureView');
  const paths = useMemo(() => pathsPlot(block), [block]);
  const width = useMemo(() => widthSweepPlot(block, spec.share), [block, spec.share]);
  const depth = useMemo(() => depthSweepPlot(block), [block]);
  const gram = useMemo(() => gramPlot(block, spec.share), [block, spec.share]);
  const owner = archForView('signature')!;
  if (!archOf(spec).views.includes('signature') || unavailable) {
    return <Unavailable reason={unavailable ?? `the signature view shows the ${owner.label}: choose arch=${owner.id}`} fix={{ key: 'arch', value: owner.id, label: `Use the ${owner.label}` }} />;
  }
  const M = formatCount(spec.M);
  const limits = block
    ? ` Here the PDE gives $K = ${formatValue(block.limits.pde, 5)}$ (error estimate ${formatValue(block.limits.pdeError, 2)}) and the ODE $\\kappa = ${formatValue(block.limits.ode, 5)}$ (${formatValue(block.limits.odeError, 2)}).`
    : '';
  return (
    <div className="panels">
      <Panel
        id="signature-paths"
        title="The input paths"
        caption={`The ${spec.k} inputs are piecewise-linear paths in $\\mathbb R^{${spec.pdim}}$ (key paths), drawn through their knots${spec.pdim === 1 ? ' against time' : ' in their first two channels'}. A controlled ResNet reads each path through its increments $\\Delta x_i$ on the partition $t_i = i/L$.`}
        equation={NET_TEX}
      >
        <PlotFrame draw={drawXY} data={paths} csv={xyCsv} testId="plot-signature-paths" />
      </Panel>
      <Panel
        id="signature-width"
        title={`Kernel of paths 1 and 2 against the width, at depth L = ${spec.L}`}
        caption={`Mean and spread of the empirical kernel over M = ${M} networks per width (${spec.share ? 'weights shared across steps' : 'fresh weights every step'}, coupled: the width-n network is the top-left block of the width-2n one). The dotted line is the width-∞ kernel at this depth, computed exactly in f64; the bands shrink around it like $n^{-1/2}$. The solid line is the limit $L \\to \\infty$ after $n \\to \\infty$: ${spec.share ? 'the neural signature kernel PDE' : 'the inhomogeneous kernel ODE'}; the gap between the two lines is the depth discretisation, $O(1/L)$.${limits}`}
        equation={spec.share ? PDE_TEX : ODE_TEX}
      >
        <PlotFrame draw={drawXY} data={width} csv={xyCsv} testId="plot-signature-width" />
      </Panel>
      <Panel
        id="signature-depth"
        title={`With and without weight sharing, against the depth, at width n = ${formatCount(spec.n)}`}
        caption={`The same kernel over M = ${M} networks per depth, with weights shared across the steps (orange-red) and fresh at every step (purple, variance scaled by $1/\\Delta t$). Each tends, as $L$ grows, to its own width-∞ kernel (dotted) and then to its own limit: the PDE for shared weights, the ODE for fresh ones — different kernels, because sharing correlates every pair of steps $(s, t)$ while fresh weights correlate only equal times. At finite width the shared networks converge one by one to a neural CDE with fixed Gaussian vector fields; the unshared ones only in law, to a CDE driven by a matrix Brownian motion.`}
        equation={`${PDE_TEX},\\qquad ${ODE_TEX}`}
      >
        <PlotFrame draw={drawXY} data={depth} csv={xyCsv} testId="plot-signature-depth" />
      </Panel>
      <Panel
        id="signature-gram"
        title="Gram matrix over the paths"
        caption={`$K(x_a, x_b)$ for every pair of paths: the limit (${spec.share ? 'PDE' : 'ODE'}), the width-∞ kernel at depth L = ${spec.L}, and the mean over the M = ${M} networks at n = ${formatCount(spec.n)}${block && !block.width.n.includes(spec.n) ? ' (an extra batch: n is outside nmin … nmax)' : ''}. One logarithmic colour scale; entries ≤ 0 are grey.`}
        equation={'G_{ab} = K(x_a, x_b)(1, 1),\\quad a, b = 1, \\dots, k'}
      >
        <PlotFrame draw={drawHeatmaps} data={gram} csv={heatmapsCsv} testId="plot-signature-gram" />
      </Panel>
    </div>
  );
}
