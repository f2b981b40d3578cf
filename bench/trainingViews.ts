/**
 * The training views' cost (issue 17 §2): for each view's default link and a few larger ones, the
 * multiply–adds the cost model counts (experiments/training/cost.ts trainingWork), the CPU seconds
 * this process spent (user + system: what the run costs on an idle core; the wall time on a shared
 * machine is larger by about load/cores), their ratio in ns per multiply–add — the constant
 * TRAINING_CPU.secondsPerMadd is fitted to — and the cost model's "about" and "at most".
 * Timings are reported, never asserted in a test (STYLE.md rule 9).
 *
 *   node bin/run-ts.mjs bench/trainingViews.ts [query …]
 */
import { loadavg } from 'node:os';
import { estimateRun } from '../src/experiments/plan.ts';
import { trainingWork } from '../src/experiments/training/cost.ts';
import { runTrainingView } from '../src/experiments/training/runners.ts';
import { isTrainingView, TRAINING_VIEWS } from '../src/training/spec.ts';
import { decodeSpec } from '../src/url/codec.ts';

export const TRAINING_BENCH_QUERIES = [
  ...TRAINING_VIEWS.map((v) => `view=${v}`),
  'view=coord&nmin=64&nmax=1024&tdepth=2&steps=1',
  'view=movement&nmin=64&nmax=512&act=tanh&sw2=1&ntrain=8',
  'view=transfer&nmin=32&nmax=256&Lmin=2&Lmax=16&act=tanh&sw2=1',
  'view=ntkinit&nmin=32&nmax=256&Lmin=4&Lmax=8&M=64',
];

export interface TrainingTiming {
  readonly query: string;
  readonly madds: number;
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  readonly nsPerMadd: number;
  readonly statedSeconds: number;
  readonly statedMaxSeconds: number;
}

export function timeTrainingViews(queries: readonly string[] = TRAINING_BENCH_QUERIES, log: (line: string) => void = () => {}): { loadAverage: { start: number; end: number }; runs: TrainingTiming[] } {
  const start = loadavg()[0];
  const runs: TrainingTiming[] = [];
  for (const query of queries) {
    const spec = decodeSpec(query).spec;
    if (!isTrainingView(spec.view)) throw new Error(`${query}: not a training view`);
    const madds = trainingWork(spec, spec.view);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    runTrainingView(spec, spec.view);
    const c = process.cpuUsage(c0);
    const cpuSeconds = (c.user + c.system) / 1e6;
    const e = estimateRun(spec, 'cpu');
    const run = { query, madds, cpuSeconds, wallSeconds: (performance.now() - t0) / 1000, nsPerMadd: (cpuSeconds / madds) * 1e9, statedSeconds: e.seconds, statedMaxSeconds: e.maxSeconds };
    runs.push(run);
    log(`${query}: ${madds.toExponential(2)} madds, cpu ${cpuSeconds.toFixed(2)} s, wall ${run.wallSeconds.toFixed(2)} s, ${run.nsPerMadd.toFixed(2)} ns/madd; stated about ${e.seconds.toFixed(2)} s, at most ${e.maxSeconds.toFixed(2)} s`);
  }
  return { loadAverage: { start, end: loadavg()[0] }, runs };
}

if (process.argv[1]?.endsWith('trainingViews.ts')) {
  const queries = process.argv.slice(2);
  const r = timeTrainingViews(queries.length > 0 ? queries : TRAINING_BENCH_QUERIES, (l) => process.stderr.write(`${l}\n`));
  process.stdout.write(`${JSON.stringify(r, null, 1)}\n`);
}
