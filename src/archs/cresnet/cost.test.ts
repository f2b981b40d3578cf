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
import { costIssues, DEFAULT_MAX_SECONDS, estimateRun, planSpec, SLACK_SECONDS, theorySeconds } from '../../experiments/plan.ts';
import { defaultChunk } from '../../experiments/monteCarlo.ts';
import { simulationOps } from '../../core/cost.ts';
import { CALIBRATION } from '../../core/costCalibration.ts';
import { decodeSpec } from '../../url/codec.ts';
import { buildPaths } from '../../core/paths.ts';
import { quadratureDualKernels } from '../../theory/dual.ts';
import { crossGridEvaluations, equivalentLayers, gpuEquivalentLayers, kernelScaleBound, quadratureCalls, selfGridEvaluations, theoryEvaluations } from './cost.ts';
import { cresnetResolve } from './index.ts';
import { selfKernelGrid } from './pde.ts';

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
  it('a quadrature φ: "about" at its family\'s typical seconds per φ-call × the typical calls, "at most" at the largest × the worst calls', () => {
    const s = spec('arch=cresnet&M=0&act=softplus&refine=2&paths=pl:0,0,1,1,0,2_pl:0,0,1,0');
    const t = CALIBRATION.theory;
    const evals = theoryEvaluations(s);
    const q = t.quadratureCall.softplus;
    const c = quadratureCalls(s)!;
    expect(c.worst).toBeGreaterThan(c.typical);
    expect(theorySeconds(s, CALIBRATION, true) - theorySeconds(s)).toBeCloseTo(evals * (q.worst * c.worst - q.typical * c.typical), 12);
    const e = estimateRun(s, 'cpu');
    expect(e.seconds).toBeCloseTo(theorySeconds(s), 12);
    expect(e.maxSeconds).toBeCloseTo(CALIBRATION.headroom * CALIBRATION.profiles.cpu.worstRatio * theorySeconds(s, CALIBRATION, true) + SLACK_SECONDS, 12);
  });

  it('the default paths with softplus (M = 0, ~45 s on one core) are accepted by the CLI\'s 900 s limit on every backend (refused before: at most 1658 s)', () => {
    const s = spec('arch=cresnet&act=softplus&M=0');
    for (const backend of ['cpu', 'webgpu'] as const) expect(costIssues(s, backend)).toEqual([]);
    expect(estimateRun(s, 'cpu').maxSeconds).toBeLessThan(DEFAULT_MAX_SECONDS);
  });

  it('φ-calls per evaluation follow the kernel\'s scale: a circle run twice with fresh weights (kernels grow) costs > 5× the default paths per evaluation', () => {
    const small = quadratureCalls(spec('arch=cresnet&M=0&act=softplus'))!;
    const large = quadratureCalls(spec('arch=cresnet&M=0&act=softplus&share=false&refine=1&L=64&paths=sine:2,0.25,0.6_line:-1,0.5'))!;
    expect(large.typical).toBeGreaterThan(5 * small.typical);
    expect(large.worst).toBeGreaterThan(5 * small.worst);
    // A closed-form φ makes no quadrature calls.
    expect(quadratureCalls(spec('arch=cresnet&M=0&act=erf'))).toBeUndefined();
  });
  it('a closed-form φ: no fixed limit-solve cost (0.19 s before), only the run and the evaluations', () => {
    const s = spec('arch=cresnet&M=0&act=erf&refine=3&paths=pl:0,0,1,1,0,2_pl:0,0,1,0');
    const t = CALIBRATION.theory;
    expect(theorySeconds(s)).toBeCloseTo(t.run + 20 * t.closedFormLayer + theoryEvaluations(s) * t.closedFormEvaluation, 12);
  });
});

describe('controlled ResNet: the kernel-scale bound that prices quadrature', () => {
  const line = (len: number) => buildPaths(`line:${len},0_line:${len / 4},0`, 2); // the longer path sets the bound
  // I₀(x) = Σ (x/2)^{2k} / k!² (Abramowitz & Stegun 9.6.12).
  const besselI0 = (x: number) => {
    let term = 1;
    let sum = 1;
    for (let k = 1; k < 200; k++) {
      term *= (x / 2) ** 2 / (k * k);
      sum += term;
    }
    return sum;
  };

  it('fresh weights, g(a) = a, σb = 0: the ODE dK/dq = σA² K gives σ0² exp(σA² q), q = Σ|Δx|²/Δt (RK4 on 48 steps: 1e−3)', () => {
    const built = line(1.5);
    if (!built.ok) throw new Error(built.reason);
    const q = 1.5 ** 2; // a straight line on [0, 1]: |ẋ|² = 2.25
    const K = kernelScaleBound(built.value, { s02: 0.7, sa2: 2, sb2: 0, share: false }, (a) => a);
    expect(Math.abs(K / (0.7 * Math.exp(2 * q)) - 1)).toBeLessThan(1e-3);
  });

  it('shared weights, g(a) = a, σb = 0: the Goursat solution σ0² I₀(2σA ℓ) at u = v = ℓ (the linear signature kernel of a straight line; 1e−3)', () => {
    const built = line(2);
    if (!built.ok) throw new Error(built.reason);
    const K = kernelScaleBound(built.value, { s02: 1.3, sa2: 1.5, sb2: 0, share: true }, (a) => a);
    expect(Math.abs(K / (1.3 * besselI0(2 * Math.sqrt(1.5) * 2)) - 1)).toBeLessThan(1e-3);
  });

  it('bounds the real PDE: softplus, σA² = 2, σb² = 0.5 on two broken lines, every K^{xx}(s, t) of the refined self-kernel grid ≤ the bound', () => {
    const s = spec('arch=cresnet&M=0&act=softplus&sw2=2&sb2=0.5&paths=pl:0,0,1,1,0,2_pl:0,0,1,0');
    const r = cresnetResolve(s);
    const g = quadratureDualKernels(r.act, 'fast').Fdiag;
    const bound = kernelScaleBound(r.paths, { s02: s.s02, sa2: s.sw2, sb2: s.sb2, share: true }, g);
    let largest = 0;
    for (const x of r.paths) for (const v of selfKernelGrid(x, 3, r.nsk)) largest = Math.max(largest, Math.abs(v));
    expect(largest).toBeGreaterThan(s.s02);
    expect(largest).toBeLessThanOrEqual(bound);
    // …and not so loose that the price is meaningless (the rule's nodes grow like log a).
    expect(Math.log(bound)).toBeLessThan(2 * Math.log(largest));
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
