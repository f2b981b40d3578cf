/**
 * What a training view costs before it runs (issue 17 §2; the lab's cost model, experiments/plan.ts):
 * its multiply–adds, counted by the same functions that give the sweeps their progress totals, and
 * the seconds they take on the CPU. The training engine is plain JavaScript in f64 on the CPU,
 * whatever the backend (the WebGPU trainer is not wired to the views).
 */
import type { Spec, SpecIssue } from '../../core/spec.ts';
import { formatNumber } from '../../core/params.ts';
import { coordCheckWork } from '../../training/coordCheck.ts';
import { lrSweepWork } from '../../training/lrTransfer.ts';
import { movementWork } from '../../training/movement.ts';
import { ntkAtInitWork } from '../../training/ntkAtInit.ts';
import { ntkRegimeWork } from '../../training/ntkRegime.ts';
import type { TrainingViewId } from '../../training/spec.ts';
import { coordOptions } from './coordView.ts';
import { movementOptions } from './movementView.ts';
import { ntkInitOptions } from './ntkInitView.ts';
import { ntkRegimeOptions } from './ntkRegimeView.ts';
import { trainingSettings } from './settings.ts';
import { transferSweepOptions } from './transferView.ts';

/** Multiply–adds of a training view on a spec (0 for a spec the view does not apply to). */
export function trainingWork(spec: Spec, view: TrainingViewId): number {
  const s = trainingSettings(spec, view);
  switch (view) {
    case 'coord':
      return coordCheckWork(coordOptions(s));
    case 'movement':
      return movementWork(movementOptions(s));
    case 'ntkreg':
      return ntkRegimeWork(ntkRegimeOptions(s));
    case 'transfer':
      return transferSweepOptions(s).options.reduce((sum, o) => sum + lrSweepWork(o), 0);
    case 'ntkinit':
      return ntkAtInitWork(ntkInitOptions(s, spec.M));
  }
}

/**
 * Seconds per multiply–add of the training engine on the CPU (weight draws counted as
 * training/work.ts DRAW_MADDS each), and a fixed cost per run (the datasets, the analytic kernels,
 * the first compile of the loops). Fitted with bench/trainingViews.ts on CPU time (2 × AMD EPYC,
 * Node 20, 2026-12-07 11:04–11:10 UTC at load average 12–22): the views' defaults and four larger
 * links gave 1.86–2.95 ns per counted multiply–add (the transfer view 2.66: a fresh network and
 * optimiser per (curve, η); ntkinit 2.4–2.95: one input, memory-bound). 2.3 ns is their middle.
 * Re-measured on the quiet machine (12:36 UTC, load 1.5, two runs): 1.61–3.05 ns (transfer 2.72–3.05,
 * coord at n = 1024 1.61). The upper bound multiplies by worstRatio = 3.05/2.3 ≈ 1.33, rounded up to
 * 1.35 (this count's own spread, not the simulation grid's), and the headroom (1.5).
 */
export const TRAINING_CPU = { secondsPerMadd: 2.3e-9, run: 0.05, worstRatio: 1.35 } as const;

export function trainingSeconds(work: number): number {
  return TRAINING_CPU.run + work * TRAINING_CPU.secondsPerMadd;
}

/**
 * Bytes one network holds while it trains (f64): its weights and gradients, Adam's two moments,
 * the movement view's copy of W(0) and its ΔW, and the activations of a batch (pre- and
 * post-activations of every hidden layer, two backward buffers).
 */
export function networkBytes(n: number, hidden: number, d: number, B: number, o: { adam: boolean; movement: boolean }): number {
  const params = d * n + (hidden - 1) * n * n + n;
  const copies = 2 + (o.adam ? 2 : 0) + (o.movement ? 2 : 0);
  return 8 * (params * copies + B * n * (2 * hidden + 2));
}

/** The largest network a training view holds at once (one at a time), with the key that sets its size. */
export function trainingBytes(spec: Spec, view: TrainingViewId): { bytes: number; key: 'nmax' | 'twidth'; n: number; hidden: number } {
  const s = trainingSettings(spec, view);
  const o = { adam: s.optimizer === 'adam' && view !== 'ntkinit', movement: view === 'movement' };
  const B = view === 'ntkinit' ? 1 : (s.batch ?? s.data.N);
  const nmax = s.widths[s.widths.length - 1] ?? spec.nmin;
  const byWidth = { bytes: networkBytes(nmax, s.depth, s.data.d, B, o), key: 'nmax' as const, n: nmax, hidden: s.depth };
  if (view !== 'transfer' && view !== 'ntkinit') return byWidth;
  const Lmax = s.depths[s.depths.length - 1] ?? spec.Lmin;
  // A ResNet of L blocks has L + 1 width-n matrices besides the readout.
  const hidden = view === 'transfer' ? Lmax + 1 : Lmax;
  const byDepth = { bytes: networkBytes(s.width, hidden, s.data.d, B, o), key: 'twidth' as const, n: s.width, hidden };
  return byDepth.bytes > byWidth.bytes ? byDepth : byWidth;
}

/** A refusal when the largest network would not fit the memory budget. */
export function trainingMemoryIssue(spec: Spec, view: TrainingViewId, budget: number): SpecIssue | undefined {
  const m = trainingBytes(spec, view);
  if (m.bytes <= budget) return undefined;
  const value = formatNumber(spec[m.key]);
  return {
    key: m.key,
    value,
    message: `${m.key}=${value}: the largest network of view=${view} (width ${m.n}, ${m.hidden} width-n layers) would hold ${(m.bytes / 2 ** 20).toFixed(0)} MiB of weights, gradients and optimiser state, over the ${budget / 2 ** 20} MiB limit; reduce ${m.key === 'nmax' ? 'nmax or tdepth' : 'twidth or Lmax'}`,
  };
}
