/** View "depth": ρ^ℓ and q^ℓ against the layer — the limit as a line, the Monte Carlo as points and bands. */
import { useMemo } from 'react';
import { Panel } from '../components/Panel.tsx';
import { xyCsv } from '../plots/csv.ts';
import { PlotFrame } from '../components/PlotFrame.tsx';
import { drawXY } from '../plots/drawXY.ts';
import { useLab } from '../state/useLab.ts';
import { alphaZeroGrowth, depthPlot, hasBranchExponent, qSpreadSentence, resnetText } from './depthData.ts';
import { pageArch } from '../archs/index.ts';
import { resolveSpec } from '../../src/archs/index.ts';
import { specActivation } from '../../src/core/activations.ts';
import { activationTex, kernelRecursionTex, RHO_TEX, varianceRecursionTex } from './equations.ts';
import { formatCount, networkSummary } from './labels.ts';
import { useCurrentRun, useTheory } from './useResults.ts';
import { GeometryPanels } from './GeometryPanels.tsx';

export function DepthView() {
  const spec = useLab((s) => s.spec);
  const theory = useTheory();
  const run = useCurrentRun();
  const mc = run?.result?.mc;
  const faults = run?.result?.faults;
  const rho = useMemo(() => depthPlot('rho', spec, theory, mc, faults), [spec, theory, mc, faults]);
  const q = useMemo(() => depthPlot('q11', spec, theory, mc, faults), [spec, theory, mc, faults]);
  // Statements about the plain chain z^{ℓ+1} = σw W φ(z^ℓ)/√n + σb b (the MLP): app/archs/<id> plainChain.
  const plain = pageArch(spec).plainChain;
  // Architectures with their own words (attention: tokens, no σw², no φ): app/archs/<id> ownWords.
  const own = pageArch(spec).ownWords?.(spec);
  const act = specActivation(spec);
  const heInit = plain && act.id === 'relu' && spec.sw2 === 2 && spec.sb2 === 0;
  const mcText = mc
    ? `Points are the median of the empirical correlation $\\hat\\rho^{\\ell}$ over M = ${formatCount(mc.M)} random networks (${own?.summary ?? networkSummary(spec)}); the dark band holds the middle half of the networks (p25–p75), the light band 90 % of them (p05–p95).`
    : 'The Monte Carlo points appear when the networks have been sampled.';
  // The ResNet's branch scaling and its two limits (Hayou 2022; Hayou & Yang 2023), α = 0 read off its curve.
  const branches = hasBranchExponent(spec);
  const resnet = branches ? resnetText(theory?.alphas) : '';
  // Linear nets with Haar-orthogonal square layers preserve inner products: only the first layer (d → n) is random.
  const orthogonal = resolveSpec(spec).weights.kind === 'orthogonal' && act.id === 'identity' && spec.sb2 === 0 && plain;
  const spreadText = orthogonal
    ? 'In this linear network with Haar-orthogonal weights every layer after the first preserves lengths and angles exactly, so the bands keep the width the first layer gave them (Gaussian weights: they widen with depth).'
    : 'As $n$ grows the bands shrink around the line; as $L$ grows at fixed $n$ they widen.';
  const logText = orthogonal
    ? 'with orthogonal weights only the first layer is random, so the spread of $\\log \\hat q^{\\ell}$ does not grow with depth (with Gaussian weights it grows like $\\sqrt{\\ell/n}$).'
    : 'at finite width $\\log \\hat q^{\\ell}$ is a sum of $L$ noisy terms, so its spread grows with $L/n$.';
  return (
    <div className="panels">
      <Panel
        id="depth-rho"
        title="Correlation of two inputs against depth"
        caption={own ? own.depthRho(mcText) : `The solid line is the infinite-width limit $\\rho^{\\ell}$ of the correlation between the pre-activations of two inputs $x_a, x_b$ with $\\rho_0 = ${spec.rho0}$, computed exactly in f64. ${mcText} ${spreadText}${resnet}`}
        equation={own ? own.equation : `${kernelRecursionTex(spec)},\\quad ${RHO_TEX},\\quad ${activationTex(spec)}`}
      >
        <PlotFrame draw={drawXY} data={rho} csv={xyCsv} testId="plot-depth-rho" />
      </Panel>
      <Panel
        id="depth-q"
        title="Variance of one input against depth"
        caption={own ? own.depthQ : `The same networks, now the squared length $q^{\\ell} = K^{\\ell}(x_a, x_a)$ of the pre-activations of $x_a$ ($q_1 = ${spec.q1}$). ${heInit ? 'For ReLU with $\\sigma_w^2 = 2$, $\\sigma_b^2 = 0$ (He initialisation) the limit stays constant' : `With $\\sigma_w^2 = ${spec.sw2}$, $\\sigma_b^2 = ${spec.sb2}$ the limit follows the length map below`}; ${logText}${qSpreadSentence(mc, theory?.block?.q11[theory.block.q11.length - 1])}${branches ? ` The thin curves are the limit at $\\alpha = 0, \\tfrac12, 1$: with unscaled branches ${alphaZeroGrowth(theory?.alphas) ?? 'the kernel grows with depth'}; the axis turns logarithmic when the curves span more than a factor 30.` : ''}`}
        equation={own ? own.equation : varianceRecursionTex(spec)}
      >
        <PlotFrame draw={drawXY} data={q} csv={xyCsv} testId="plot-depth-q" />
      </Panel>
      <GeometryPanels />
    </div>
  );
}
