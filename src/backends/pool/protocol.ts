/**
 * Messages between a pool backend (workerPool.ts) and its simulation workers (simWorkerHost.ts):
 *   pool → worker   { type: 'simulate', id, job }   simulate one range of networks on the CPU backend
 *                   { type: 'cancel', id }          abort that job (the worker answers 'failed')
 *   worker → pool   { type: 'block', id, block }    the kernels (buffers transferred, not copied)
 *                   { type: 'failed', id, name, message }  AbortError when cancelled, else the error
 */
import type { KernelBlock, SimJob } from '../types.ts';

export type ToSimWorker = { readonly type: 'simulate'; readonly id: number; readonly job: SimJob } | { readonly type: 'cancel'; readonly id: number };

export type FromSimWorker =
  | { readonly type: 'block'; readonly id: number; readonly block: KernelBlock }
  | { readonly type: 'failed'; readonly id: number; readonly name: string; readonly message: string };

/** The part of a Worker (browser) or worker_threads Worker (Node) that a pool needs. */
export interface SimPort {
  post(message: ToSimWorker): void;
  /** Installs the one handler of messages from the worker. */
  listen(onMessage: (message: FromSimWorker) => void, onError: (error: Error) => void): void;
  terminate(): void;
}

/** The worker's side of the channel. */
export interface SimHostPort {
  post(message: FromSimWorker, transfer: ArrayBuffer[]): void;
  listen(onMessage: (message: ToSimWorker) => void): void;
}
