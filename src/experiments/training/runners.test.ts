/**
 * The training views' runners as the page's Worker calls them (runSpecStreaming: partial blocks,
 * progress, cancel) and as the CLI does (the same function, drained): same numbers, progress that
 * counts the cost model's work, partial blocks that are prefixes of the final one, and a cancel
 * that stops the run.
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../backends/cpu/cpuBackend.ts';
import type { Spec } from '../../core/spec.ts';
import { TRAINING_VIEWS, type TrainingViewId } from '../../training/spec.ts';
import { decodeSpec } from '../../url/codec.ts';
import { estimateRun, planSpec } from '../plan.ts';
import { runSpecStreaming, type PhasedProgress } from '../runSpec.ts';
import { viewRunner } from '../viewRunners.ts';
import { trainingSeconds, trainingWork } from './cost.ts';
import { runTrainingView, TRAINING_SWEEPS } from './runners.ts';

const cpu = createCpuBackend();

/** Small links, one per view: every one has ≥ 3 widths (or curves, cells) so that it streams. */
const SMALL: Record<TrainingViewId, string> = {
  coord: 'view=coord&nmin=8&nmax=32&nets=2&steps=2',
  movement: 'view=movement&nmin=8&nmax=32&nets=2&steps=2&ntrain=6',
  ntkreg: 'view=ntkreg&nmin=8&nmax=32&nets=2&steps=3&ntrain=6&param=ntk,mup,mf',
  transfer: 'view=transfer&nmin=8&nmax=16&Lmin=1&Lmax=2&twidth=8&steps=2&ntrain=4',
  ntkinit: 'view=ntkinit&nmin=8&nmax=32&Lmin=1&Lmax=4&twidth=8&M=3',
};

function spec(query: string): Spec {
  const d = decodeSpec(query);
  expect(d.issues).toEqual([]);
  return { ...d.spec, backend: 'cpu' };
}

describe.each(TRAINING_VIEWS)('view=%s through runSpecStreaming (the Worker’s call)', (view) => {
  it('streams partial blocks under its key with progress in multiply–adds, ends at the cost model’s count, and equals the drained sweep (the CLI’s numbers)', async () => {
    const s = spec(SMALL[view]);
    const partials: { block: unknown; progress: PhasedProgress }[] = [];
    const out = await runSpecStreaming(s, {
      backend: cpu,
      onPartial: (p, progress) => {
        const block = (p.result as unknown as Record<string, unknown>)[view];
        if (block !== undefined) partials.push({ block, progress });
      },
    });
    const final = (out.result as unknown as Record<string, unknown>)[view];
    // The same function, drained synchronously, gives the same block, number for number.
    expect(final).toEqual(runTrainingView(s, view));
    expect(partials.length).toBeGreaterThanOrEqual(2);
    const work = trainingWork(s, view);
    let last = 0;
    for (const { progress } of partials) {
      expect(progress.phase).toBe('multiply–adds');
      expect(progress.total).toBe(work);
      expect(progress.done).toBeGreaterThan(last);
      expect(progress.done).toBeLessThanOrEqual(progress.total);
      last = progress.done;
    }
    // The last partial is the whole run: every unit of work counted, and the block final.
    expect(partials.at(-1)!.progress.done).toBeCloseTo(work, 6);
    expect(partials.at(-1)!.block).toEqual(final);
    // No depth-profile networks are drawn for a training view.
    expect(out.result.mc).toBeUndefined();
  });
});

describe('partial blocks are prefixes of the final one', () => {
  it('coord: after width k the block has widths[0..k) and their means unchanged; slopes appear with the second width', () => {
    const s = spec(SMALL.coord);
    const sweep = TRAINING_SWEEPS.coord(s);
    const partials = [];
    let r = sweep.next();
    while (!r.done) {
      if (r.value.partial) partials.push(r.value.partial());
      r = sweep.next();
    }
    const final = r.value;
    expect(partials.map((p) => p.widths)).toEqual([[8], [8, 16], [8, 16, 32]]);
    partials.forEach((p, k) => {
      p.params.forEach((pp, i) => {
        const f = final.params[i];
        for (let t = 0; t < pp.dh.mean.length; t++)
          for (let l = 0; l < pp.dh.mean[t].length; l++) expect(pp.dh.mean[t][l]).toEqual(f.dh.mean[t][l].slice(0, k + 1));
        expect(pp.slopes[0][0] === null).toBe(k === 0);
      });
    });
  });
});

