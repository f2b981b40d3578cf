/**
 * Where a two-thread run's time goes (issue 19 §2), one line per repeat: two worker threads each
 * simulate half of a batch (gram, n = 2048, L = 32, M = 64: ~35 ms per half on this VM), and each
 * reports when it started after the post and how long its half took; beside them, the clock ticks
 * each CPU spent busy (/proc/stat, Linux). A start far above ~0.5 ms would be the pool's or the
 * scheduler's doing; a half that takes longer while both CPUs are busy is the machine slowing both
 * cores (a shared physical core, the host), which no scheduling of the networks can win back.
 *
 *   node bin/run-ts.mjs bench/workerTimes.ts [repeats]
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { SimJob } from '../src/backends/types.ts';
import { DEFAULT_SPEC, type Spec } from '../src/core/spec.ts';

const repeats = Number(process.argv[2] ?? 30);
const spec: Spec = { ...DEFAULT_SPEC, act: 'relu', sw2: 2, k: 2, method: 'gram', n: 2048, L: 32, M: 64 };
const workers = [0, 1].map(() => new Worker(new URL('./workerTimesThread.mjs', import.meta.url)));
const now = () => performance.timeOrigin + performance.now();
const half = (w: Worker, netStart: number) =>
  new Promise<{ t0: number; t1: number }>((resolve) => {
    w.once('message', resolve);
    const job: SimJob = { spec, netStart, netCount: spec.M / 2, recordLayers: [spec.L] };
    w.postMessage(job);
  });
/** Busy clock ticks (user + nice + system) of each CPU. */
const busyTicks = (): number[] =>
  readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .filter((l) => /^cpu\d/.test(l))
    .map((l) => l.split(/\s+/).slice(1, 4).reduce((a, b) => a + Number(b), 0));

for (let w = 0; w < 4; w++) await Promise.all([half(workers[0], 0), half(workers[1], spec.M / 2)]);
for (let r = 0; r < repeats; r++) {
  const posted = now();
  const before = busyTicks();
  const [a, b] = await Promise.all([half(workers[0], 0), half(workers[1], spec.M / 2)]);
  const ticks = busyTicks().map((t, i) => t - before[i]);
  const f = (x: number) => x.toFixed(1);
  console.log(`both halves ${f(now() - posted)} ms | worker 0 starts +${f(a.t0 - posted)} ms, takes ${f(a.t1 - a.t0)} ms | worker 1 starts +${f(b.t0 - posted)} ms, takes ${f(b.t1 - b.t0)} ms | busy ticks per CPU ${ticks.join(' ')}`);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
for (const w of workers) void w.terminate();
