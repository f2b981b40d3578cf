/**
 * Numerical faults (issue 20 §1): where a value of a result truly leaves the floating-point format
 * it is computed in (f64 on the CPU and in the theory, f32 on the GPU), the result says so — which
 * quantity, from which layer, and why — instead of drawing a drop to 0 or a silent gap. The list is
 * the optional `faults` block of the result document (README, "The command line"); it is absent
 * when empty, so results without faults (and their digests) are unchanged.
 */
import type { LimitBlock, TheoryBlock } from './result.ts';

/**
 * overflow: |x| > 1.8e308 (f64) or 3.4e38 (f32); underflow: a value that decays below the smallest
 * normal number (2.2e−308, f32: 1.2e−38) and is rounded to a subnormal or to 0; nan: an undefined
 * value with no overflow behind it; dead: every network has q̂ = 0 (ρ̂ undefined); empty: a
 * statistic over no samples (a view's distance when every network died).
 */
export type FaultCause = 'overflow' | 'underflow' | 'nan' | 'dead' | 'empty';

export interface Fault {
  /** The result block: 'theory', 'limit', 'mc' or a view's key ('sdeView', …). */
  readonly block: string;
  /** The quantity within it ('q11', 'rho', 'ntk12', …). */
  readonly quantity: string;
  /** The first layer where it happens (the block's own layer numbering; for 'limit', t = l/L). */
  readonly layer: number;
  readonly cause: FaultCause;
  /** One sentence for a person: what happened and what it means for the numbers after it. */
  readonly message: string;
}

/** The smallest positive normal f64 (below it a value has lost precision or become 0). */
export const F64_MIN_NORMAL = 2.2250738585072014e-308;
/** A value that falls from above this to exactly 0 in one layer ran out of range on the way (f64). */
const F64_TINY = 1e-290;
/** Above this a quantity next to a NaN overflowed an intermediate (F(a, c, b) of ∞ inputs is NaN). */
const F64_HUGE = 1e300;

/** A JSON array may hold null where the engine held ±∞ or NaN. */
type Values = ArrayLike<number | null>;

function num(v: number | null | undefined): number {
  return v === null || v === undefined ? NaN : v;
}

/** First index where a series leaves f64, and why; `overflowAt` marks indices where a sibling overflowed. */
export function firstFault(values: Values, overflowAt?: (i: number) => boolean): { index: number; cause: FaultCause } | undefined {
  for (let i = 0; i < values.length; i++) {
    const x = num(values[i]);
    const prev = i > 0 ? num(values[i - 1]) : NaN;
    if (x === Infinity || x === -Infinity) return { index: i, cause: 'overflow' };
    if (Number.isNaN(x)) return { index: i, cause: overflowAt?.(i) || Math.abs(prev) > F64_HUGE ? 'overflow' : 'nan' };
    if (x !== 0 && Math.abs(x) < F64_MIN_NORMAL) return { index: i, cause: 'underflow' };
    if (x === 0 && prev !== 0 && Math.abs(prev) < F64_TINY) return { index: i, cause: 'underflow' };
  }
  return undefined;
}

const NAMES: Record<string, string> = {
  q11: 'q₁₁', q12: 'q₁₂', q22: 'q₂₂', rho: 'ρ', ntk11: 'Θ₁₁', ntk12: 'Θ₁₂', ntk22: 'Θ₂₂',
};

export function faultMessage(what: string, where: string, cause: FaultCause, format = 'f64'): string {
  switch (cause) {
    case 'overflow':
      return `${what} overflows ${format} at ${where} (beyond ${format === 'f32' ? '3.4e38' : '1.8e308'}): not computed from there on`;
    case 'underflow':
      return `${what} underflows ${format} at ${where} (below ${format === 'f32' ? '1.2e−38' : '2.2e−308'}): from there on it is rounded towards 0`;
    case 'nan':
      return `${what} is undefined (NaN) from ${where} on`;
    case 'dead':
      return `every network is dead (q̂ = 0) from ${where} on: ρ̂ is undefined there`;
    case 'empty':
      return `${what}: no sample left at ${where} (every network died)`;
  }
}

/** Faults of the infinite-width profile: the first layer where each quantity leaves f64. */
export function theoryFaults(block: TheoryBlock): Fault[] {
  const keys = ['q11', 'q12', 'q22', 'rho', 'ntk11', 'ntk12', 'ntk22'] as const;
  const series = keys.map((k) => [k, block[k] as Values | undefined] as const).filter((e): e is readonly [(typeof keys)[number], Values] => e[1] !== undefined);
  const overflowAt = (i: number) => series.some(([, v]) => Math.abs(num(v[i])) === Infinity || (i > 0 && Math.abs(num(v[i - 1])) > F64_HUGE));
  const out: Fault[] = [];
  for (const [key, values] of series) {
    const f = firstFault(values, overflowAt);
    if (!f) continue;
    const layer = block.layers[f.index];
    out.push({ block: 'theory', quantity: key, layer, cause: f.cause, message: `limit ${faultMessage(NAMES[key], `layer ${layer}`, f.cause)}` });
  }
  return out;
}

/** Faults of the ResNet covariance ODE (layer = t, the ODE's time). */
export function limitFaults(block: LimitBlock): Fault[] {
  const keys = ['q11', 'q12', 'q22', 'rho'] as const;
  const overflowAt = (i: number) => keys.some((k) => Math.abs(num(block[k][i])) === Infinity);
  const out: Fault[] = [];
  for (const key of keys) {
    const f = firstFault(block[key], overflowAt);
    if (!f) continue;
    const t = block.t[f.index];
    out.push({ block: 'limit', quantity: key, layer: t, cause: f.cause, message: `ODE ${faultMessage(NAMES[key], `t = ${t}`, f.cause)}` });
  }
  return out;
}

/** The `faults` entry of a result: present only when there is something to say. */
export function faultsEntry(faults: readonly Fault[]): { faults?: Fault[] } {
  return faults.length > 0 ? { faults: [...faults] } : {};
}

/** The faults of one quantity of one block, first layer first (what a plot of it needs). */
export function faultsOf(faults: readonly Fault[] | undefined, block: string, quantity: string): Fault[] {
  return (faults ?? []).filter((f) => f.block === block && f.quantity === quantity).sort((a, b) => a.layer - b.layer);
}
