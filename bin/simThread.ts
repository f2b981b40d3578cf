/** A worker thread of the CLI's pool (threadPool.ts): serves simulation jobs on the CPU backend. */
import { parentPort } from 'node:worker_threads';
import type { ToSimWorker } from '../src/backends/pool/protocol.ts';
import { serveSimulations } from '../src/backends/pool/simWorkerHost.ts';

const port = parentPort;
if (!port) throw new Error('simThread.ts runs as a worker thread');
serveSimulations({
  post: (message, transfer) => port.postMessage(message, transfer),
  listen: (onMessage) => port.on('message', (m: ToSimWorker) => onMessage(m)),
});
