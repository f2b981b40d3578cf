/// <reference lib="webworker" />
/**
 * The Monte Carlo Worker: runs runLab (and the width sweep for view=width) off the main thread,
 * streaming partial summaries. A new 'run' aborts the one in progress (restart, never queue).
 */
import { AbortError } from '../../src/backends/types.ts';
import type { Spec } from '../../src/core/spec.ts';
import { digestJson, resultDigest } from '../../src/experiments/digest.ts';
import { costIssues } from '../../src/experiments/plan.ts';
import type { LabResult } from '../../src/experiments/result.ts';
import { runLab } from '../../src/experiments/runLab.ts';
import { runWidthSweep, sweepWidths } from '../../src/experiments/widthSweep.ts';
import { workerBackend } from './backendFactory.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let current: { id: number; controller: AbortController } | undefined;

function post(message: FromWorker): void {
  scope.postMessage(message);
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg.type === 'cancel') {
    if (current?.id === msg.id) current.controller.abort();
    return;
  }
  current?.controller.abort();
  const controller = new AbortController();
  current = { id: msg.id, controller };
  void run(msg.id, msg.spec, controller.signal).finally(() => {
    if (current?.controller === controller) current = undefined;
  });
};

/** The digest of what the page shows: the Monte Carlo numbers, and the sweep when there is one. */
function pageDigest(result: LabResult): string {
  return result.width === undefined ? resultDigest(result) : digestJson({ spec: result.spec, mc: result.mc ?? null, width: result.width });
}

async function run(id: number, spec: Spec, signal: AbortSignal): Promise<void> {
  try {
    const backend = await workerBackend(spec.backend);
    if (signal.aborted) throw new AbortError();
    post({ type: 'backend', id, info: backend.info });
    const refusal = costIssues(spec, backend.info.name);
    if (refusal.length > 0) {
      post({ type: 'refused', id, issues: refusal });
      return;
    }
    // Per-network samples (4 × M numbers) only go to the page when a view draws them.
    const wantSamples = spec.view === 'hist';
    const lab = await runLab(spec, {
      backend,
      signal,
      onPartial: (partial, progress) =>
        post({ type: 'partial', id, result: partial.result, samples: wantSamples ? partial.samples : undefined, progress: { ...progress, phase: 'networks' } }),
    });
    const samples = wantSamples ? lab.samples : undefined;
    let result: LabResult = lab.result;
    const progress = { done: spec.M, total: spec.M, phase: 'networks' as const };
    if (spec.view === 'width' && spec.M > 0) {
      const total = sweepWidths(spec.nmin, spec.nmax).length;
      post({ type: 'partial', id, result: lab.result, samples, progress: { done: 0, total, phase: 'widths' } });
      const width = await runWidthSweep(spec, {
        backend,
        signal,
        onPartial: (block, p) => post({ type: 'partial', id, result: lab.result, samples, width: block, progress: { ...p, phase: 'widths' } }),
      });
      result = { ...result, width };
      post({ type: 'done', id, result, samples, width, digest: pageDigest(result), progress: { done: total, total, phase: 'widths' } });
      return;
    }
    post({ type: 'done', id, result, samples, digest: pageDigest(result), progress });
  } catch (e) {
    if (e instanceof AbortError || (e as Error)?.name === 'AbortError') post({ type: 'cancelled', id });
    else post({ type: 'error', id, message: (e as Error)?.message ?? String(e) });
  }
}
