/// <reference lib="webworker" />
/**
 * A simulation Worker of the page's CPU pool (backendFactory.ts): started by the Monte Carlo Worker,
 * it runs ranges of networks on the CPU backend (src/backends/pool/simWorkerHost.ts).
 */
import type { ToSimWorker } from '../../src/backends/pool/protocol.ts';
import { serveSimulations } from '../../src/backends/pool/simWorkerHost.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

serveSimulations({
  post: (message, transfer) => scope.postMessage(message, transfer),
  listen(onMessage) {
    scope.onmessage = (event: MessageEvent<ToSimWorker>) => onMessage(event.data);
  },
});
