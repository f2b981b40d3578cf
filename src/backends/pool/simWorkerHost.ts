/**
 * The body of a simulation worker (a page Worker, or a Node worker thread): runs the jobs of a pool
 * (workerPool.ts) on the CPU backend, which is the same code as in one thread, so every network is
 * computed bit for bit as it would be there. The CPU backend yields every ~20 ms, which is when a
 * 'cancel' message gets handled.
 */
import { createCpuBackend } from '../cpu/cpuBackend.ts';
import type { SimHostPort, ToSimWorker } from './protocol.ts';

export function serveSimulations(port: SimHostPort): void {
  const cpu = createCpuBackend();
  const running = new Map<number, AbortController>();
  port.listen((message: ToSimWorker) => {
    if (message.type === 'cancel') {
      running.get(message.id)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(message.id, controller);
    cpu
      .simulate(message.job, controller.signal)
      .then(
        (block) => {
          const transfer = block.phi ? [block.z.buffer as ArrayBuffer, block.phi.buffer as ArrayBuffer] : [block.z.buffer as ArrayBuffer];
          port.post({ type: 'block', id: message.id, block }, transfer);
        },
        (e: unknown) => {
          const err = e as Error;
          port.post({ type: 'failed', id: message.id, name: err?.name ?? 'Error', message: err?.message ?? String(e) }, []);
        },
      )
      .finally(() => running.delete(message.id));
  });
}
