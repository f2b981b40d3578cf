/**
 * The cost model's count of a controlled ResNet's dual-kernel evaluations (cost.ts) against the
 * evaluations a run really makes: theory/dual.ts's dualKernels is wrapped (vi.mock) so that every
 * V_φ(a, c, b) call of the solvers is counted, then the lab runs the spec (theory, limit, signature
 * and, for view=signature, the view's block) with M = 0 networks... and with M > 0 for the view
 * (its networks evaluate φ, not V). Also: how the planner prices the networks on each backend.
 */
import { describe, expect, it, vi } from 'vitest';
import { createCpuBackend } from '../../backends/cpu/cpuBackend.ts';
import { runSpec } from '../../experiments/runSpec.ts';
import { estimateRun, planSpec, SLACK_SECONDS, theorySeconds } from '../../experiments/plan.ts';
import { defaultChunk } from '../../experiments/monteCarlo.ts';
import { simulationOps } from '../../core/cost.ts';
import { CALIBRATION } from '../../core/costCalibration.ts';
import { decodeSpec } from '../../url/codec.ts';
import { crossGridEvaluations, equivalentLayers, gpuEquivalentLayers, selfGridEvaluations, theoryEvaluations } from './cost.ts';

const calls = vi.hoisted(() => ({ count: 0 }));

vi.mock('../../theory/dual.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../theory/dual.ts')>();
  return {
    ...original,
    dualKernels: (...args: Parameters<typeof original.dualKernels>) => {
      const k = original.dualKernels(...args);
      return { ...k, F: (a: number, c: number, b: number) => (calls.count++, k.F(a, c, b)) };
    },
  };
});

function spec(q: string) {
  const r = decodeSpec(q);
  expect(r.issues).toEqual([]);
  return r.spec;
}

async function counted(q: string): Promise<number> {
  const s = spec(q);
  calls.count = 0;
  await runSpec(s, { backend: createCpuBackend() });
  return calls.count;
}

describe('controlled ResNet: the cost model counts the dual-kernel evaluations the run makes', () => {
  it('the closed forms of the two grid sweeps (selfKernelGrid, crossKernelGrid) on small grids', () => {
    // N = 1: the Euler prediction, then 2 passes × 1 cell × 4; a 1×2 cross grid: 3 + 1·(1 + 4).
    expect(selfGridEvaluations(1)).toBe(9);
    expect(crossGridEvaluations(1, 2)).toBe(8);
  });

  it.each([
    ['shared, 2 paths', 'arch=cresnet&M=0&act=erf&L=7&refine=1&paths=pl:0,0,1,1,0,2_pl:0,0,1,0'],
    ['shared, 3 paths, d = 1', 'arch=cresnet&M=0&act=relu&L=5&refine=0&pdim=1&k=3&paths=pl:0,1,0.5_line:1_pl:0,-1,0,2'],
    ['fresh, 3 paths with different knots', 'arch=cresnet&M=0&act=erf&share=0&L=9&refine=2&k=3&paths=pl:0,0,1,1,0,2_pl:0,0,1,0_line:1,-1'],
    ['shared, a sine path', 'arch=cresnet&M=0&act=gelu&L=4&refine=0&paths=sine:0.5,0,0.8_line:1,0.5'],
    ['signature view, shared', 'arch=cresnet&view=signature&M=2&n=4&nmin=2&nmax=4&Lmin=2&Lmax=5&act=erf&L=3&refine=0&paths=pl:0,0,1,1,0,2_pl:0,0,1,0'],
    ['signature view, fresh', 'arch=cresnet&view=signature&share=0&M=2&n=4&nmin=4&nmax=4&Lmin=3&Lmax=3&act=relu&L=2&refine=1&paths=pl:0,0,1,1,0,2_pl:0,0,1,0'],
  ])('%s', async (_, q) => {
    const made = await counted(q);
    expect(made).toBeGreaterThan(0);
    expect(theoryEvaluations(spec(q))).toBe(made);
  });
});

