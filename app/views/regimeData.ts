/**
 * The fixed-width regime (view=regime): the engine's RegimeBlock as (1) E log(|φ(Y₁)|²/|φ(Y₀)|²)
 * against the width n with ±2 SE error bars, the zero line and the identity-activation reference
 * σw²(1 − 2/n); (2) sample paths of the same log-ratio against t = l/L at n = 3 and n = 4.
 */
import type { RegimeBlock } from '../../src/experiments/fixedWidth.ts';
import { OKABE_ITO, ROLE_COLOR } from '../plots/theme.ts';
import type { PlotNote, XYPlotData, XYSeries } from '../plots/types.ts';
import type { Spec } from '../../src/core/spec.ts';
import { formatCount } from './labels.ts';

export const LOG_RATIO = 'log(|φ(Y_{1})|^{2}/|φ(Y_{0})|^{2})';
/** The multiple of the standard error drawn as the error bar (about a 95 % interval). */
export const SE_MULTIPLE = 2;

/**
 * The sign of the mean at each width, as far as the data resolve it: −1 or +1 where the mean is more
 * than SE_MULTIPLE standard errors from 0, 0 where the noise could hide its sign.
 */
export function resolvedSigns(block: Pick<RegimeBlock, 'mean' | 'se'>): number[] {
  return block.mean.map((m, i) => (Number.isFinite(m) && Number.isFinite(block.se[i]) && Math.abs(m) > SE_MULTIPLE * block.se[i] ? Math.sign(m) : 0));
}

/**
 * Where the measured drift changes sign: the last width whose mean is resolved negative and the first
 * after it resolved positive (widths in between, if any, are within SE_MULTIPLE SE of 0); undefined
 * when the data resolve no change from − to +.
 */
export function signChange(block: Pick<RegimeBlock, 'n' | 'mean' | 'se'>): [number, number] | undefined {
  const sign = resolvedSigns(block);
  for (let i = 0; i < sign.length; i++) {
    if (sign[i] !== -1) continue;
    let j = i + 1;
    while (j < sign.length && sign[j] === 0) j++;
    if (j < sign.length && sign[j] === 1) return [block.n[i], block.n[j]];
  }
  return undefined;
}

/** The title of the drift panel, from the data: where the sign change is, or that the noise hides it. */
export function driftTitle(block: Pick<RegimeBlock, 'n' | 'mean' | 'se' | 'M'> | undefined): string {
  if (!block || block.n.length === 0) return 'Fixed width, infinite depth: the drift of log |φ(Y)|² against the width';
  const change = signChange(block);
  if (change) return `Fixed width, infinite depth: the drift changes sign between n = ${change[0]} and n = ${change[1]}`;
  const sign = resolvedSigns(block);
  if (sign.every((x) => x === 1)) return 'Fixed width, infinite depth: the drift is positive at every width shown';
  if (sign.every((x) => x === -1)) return 'Fixed width, infinite depth: the drift is negative at every width shown';
  return `Fixed width, infinite depth: with M = ${formatCount(block.M)} the noise hides where the drift changes sign`;
}

/** One sentence on the sign of the measured drift, naming the widths (for the caption). */
export function driftSentence(block: Pick<RegimeBlock, 'n' | 'mean' | 'se'>, activation: string): string {
  const sign = resolvedSigns(block);
  const widths = (s: number) => block.n.filter((_, i) => sign[i] === s);
  const list = (ns: number[]) => (ns.length === 1 ? `n = ${ns[0]}` : `n ∈ {${ns.join(', ')}}`);
  const parts: string[] = [];
  if (widths(-1).length > 0) parts.push(`negative at ${list(widths(-1))}`);
  if (widths(1).length > 0) parts.push(`positive at ${list(widths(1))}`);
  if (widths(0).length > 0) parts.push(`within ${SE_MULTIPLE} SE of zero at ${list(widths(0))}`);
  return `For ${activation} the measured mean is ${parts.join(', ')}.`;
}

