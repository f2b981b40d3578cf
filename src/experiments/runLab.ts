/**
 * spec → LabResult (the CLI JSON of DESIGN.md §6). The page's Worker, the CLI and the tests all
 * call this one function; views add their own blocks through `viewBlocks`.
 */
import type { SimBackend } from '../backends/types.ts';
import type { Spec } from '../core/spec.ts';
import { archOf } from '../archs/index.ts';
import { theoryBlock } from '../archs/theory.ts';
import { VERSION } from '../version.ts';
import { faultsEntry, limitFaults, theoryFaults } from './faults.ts';
import type { LayerSamples } from './mcAccumulator.ts';
import { recordedLayers, runNetworks, type Progress } from './monteCarlo.ts';
import type { LabResult, LimitBlock } from './result.ts';

export interface LabRunOptions {
  readonly backend: SimBackend;
  readonly signal?: AbortSignal;
  /** Partial results while the Monte Carlo runs (theory and limits are complete from the start). */
  readonly onPartial?: (partial: LabRunOutput, progress: Progress) => void;
  readonly chunkNetworks?: number;
  /** Minimum time between partial results (default 150 ms; 0: after every chunk). */
  readonly partialEveryMs?: number;
  /** Layer whose per-network samples to return (for histograms); defaults to spec.layer or L. */
  readonly samplesLayer?: number;
  /** False: theory and limits only, no Monte Carlo (views that draw no depth-profile networks). */
  readonly networks?: boolean;
}

export interface LabRunOutput {
  readonly result: LabResult;
  /** Per-network samples at one layer (not part of the CLI JSON). */
  readonly samples?: LayerSamples;
}

export { ODE_STEPS } from '../archs/resnet/odeLimit.ts';

/**
 * The depth limit of the spec's architecture (infinite width, then infinite depth: the ResNet
 * covariance ODE on t = j/256 at α = 1/2), memoised by the module; undefined where there is none.
 */
export function odeLimit(spec: Spec, precision: 'exact' | 'fast' = 'exact'): LimitBlock | undefined {
  return archOf(spec).limits.depth?.(spec, precision);
}

export async function runLab(spec: Spec, options: LabRunOptions): Promise<LabRunOutput> {
  const theory = theoryBlock(spec);
  const limit = odeLimit(spec);
  // The proportional limit (T = L/n) where the architecture has one: for the shaped MLP the law of
  // ρ_T from the Fokker–Planck equation.
  const sde = archOf(spec).limits.proportional?.(spec);
  // Paths as inputs (controlled ResNets): the limit kernel at t = 1 with its grid and error estimate.
  const signature = archOf(spec).limits.signature?.(spec);
  const exactFaults = [...theoryFaults(theory), ...(limit ? limitFaults(limit) : [])];
  const base = {
    version: VERSION,
    spec,
    backend: { name: options.backend.info.name, adapter: options.backend.info.adapter } as LabResult['backend'],
    theory,
    ...(limit ? { limit } : {}),
    ...(sde ? { sde } : {}),
    ...(signature ? { signature } : {}),
  };
  if (spec.M === 0 || options.networks === false) return { result: { ...base, ...faultsEntry(exactFaults) } };

  const layers = recordedLayers(spec.arch, spec.L);
  const wanted = options.samplesLayer ?? (spec.layer === 0 ? spec.L : spec.layer);
  const samplesIndex = nearestIndex(layers, wanted);
  const { acc, backend, networks } = await runNetworks(spec, layers, {
    backend: options.backend,
    signal: options.signal,
    chunkNetworks: options.chunkNetworks,
    partialEveryMs: options.partialEveryMs,
    onChunk: options.onPartial
      ? (a, progress, info) =>
          options.onPartial!(
            { result: { ...base, backend: backendJson(info), mc: a.summary(), ...faultsEntry([...exactFaults, ...a.faults()]) }, samples: a.samples(samplesIndex) },
            progress,
          )
      : undefined,
  });
  return {
    result: {
      ...base,
      // Networks per backend that ran them, when not all ran on the backend named (a device loss
      // moved the rest to the CPU): a plain run's document stays as it was, and a merge of shards
      // (which replays blocks) prints the unsharded run's bytes.
      backend: splitRun(networks, backend.name) ? { ...backendJson(backend), networks } : backendJson(backend),
      mc: acc.summary(),
      ...faultsEntry([...exactFaults, ...acc.faults()]),
    },
    samples: acc.samples(samplesIndex),
  };
}

function splitRun(networks: Readonly<Partial<Record<string, number>>>, name: string): boolean {
  const names = Object.keys(networks);
  return names.length > 1 || (names.length === 1 && names[0] !== name);
}

function backendJson(info: { name: string; adapter: string; note?: string }): LabResult['backend'] {
  return info.note ? { name: info.name, adapter: info.adapter, note: info.note } : { name: info.name, adapter: info.adapter };
}

export function nearestIndex(layers: readonly number[], layer: number): number {
  let best = 0;
  for (let i = 1; i < layers.length; i++) if (Math.abs(layers[i] - layer) < Math.abs(layers[best] - layer)) best = i;
  return best;
}
