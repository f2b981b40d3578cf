/// <reference lib="webworker" />
/**
 * The Monte Carlo Worker: one runSpecStreaming call per run (the depth profile, then the view's own
 * block: width sweep, commutation map, …), streaming partial results off the main thread. A new
 * 'run' aborts the one in progress (restart, never queue).
 */
import { viewSpec } from '../../src/core/views.ts';
import { AbortError } from '../../src/backends/types.ts';
import type { Spec } from '../../src/core/spec.ts';
import { resultDigest } from '../../src/experiments/digest.ts';
import { costIssues } from '../../src/experiments/plan.ts';
import { runSpecStreaming } from '../../src/experiments/runSpec.ts';
import type { RunProgress } from '../state/labStore.ts';
import { isTrainingView } from '../../src/training/spec.ts';
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


async function run(id: number, spec: Spec, signal: AbortSignal): Promise<void> {
  try {
    // The training views train on the CPU whatever the backend (src/experiments/training/): the
    // result names the CPU, and no WebGPU device is started for them.
    const backend = await workerBackend(isTrainingView(spec.view) ? 'cpu' : spec.backend);
    if (signal.aborted) throw new AbortError();
    post({ type: 'backend', id, info: backend.info });
    const refusal = costIssues(spec, backend.info, { raiseHint: 'or run it from the command line with --max-seconds S or --allow-long' });
    if (refusal.length > 0) {
      post({ type: 'refused', id, issues: refusal });
      return;
    }
    // Views that draw per-network samples (4 × M numbers; core/views.ts `samples`): only they get them.
    const wantSamples = viewSpec(spec.view)?.samples === true;
    let last: RunProgress = { done: 0, total: spec.M, phase: 'networks' };
    const out = await runSpecStreaming(spec, {
      backend,
      signal,
      // The SDE view compares the law of ρ̂ at the last layer with the law of ρ_T.
      samplesLayer: spec.view === 'sde' ? spec.L : undefined,
      onPartial: (partial, progress) => {
        last = progress;
        post({ type: 'partial', id, result: partial.result, samples: wantSamples ? partial.samples : undefined, progress });
      },
    });
    const progress = { ...last, done: last.total };
    post({ type: 'done', id, result: out.result, samples: wantSamples ? out.samples : undefined, digest: resultDigest(out.result), progress });
  } catch (e) {
    if (e instanceof AbortError || (e as Error)?.name === 'AbortError') post({ type: 'cancelled', id });
    else post({ type: 'error', id, message: (e as Error)?.message ?? String(e) });
  }
}