export function driftPlot(block: RegimeBlock | undefined, widths: readonly number[]): XYPlotData {
  // The sign-change note (and the panel title, driftTitle) only where the data resolve it.
  const series: XYSeries[] = [{ kind: 'hrule', id: 'zero', label: 'zero: no drift', color: ROLE_COLOR.axis, y: 0, dash: '3 4' }];
  const notes: PlotNote[] = [];
  if (block && block.n.length > 0) {
    // The identity law is exact for σb² = 0 only; the engine leaves it out otherwise.
    if (block.identityMean.length === block.n.length) series.push({ kind: 'line', id: 'identity', label: 'identity φ: σ_{w}^{2}(1 − 2/n), exact', color: ROLE_COLOR.limit, dash: '8 5', x: block.n, y: block.identityMean });
    series.push({
      kind: 'errorbars',
      id: 'mean',
      label: `mean over M = ${formatCount(block.M)} networks, ±${SE_MULTIPLE} SE`,
      color: ROLE_COLOR.mc,
      x: block.n,
      y: block.mean,
      lo: block.mean.map((m, i) => m - SE_MULTIPLE * block.se[i]),
      hi: block.mean.map((m, i) => m + SE_MULTIPLE * block.se[i]),
    });
    const change = signChange(block);
    if (change) notes.push({ id: 'sign-change', text: `sign change between n = ${change[0]} and n = ${change[1]}`, corner: 'bottom-right' });
  }
  return {
    title: `mean log-ratio of |φ(Y)|² over the depth against the width n, with two-standard-error bars and a zero line${block && block.identityMean.length > 0 ? ', and the identity-activation reference' : ''}`,
    xLabel: 'width n (fixed while L → ∞)',
    yLabel: `E ${LOG_RATIO}`,
    xScale: 'log',
    yScale: 'linear',
    xTicks: widths,
    xDomain: widths.length > 0 ? [widths[0] / 1.2, widths[widths.length - 1] * 1.2] : undefined,
    series,
    notes,
    emptyText: 'waiting for the widths…',
  };
}

const PATH_COLOR = [OKABE_ITO.vermillion, OKABE_ITO.blue, OKABE_ITO.green, OKABE_ITO.purple];

export function pathsPlot(block: RegimeBlock | undefined): XYPlotData {
  const series: XYSeries[] = [{ kind: 'hrule', id: 'zero', label: 'zero', color: ROLE_COLOR.axis, y: 0, dash: '3 4' }];
  const paths = block?.paths;
  if (paths) {
    paths.byWidth.forEach((w, i) =>
      series.push({ kind: 'paths', id: `n-${w.n}`, label: `n = ${w.n}: ${w.logRatio.length} networks`, color: PATH_COLOR[i % PATH_COLOR.length], x: paths.t, ys: w.logRatio, opacity: 0.55, width: 1.6 }),
    );
  }
  return {
    title: 'sample paths of the log-ratio of |φ(Y_t)|² against t = l/L, for widths 3 and 4',
    xLabel: 't = ℓ/L (depth, as time of the SDE)',
    yLabel: 'log(|φ(Y_{t})|^{2}/|φ(Y_{0})|^{2})',
    xScale: 'linear',
    yScale: 'linear',
    xDomain: [0, 1],
    series,
    emptyText: 'waiting for the sample paths…',
  };
}

/** The drift panel's caption: what is drawn, and what the data say about the sign (driftSentence). */
export function driftCaption(spec: Pick<Spec, 'L' | 'M' | 'sw2' | 'sb2' | 'act'>, block: RegimeBlock | undefined): string {
  const parts = [
    `At fixed width $n$ the ResNet with branch scale $L^{-1/2}$ is exactly the Euler scheme, step $1/L$, of the SDE below, so $L = ${formatCount(spec.L)}$ samples the depth-first limit. Points: the mean of $\\log(|\\varphi(Y_1)|^2/|\\varphi(Y_0)|^2)$ over M = ${formatCount(spec.M)} networks at each width ($\\sigma_w^2 = ${spec.sw2}$, $\\sigma_b^2 = ${spec.sb2}$), with bars of ±${SE_MULTIPLE} standard errors (about 95 %).`,
  ];
  if (block && block.n.length > 0) {
    parts.push(driftSentence(block, spec.act));
    parts.push(
      'Where the sign changes depends on $\\sigma_w^2$ (the horizon of the SDE is $\\sigma_w^2 t$, and the drift $\\sigma_w^2(|A_t| - 2)/n$ follows the law of the active set $A_t$): for ReLU at $\\sigma_w^2 = 1$ it lies between $n = 3$ and $n = 4$ (Hayou 2022), at larger $\\sigma_w^2$ it moves up. The drift is small next to the noise $2\\sigma_w/\\sqrt n$: a typical network\u2019s norm barely moves by $t = 1$, and only the mean over many networks shows its sign.',
    );
    if (block.identityMean.length > 0) parts.push('The dashed line is the exact mean for the identity activation, $\\sigma_w^2(1 - 2/n)$ (with $\\sigma_b^2 = 0$), which changes sign at $n = 2$.');
    else parts.push('The identity-activation law is not drawn: it holds for $\\sigma_b^2 = 0$ only (the bias adds $\\sigma_b\\,dB\u2032$ to $dY$ and the log-norm is no longer Gaussian).');
    if (block.alive.length > 0 && block.alive[0] < 1) parts.push(`Networks with $\\varphi(Y) = 0$ at either end are left out (${Math.round(100 * (1 - block.alive[0]))} % at n = ${block.n[0]}).`);
  }
  return parts.join(' ');
}
