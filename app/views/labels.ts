/** Axis and legend labels shared by the views (rich text for app/plots/richText.ts). */
import { pageArch } from '../archs/index.ts';
import type { Spec } from '../../src/core/spec.ts';

export type KernelStat = 'rho' | 'q11';

export const STAT_LABEL: Record<KernelStat, { limit: string; estimate: string; axis: string; name: string }> = {
  rho: { limit: 'ρ^{ℓ}', estimate: 'ρ̂^{ℓ}', axis: 'correlation ρ^{ℓ} of x_{a} and x_{b}', name: 'correlation' },
  q11: { limit: 'q^{ℓ}', estimate: 'q̂^{ℓ}', axis: 'variance q^{ℓ} = K^{ℓ}(x_{a}, x_{a})', name: 'variance' },
};

export const LAYER_AXIS = 'layer ℓ';
export const WIDTH_AXIS = 'width n (neurons per layer)';

/** Compact thousands: 10000 → "10 000" (thin space), readable on a projector. */
export function formatCount(v: number): string {
  return Math.round(v)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

export function formatValue(v: number | undefined, digits = 4): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  const s = a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(2) : Number(v.toPrecision(digits)).toString();
  return s.replace('-', '−');
}

export function networkSummary(spec: Spec): string {
  return `${spec.arch}, φ = ${pageArch(spec).activationName?.(spec) ?? spec.act}, n = ${formatCount(spec.n)}, L = ${formatCount(spec.L)}`;
}
