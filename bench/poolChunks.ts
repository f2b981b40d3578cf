/**
 * A/B of the worker pool's chunk size (issue 19 §2): one process, the 2-thread pool with the default
 * chunks (defaultChunk) and with M/4, M/8, M/16 networks per chunk, against one thread, in turns
 * (A B … then … B A), per-repeat ratios (median and quartiles). Results do not depend on the chunks
 * (networks are keyed by index); only the time does.
 *
 *   node bin/run-ts.mjs bench/poolChunks.ts
 */
import { createThreadedCpuBackend } from '../bin/threadPool.ts';
import { createCpuBackend } from '../src/backends/cpu/cpuBackend.ts';
import { DEFAULT_SPEC, type Spec } from '../src/core/spec.ts';
import { runNetworks } from '../src/experiments/monteCarlo.ts';
const cases = [{ method: 'gram', n: 2048, L: 32, M: 64 }, { method: 'gram', n: 1024, L: 64, M: 256 }] as const;
const one = createCpuBackend();
const pool = createThreadedCpuBackend(2);
for (const c of cases) {
  const spec: Spec = { ...DEFAULT_SPEC, act: 'relu', sw2: 2, k: 2, ...c };
  const t = async (b: typeof one, chunk?: number) => { const t0 = performance.now(); await runNetworks(spec, [spec.L], { backend: b, chunkNetworks: chunk }); return performance.now() - t0; };
  const variants: [string, () => Promise<number>][] = [['one', () => t(one)], ['default', () => t(pool)], ['M/4', () => t(pool, spec.M / 4)], ['M/8', () => t(pool, spec.M / 8)], ['M/16', () => t(pool, spec.M / 16)]];
  for (let w = 0; w < 2; w++) for (const [, f] of variants) await f();
  const times = new Map(variants.map(([k]) => [k, [] as number[]]));
  const reps = c.M === 64 ? 41 : 15;
  for (let r = 0; r < reps; r++) {
    const order = r % 2 ? [...variants].reverse() : variants;
    for (const [k, f] of order) times.get(k)!.push(await f());
  }
  const med = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)];
  const q = (x: number[], p: number) => [...x].sort((a, b) => a - b)[Math.round(p * (x.length - 1))];
  const line = [`${c.method} n=${c.n} L=${c.L} M=${c.M}: one ${med(times.get('one')!).toFixed(1)} ms`];
  for (const [k] of variants.slice(1)) {
    const ratios = times.get('one')!.map((o, i) => o / times.get(k)![i]);
    line.push(`${k} ${med(times.get(k)!).toFixed(1)} ms ratio ${med(ratios).toFixed(2)} [${q(ratios, 0.25).toFixed(2)} ${q(ratios, 0.75).toFixed(2)}]`);
  }
  console.log(line.join(' | '));
}
pool.dispose();