describe('controlled ResNet: the planner prices its networks per backend', () => {
  const q = 'arch=cresnet&M=50&n=128&L=32&act=tanh&paths=pl:0,0,1,1,0,2_pl:0,0,1,0';

  it('CPU: shared weights drawn once (fewer equivalent layers than fresh); WebGPU: drawn every step, L·d layers', () => {
    const shared = planSpec(spec(q)).parts[0];
    expect(shared.sizes[0].L).toBe(equivalentLayers(32, 2, 2, true));
    expect(shared.sizes[0].L).toBeLessThan(equivalentLayers(32, 2, 2, false));
    expect(shared.gpuSizes?.[0].L).toBe(gpuEquivalentLayers(32, 2));
    expect(gpuEquivalentLayers(32, 2)).toBe(64);
    // The WebGPU estimate prices the GPU's sizes with the GPU constants: more layers, another profile.
    const onCpu = estimateRun(spec(q), 'cpu').parts[0].seconds;
    const onGpu = estimateRun(spec(q), { name: 'webgpu', adapter: 'SwiftShader' }).parts[0].seconds;
    expect(onGpu).not.toBe(onCpu);
  });

  it('the signature view steps its networks on the CPU whatever the backend: priced with the CPU profile, sizes not converted twice', () => {
    const v = spec('arch=cresnet&view=signature&M=20&n=64&nmin=16&nmax=64&Lmin=4&Lmax=16&L=8&paths=pl:0,0,1,1,0,2_pl:0,0,1,0');
    const part = planSpec(v).parts.find((p) => p.label === "the signature view's networks")!;
    expect(part.cpuOnly).toBe(true);
    // Widths 16, 32, 64 at L = 8 shared, then depths 4, 8, 16 shared and fresh: equivalentLayers once each.
    expect(part.sizes.map((s) => s.L)).toEqual([...[8, 8, 8].map((L) => equivalentLayers(L, 2, 2, true)), ...[4, 8, 16].flatMap((L) => [equivalentLayers(L, 2, 2, true), equivalentLayers(L, 2, 2, false)])]);
    const cpu = estimateRun(v, 'cpu').parts.find((p) => p.label === part.label)!.seconds;
    const gpu = estimateRun(v, { name: 'webgpu', adapter: 'NVIDIA' }).parts.find((p) => p.label === part.label)!.seconds;
    expect(gpu).toBe(cpu);
  });
});

describe('controlled ResNet: the theory estimate', () => {
  it('a quadrature φ: "about" at its family\'s typical seconds per evaluation, "at most" at the slowest calibrated one', () => {
    const s = spec('arch=cresnet&M=0&act=softplus&refine=2&paths=pl:0,0,1,1,0,2_pl:0,0,1,0');
    const t = CALIBRATION.theory;
    const evals = theoryEvaluations(s);
    const q = t.quadratureEvaluation.softplus;
    expect(q.worst).toBeGreaterThan(q.typical);
    expect(theorySeconds(s, CALIBRATION, true) - theorySeconds(s)).toBeCloseTo(evals * (q.worst - q.typical), 12);
    const e = estimateRun(s, 'cpu');
    expect(e.seconds).toBeCloseTo(theorySeconds(s), 12);
    expect(e.maxSeconds).toBeCloseTo(CALIBRATION.headroom * CALIBRATION.profiles.cpu.worstRatio * theorySeconds(s, CALIBRATION, true) + SLACK_SECONDS, 12);
  });

  it('a closed-form φ: no fixed limit-solve cost (0.19 s before), only the run and the evaluations', () => {
    const s = spec('arch=cresnet&M=0&act=erf&refine=3&paths=pl:0,0,1,1,0,2_pl:0,0,1,0');
    const t = CALIBRATION.theory;
    expect(theorySeconds(s)).toBeCloseTo(t.run + 20 * t.closedFormLayer + theoryEvaluations(s) * t.closedFormEvaluation, 12);
  });
});

describe('controlled ResNet: Monte Carlo chunks sized by the network\'s real work', () => {
  it('whatever `method` says (cresnet always draws every weight): the dense chain of equal work, per backend', () => {
    const s = spec('arch=cresnet&method=gram&n=256&L=20&M=1000&paths=pl:0,0,1,1,0,2_pl:0,0,1,0');
    const cpu = createCpuBackend();
    const perNet = simulationOps({ method: 'explicit', n: 256, L: equivalentLayers(20, 2, 2, true), k: 2, M: 1, recorded: 21 });
    expect(defaultChunk(s, 21, cpu)).toBe(Math.max(Math.floor(5e7 / perNet), Math.ceil(1000 / 200)));
    // Priced as the gram chain it is not, a chunk would hold ~100× more networks.
    const asGram = simulationOps({ method: 'gram', n: 256, L: 20, k: 2, M: 1, recorded: 21 });
    expect(Math.floor(5e7 / asGram)).toBeGreaterThan(20 * defaultChunk(s, 21, cpu));
    const gpu = { ...cpu, info: { name: 'webgpu' as const, adapter: 'SwiftShader' } };
    const perNetGpu = simulationOps({ method: 'explicit', n: 256, L: gpuEquivalentLayers(20, 2), k: 2, M: 1, recorded: 21 });
    expect(defaultChunk(s, 21, gpu)).toBe(Math.max(Math.floor(5e7 / perNetGpu), Math.ceil(1000 / 200)));
  });
});
