/**
 * Messages between the page and the Monte Carlo Worker. Every message carries the run id; the page
 * ignores messages of runs it no longer wants (a restarted run never mixes with the next one).
 *
 *   page → worker   { type: 'run', id, spec }        start (aborting any run in progress)
 *                   { type: 'cancel', id }           abort (the page also terminates the Worker)
 *   worker → page   { type: 'backend', id, info }     the backend chosen for this run
 *                   { type: 'partial', id, … }       the result document so far (runSpecStreaming),
 *                                                    view blocks included, with progress
 *                   { type: 'done', id, …, digest }  the final result and its digest
 *                   { type: 'refused', id, issues }  too big for this backend (costIssues)
 *                   { type: 'cancelled', id } | { type: 'error', id, message }
 */
import type { BackendInfo } from '../../src/backends/types.ts';
import type { Spec, SpecIssue } from '../../src/core/spec.ts';
import type { LayerSamples } from '../../src/experiments/mcAccumulator.ts';
import type { LabResult } from '../../src/experiments/result.ts';
import type { RunProgress } from '../state/labStore.ts';

export type ToWorker = { readonly type: 'run'; readonly id: number; readonly spec: Spec } | { readonly type: 'cancel'; readonly id: number };

export interface RunPayload {
  readonly result: LabResult;
  readonly samples?: LayerSamples;
}

export type FromWorker =
  | { readonly type: 'backend'; readonly id: number; readonly info: BackendInfo }
  | ({ readonly type: 'partial'; readonly id: number; readonly progress: RunProgress } & RunPayload)
  | ({ readonly type: 'done'; readonly id: number; readonly digest: string; readonly progress: RunProgress } & RunPayload)
  | { readonly type: 'refused'; readonly id: number; readonly issues: readonly SpecIssue[] }
  | { readonly type: 'cancelled'; readonly id: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
