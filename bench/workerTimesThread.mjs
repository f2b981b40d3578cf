// The worker of bench/workerTimes.ts: runs a simulation job on the CPU backend and answers with its
// own start and end on the shared clock (performance.timeOrigin + now).
import '../bin/register.mjs';
import { parentPort } from 'node:worker_threads';

const { createCpuBackend } = await import('../src/backends/cpu/cpuBackend.ts');
const cpu = createCpuBackend();
parentPort.on('message', async (job) => {
  const t0 = performance.timeOrigin + performance.now();
  await cpu.simulate(job);
  parentPort.postMessage({ t0, t1: performance.timeOrigin + performance.now() });
});
