/**
 * One entry point from a validated spec to the result document (DESIGN.md §6), dispatching on
 * `view`: the depth-profile result (theory, limits, and the Monte Carlo when the view draws its
 * networks: depth, hist, sde) plus the view's own block. The CLI
 * prints it, the page's Worker streams it, e2e compares the two.
 */
import type { SimBackend } from '../backends/types.ts';
import type { Spec } from '../core/spec.ts';
import type { LayerSamples } from './mcAccumulator.ts';
import type { Progress } from './monteCarlo.ts';
import { faultsEntry, type Fault } from './faults.ts';
import type { LabResult } from './result.ts';
import { resultDigest } from './digest.ts';
import { runLab } from './runLab.ts';
import { estimateRun } from './plan.ts';
import { roundUpSeconds } from '../core/cost.ts';
import { samplesDepthNetworks, viewRunner } from './viewRunners.ts';
import { geometryBlocks } from '../geometry/geometryBlocks.ts';

export interface PhasedProgress extends Progress {
  /** 'networks' for the depth-profile Monte Carlo, then the view's own unit ('widths', 'cells', …). */
  readonly phase: string;
}

export interface SpecRunOutput {
  readonly result: LabResult;
  /** Per-network samples at one layer (histograms; not part of the CLI JSON). */
  readonly samples?: LayerSamples;
}

export interface SpecRunOptions {
  readonly backend: SimBackend;
  readonly signal?: AbortSignal;
  readonly onPartial?: (partial: SpecRunOutput, progress: PhasedProgress) => void;
  readonly partialEveryMs?: number;
  readonly chunkNetworks?: number;
  readonly samplesLayer?: number;
}

/** The finished result with its digest (the CLI prints it, the page exports it). */
function finished(out: SpecRunOutput): SpecRunOutput {
  return { ...out, result: { ...out.result, digest: resultDigest(out.result) } };
}

/** With an input curve (curve=circle:k, issue 18), the geometry and jacobian blocks join the result. */
async function withGeometry(spec: Spec, out: SpecRunOutput, signal?: AbortSignal, backend?: SimBackend): Promise<SpecRunOutput> {
  const blocks = await geometryBlocks(spec, signal, backend);
  if (!blocks) return out;
  if (!('faults' in blocks)) return { ...out, result: { ...out.result, ...blocks } };
  const { faults, ...rest } = blocks;
  return { ...out, result: withViewFaults({ ...out.result, ...rest }, 'geometry', { faults }) };
}

export async function runSpecStreaming(spec: Spec, options: SpecRunOptions): Promise<SpecRunOutput> {
  // The expected time and its upper bound go into the result (backend.estimatedSeconds,
  // estimatedMaxSeconds), next to what ran.
  // Without the CLI's thread start-up (the refusal counts it): a merge of shards prints the same bytes.
  const estimate = estimateRun(spec, options.backend.info);
  const estimatedSeconds = Number(estimate.seconds.toPrecision(3));
  const estimatedMaxSeconds = Number(roundUpSeconds(estimate.maxSeconds).toPrecision(2));
  const withEstimate = (out: SpecRunOutput): SpecRunOutput => ({ ...out, result: { ...out.result, backend: { ...out.result.backend, estimatedSeconds, estimatedMaxSeconds } } });
  const onPartial = options.onPartial && ((partial: SpecRunOutput, progress: PhasedProgress) => options.onPartial!(withEstimate(partial), progress));
  return finished(withEstimate(await withGeometry(spec, await runSpecParts(spec, { ...options, onPartial }), options.signal, options.backend)));
}

async function runSpecParts(spec: Spec, options: SpecRunOptions): Promise<SpecRunOutput> {
  const lab = await runLab(spec, {
    networks: samplesDepthNetworks(spec),
    backend: options.backend,
    signal: options.signal,
    chunkNetworks: options.chunkNetworks,
    partialEveryMs: options.partialEveryMs,
    samplesLayer: options.samplesLayer,
    onPartial: options.onPartial ? (p, progress) => options.onPartial!(p, { ...progress, phase: 'networks' }) : undefined,
  });
  const runner = viewRunner(spec.view);
  if (!runner || (spec.M === 0 && runner.simulates !== false)) return lab;
  const why = runner.applies?.(spec);
  if (why !== undefined) return { ...lab, result: { ...lab.result, [runner.key]: { unavailable: why } } };
  const block = await runner.run(spec, {
    backend: options.backend,
    signal: options.signal,
    onPartial: options.onPartial
      ? (partial, progress) => options.onPartial!({ ...lab, result: { ...lab.result, [runner.key]: partial } }, { ...progress, phase: runner.phase })
      : undefined,
  });
  return { ...lab, result: withViewFaults({ ...lab.result, [runner.key]: block }, runner.key, block) };
}

/** A view block may report its own faults (e.g. the SDE view when every network died): they join the result's list. */
function withViewFaults(result: LabResult, key: string, block: unknown): LabResult {
  const own = (block as { faults?: readonly Omit<Fault, 'block'>[] } | undefined)?.faults;
  if (!own || own.length === 0) return result;
  return { ...result, ...faultsEntry([...(result.faults ?? []), ...own.map((f) => ({ block: key, ...f }))]) };
}

export async function runSpec(spec: Spec, options: SpecRunOptions): Promise<LabResult> {
  return (await runSpecStreaming(spec, options)).result;
}
