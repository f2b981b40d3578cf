/// <reference lib="webworker" />
/**
 * The theory Worker (issue 14 §8): the page's infinite-width theory (engine/theory.ts — the NNGP
 * recursion, the ResNet ODE and α curves, the shaped-MLP Fokker–Planck law) computed off the main
 * thread, so that a quadrature recursion at L = 10⁴ (seconds) never freezes the tab. The same
 * src/ functions as before; one request at a time, answered with its id.
 */
import { computeTheory } from '../engine/theory.ts';
import type { FromTheoryWorker, ToTheoryWorker } from './theoryProtocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ToTheoryWorker>) => {
  const { id, spec, precision } = event.data;
  let message: FromTheoryWorker;
  try {
    message = { id, output: computeTheory(spec, precision) };
  } catch (e) {
    message = { id, error: (e as Error)?.message ?? String(e) };
  }
  scope.postMessage(message);
};