describe('cancel (the Worker’s AbortSignal)', () => {
  it('stops a run part-way: the promise rejects with AbortError, the run having got no further than its first width', async () => {
    // Large enough that it cannot finish between two checkpoints (1.6e9 multiply–adds).
    const s = spec('view=coord&nmin=256&nmax=1024&nets=4&steps=4');
    const controller = new AbortController();
    let seen = 0;
    let total = 0;
    const run = runSpecStreaming(s, {
      backend: cpu,
      signal: controller.signal,
      onPartial: (_p, progress) => {
        seen = progress.done;
        total = progress.total;
        controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBeGreaterThan(0);
    // Aborted after the first width's partial: the rest (3/4 of the widths' work at least) was not done.
    expect(seen).toBeLessThan(total / 2);
  });
});

describe('cost model', () => {
  it('prices a training view by its own count, as a CPU part, whatever the backend and M', () => {
    for (const view of TRAINING_VIEWS) {
      const s = spec(SMALL[view]);
      const plan = planSpec(s);
      expect(plan.sizes).toEqual([]); // no lab simulations
      const part = plan.parts.find((p) => p.cpuSeconds !== undefined)!;
      expect(part.cpuOnly).toBe(true);
      expect(part.cpuSeconds).toBeCloseTo(trainingSeconds(trainingWork(s, view)), 12);
      expect(part.keys).toEqual(viewRunner(view)!.costKeys);
      const onCpu = estimateRun(s, 'cpu');
      const onGpu = estimateRun(s, { name: 'webgpu', adapter: 'NVIDIA' });
      expect(onGpu.parts.find((p) => p.cpuOnly)!.seconds).toBeCloseTo(onCpu.parts.find((p) => p.cpuOnly)!.seconds, 12);
      expect(onCpu.maxSeconds).toBeGreaterThan(onCpu.seconds);
    }
  });

  it('grows with what the view trains: widths, nets, steps and depth multiply the work as the loops do', () => {
    const base = spec('view=coord&nmin=64&nmax=128&nets=2&steps=1');
    const w = trainingWork(base, 'coord');
    // Doubling the nets doubles the work exactly; more steps add work per step.
    expect(trainingWork({ ...base, nets: 4 }, 'coord')).toBeCloseTo(2 * w, 6);
    expect(trainingWork({ ...base, steps: '3' }, 'coord')).toBeGreaterThan(w);
    // nmax 128 → 256 adds a width with 4× the hidden weights of n = 128.
    expect(trainingWork({ ...base, nmax: 256 }, 'coord') / w).toBeGreaterThan(4);
  });

  it('refuses a network that would not fit in memory, naming the key that sizes it (weights, gradients, Adam moments: 8 bytes each)', async () => {
    const { costIssues } = await import('../plan.ts');
    const { MEMORY_BUDGET_BYTES } = await import('../../core/cost.ts');
    // n = 8192, 2 hidden layers, Adam: (8·8192 + 8192² + 8192) parameters × 4 copies × 8 bytes ≈ 2.1 GiB.
    const wide = spec('view=coord&opt=adam&nmin=4096&nmax=8192&nets=2&steps=1');
    const memory = costIssues(wide, 'cpu', { maxSeconds: Infinity }).find((i) => /MiB/.test(i.message));
    expect(memory?.key).toBe('nmax');
    const params = 8 * 8192 + 8192 * 8192 + 8192;
    const mib = Math.round((8 * (4 * params + 16 * 8192 * 6)) / 2 ** 20);
    expect(memory?.message).toBe(`nmax=8192: the largest network of view=coord (width 8192, 2 width-n layers) would hold ${mib} MiB of weights, gradients and optimiser state, over the ${MEMORY_BUDGET_BYTES / 2 ** 20} MiB limit; reduce nmax or tdepth`);
    // With SGD (2 copies) width 4096 holds ≈ 0.27 GiB: no refusal.
    expect(costIssues(spec('view=coord&nmin=2048&nmax=4096&nets=2&steps=1'), 'cpu', { maxSeconds: Infinity })).toEqual([]);
  });

  it('refuses a training run over the limit with a message naming its keys, and the estimate', async () => {
    const { costIssues } = await import('../plan.ts');
    const big = spec('view=coord&nmin=64&nmax=4096&nets=100&steps=100');
    const issues = costIssues(big, 'cpu');
    expect(issues).toHaveLength(1);
    expect(issues[0].key).toBe('nmax');
    expect(issues[0].message).toMatch(/^nmax=4096: this run is expected to take about .* at most .*the coord check's training runs \(nmax=4096, nets=100, steps=100, tdepth=2, ntrain=16, param=auto\) take about/);
  });
});

describe('the upper bound of a training view (its own spread, not the simulation grid\'s)', () => {
  it('is headroom × seconds × TRAINING_CPU.worstRatio (+ slack) for a training-only run', async () => {
    const { estimateRun } = await import('../plan.ts');
    const { decodeSpec } = await import('../../url/codec.ts');
    const { CALIBRATION } = await import('../../core/costCalibration.ts');
    const { TRAINING_CPU } = await import('./cost.ts');
    const spec = decodeSpec('view=transfer&nmin=32&nmax=256&Lmin=2&Lmax=16&act=tanh&sw2=1&M=0').spec;
    const e = estimateRun(spec, 'cpu');
    const own = e.parts.find((p) => p.ownCount)!;
    expect(own.seconds).toBeGreaterThan(1);
    const rest = e.seconds - own.seconds;
    // Everything else (the theory of the spec) is bounded by the CPU profile's spread.
    expect(e.maxSeconds).toBeGreaterThanOrEqual(CALIBRATION.headroom * own.seconds * TRAINING_CPU.worstRatio);
    expect(e.maxSeconds).toBeLessThanOrEqual(CALIBRATION.headroom * (own.seconds * TRAINING_CPU.worstRatio + 3 * rest * CALIBRATION.profiles.cpu.worstRatio) + 0.5);
  });
});
