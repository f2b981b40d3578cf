/**
 * How long a run will take, before it starts, and how far it has got, counted in work (issue 14
 * §4). Work is the operation estimate of src/core/cost.ts (planSpec: the M networks of the depth
 * profile, then the view's own simulations, each weighted by its size — a width sweep's n = 1024
 * network counts 256 times an n = 4 one), not the number of cells or widths done.
 */
import type { Spec } from '../../src/core/spec.ts';
import { simulationOps } from '../../src/core/cost.ts';
import { estimateRun as estimateRunTime, planSpec } from '../../src/experiments/plan.ts';
import { viewRunner } from '../../src/experiments/viewRunners.ts';
import type { RunProgress } from './labStore.ts';

// Above this upper bound ("at most", the cost model's maxSeconds) a run asks before it starts.
export { ASK_ABOVE_SECONDS } from '../../src/experiments/plan.ts';

/** The backend the estimate assumes: the one that ran last when known, else the spec's (auto → cpu, the slower). */
export function assumedBackend(spec: Spec, lastBackend?: string): 'cpu' | 'webgpu' {
  if (spec.backend !== 'auto') return spec.backend;
  return lastBackend === 'webgpu' ? 'webgpu' : 'cpu';
}

export interface RunEstimate {
  readonly ops: number;
  /** Expected seconds ("about"). */
  readonly seconds: number;
  /** The upper bound the run does not exceed on the calibration's machine with a core to itself ("at most"). */
  readonly maxSeconds: number;
  readonly backend: 'cpu' | 'webgpu';
  /** The keys that set the cost, with their values: what to change to make it cheaper. */
  readonly drivers: readonly string[];
}

const SWEEP_KEYS: Partial<Record<Spec['view'], readonly (keyof Spec)[]>> = {
  width: ['nmin', 'nmax'],
  commute: ['nmin', 'nmax', 'Lmin', 'Lmax'],
  sde: ['nmin', 'nmax'],
  finite: ['nmin', 'nmax'],
  signature: ['nmin', 'nmax', 'Lmin', 'Lmax'],
};

export function estimateRun(spec: Spec, lastBackend?: string): RunEstimate {
  // Views priced by their own count (the training views: src/experiments/training/cost.ts) run on
  // the CPU whatever the backend; their keys set the cost.
  const own = viewRunner(spec.view);
  if (own?.cpuSeconds && own.applies?.(spec) === undefined) {
    const time = estimateRunTime(spec, 'cpu');
    const value = (k: string) => String((spec as unknown as Record<string, unknown>)[k]);
    return { ops: own.ops?.(spec) ?? 0, seconds: time.seconds, maxSeconds: time.maxSeconds, backend: 'cpu', drivers: (own.costKeys ?? []).map((k) => `${k} = ${value(k)}`) };
  }
  const backend = assumedBackend(spec, lastBackend);
  const { ops } = planSpec(spec);
  const keys: (keyof Spec)[] = ['M', 'n', 'L', ...(spec.k !== 2 ? (['k'] as const) : []), ...(spec.method !== 'gram' ? (['method'] as const) : []), ...(SWEEP_KEYS[spec.view] ?? [])];
  // Seconds from the calibrated cost model (issue 20 §2), the one the CLI and the Worker refuse by.
  const time = estimateRunTime(spec, backend);
  return { ops, seconds: time.seconds, maxSeconds: time.maxSeconds, backend, drivers: keys.map((k) => `${k} = ${String(spec[k])}`) };
}

/**
 * The fraction of the run's work done: the depth profile's networks count their operations, and
 * each unit of the view's phase (a width, a cell) its own simulation's; a phase without
 * simulations (the phase diagram's rows) counts its units.
 */
export function workDone(spec: Spec, progress: RunProgress): number {
  const sizes = planSpec(spec).sizes;
  const depth = spec.M > 0 && sizes.length > 0 ? simulationOps(sizes[0]) : 0;
  const view = sizes.slice(depth > 0 ? 1 : 0).map(simulationOps);
  const viewTotal = view.reduce((a, b) => a + b, 0);
  const total = depth + viewTotal;
  const part = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  if (!(total > 0)) return part;
  if (progress.phase === 'networks') return (depth * part) / total;
  // Units in the order of the plan when they match it one to one; else spread evenly.
  const viewDone = view.length === progress.total ? view.slice(0, progress.done).reduce((a, b) => a + b, 0) : viewTotal * part;
  return (depth + viewDone) / total;
}

/** Seconds left, from the time spent and the fraction of work done; undefined until it can be told. */
export function secondsLeft(elapsedMs: number, fraction: number): number | undefined {
  if (!(fraction >= 0.02) || !(elapsedMs >= 1000) || fraction >= 1) return undefined;
  return ((elapsedMs / 1000) * (1 - fraction)) / fraction;
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${Math.max(1, Math.round(s))} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** An upper bound, rounded up (never down: it stays a bound). */
export function formatAtMost(s: number): string {
  if (s < 60) return `${Math.max(1, Math.ceil(s))} s`;
  if (s < 3600) return `${Math.ceil(s / 60)} min`;
  return `${(Math.ceil(s / 360) / 10).toFixed(1)} h`;
}

/**
 * A lesson's time on the CPU as the cost model states it (expected, and the upper bound on a
 * machine with nothing else running), for the lessons menu and the gallery: the same figures the
 * page would ask with, not a hand-written guess.
 */
export function lessonCpuTime(query: string, decode: (q: string) => Spec): string {
  const e = estimateRunTime(decode(query), 'cpu');
  return `about ${formatSeconds(e.seconds)}, at most ${formatAtMost(e.maxSeconds)}`;
}
