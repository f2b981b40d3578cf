/**
 * The conformance suite every SimBackend must pass (the TensorFlow.js habit: a backend is done when
 * this passes, not when its own tests do). Call `describeConformance(name, makeBackend)` from a
 * `*.conformance.test.ts` beside the backend. It checks, with the tolerance of each check stated
 * where it is made:
 *   1. draws: normals(req) equal NormalStream (src/core/philox.ts) key for key;
 *   2. activations: φ and φ' of every registry activation equal the TypeScript registry;
 *   3. kernels: the same K̂ (and (1/n)φᵀφ) per network as a reference (default: the CPU backend;
 *      the CPU backend itself is checked against an independent dense implementation);
 *   4. law: the Monte Carlo mean of K̂ agrees with the infinite-width kernel (src/theory/nngp.ts)
 *      within 4 standard errors;
 *   5. chunking: splitting a job (by netStart/netCount, or by imposed small limits) changes nothing;
 *   6. cancellation: an aborted signal rejects with AbortError, and the backend still works after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listActivations, type ActivationFamily, activation as activationById } from '../../src/core/activations.ts';
import { Domain, NormalStream } from '../../src/core/philox.ts';
import { DEFAULT_SPEC, type Spec } from '../../src/core/spec.ts';
import { crossKeyIssues } from '../../src/core/validate.ts';
import { archOf } from '../../src/archs/index.ts';
import { theoryBlock } from '../../src/archs/theory.ts';
import { createCpuBackend } from '../../src/backends/cpu/cpuBackend.ts';
import { pairCount, pairIndex, type KernelBlock, type SimBackend, type SimJob } from '../../src/backends/types.ts';

/** Something that gives per-network kernels for a job (a backend, or an independent implementation). */
export interface KernelReference {
  readonly name: string;
  simulate(job: SimJob): Promise<KernelBlock>;
}

export interface ConformanceOptions {
  /** The per-network reference for check 3 (default: the CPU backend). */
  readonly reference?: () => KernelReference | Promise<KernelReference>;
  /** The same backend under small imposed limits, so that it chunks internally (check 5). */
  readonly makeChunked?: () => Promise<SimBackend>;
}

/** A spec from the defaults and changes; the changes must form a valid spec. */
export function conformanceSpec(changes: Partial<Spec>): Spec {
  const spec = { ...DEFAULT_SPEC, ...changes } as Spec;
  const issues = crossKeyIssues(spec);
  if (issues.length > 0) throw new Error(`invalid test spec: ${issues.map((i) => i.message).join('; ')}`);
  return spec;
}

/** Every layer of a spec: 1..L (mlp, shaped) or 0..L (resnet). */
export function allLayers(spec: Spec): number[] {
  const first = archOf(spec).firstLayer;
  return Array.from({ length: spec.L - first + 1 }, (_, i) => first + i);
}

/**
 * Tolerances of the WGSL activation library against the f64 registry, |Δ| ≤ abs + rel·|exact|:
 * f32 arithmetic (2^-24 ≈ 6e-8 per rounding) plus the approximation each family uses.
 */
const ACTIVATION_TOLERANCE: Record<ActivationFamily, { abs: number; rel: number; why: string }> = {
  relu: { abs: 0, rel: 1.2e-7, why: 'one f32 product s·x' },
  leaky: { abs: 0, rel: 1.2e-7, why: 'one f32 product s·x' },
  abs: { abs: 0, rel: 1.2e-7, why: 'one f32 product s·x' },
  identity: { abs: 0, rel: 1.2e-7, why: 'one f32 product s·x' },
  tanh: { abs: 1e-6, rel: 0, why: 'builtin f32 tanh (argument clamped to ±15)' },
  erf: { abs: 1e-6, rel: 0, why: 'Abramowitz–Stegun 7.1.26, |error| ≤ 1.5e-7, in f32' },
  gelu: { abs: 1e-6, rel: 1e-6, why: 'x·Φ(x) with the A&S erf, in f32' },
  silu: { abs: 1e-6, rel: 1e-6, why: 'builtin f32 exp, error growing with |x|' },
  softplus: { abs: 1e-6, rel: 1e-6, why: 'builtin f32 exp/log' },
  sin: { abs: 1e-6, rel: 0, why: 'Cody–Waite reduction and Taylor polynomials (lib/trig.wgsl)' },
};

/** Largest violation ratio |Δ| / (abs + rel·|exact|) (≤ 1 passes) and where it occurs. */
function worst(got: Float64Array, want: Float64Array, tol: (exact: number) => number): { ratio: number; at: number } {
  let ratio = 0;
  let at = -1;
  for (let i = 0; i < want.length; i++) {
    const r = Math.abs(got[i] - want[i]) / tol(want[i]);
    if (!(r <= ratio)) {
      ratio = r;
      at = i;
    }
  }
  return { ratio, at };
}

/**
 * Relative difference of two packed kernels of one network and layer: entry (a, b) is compared
 * on the scale √(K_aa K_bb) (the natural scale of an off-diagonal entry; K_aa for a diagonal one).
 */
export function kernelDifference(got: Float64Array, want: Float64Array, k: number, offset: number): number {
  let worstRel = 0;
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const scale = Math.sqrt(Math.abs(want[offset + pairIndex(k, a, a)] * want[offset + pairIndex(k, b, b)]));
      const d = Math.abs(got[offset + pairIndex(k, a, b)] - want[offset + pairIndex(k, a, b)]);
      const rel = d / (scale + 1e-30);
      if (!(rel <= worstRel)) worstRel = rel;
    }
  }
  return worstRel;
}

/** The K̂ comparisons of check 3: the brief's grid plus the corners that break implementations. */
const KERNEL_CASES: { label: string; spec: Partial<Spec> }[] = [];
for (const method of ['gram', 'explicit'] as const) {
  for (const arch of ['mlp', 'resnet'] as const) {
    for (const act of ['relu', 'tanh']) {
      KERNEL_CASES.push({ label: `${method} ${arch} ${act} n=256 L=10`, spec: { method, arch, act, n: 256, L: 10 } });
    }
  }
  KERNEL_CASES.push(
    { label: `${method} shaped (c₊=0.5, c₋=−1)`, spec: { method, arch: 'shaped', cp: 0.5, cm: -1, n: 64, L: 6 } },
    { label: `${method} mlp erf, k=5, σb²=0.3 (partial Philox quads, bias)`, spec: { method, act: 'erf', k: 5, sb2: 0.3, n: 61, L: 4 } },
    { label: `${method} resnet gelu, α=1, σb²=0.1`, spec: { method, arch: 'resnet', act: 'gelu', alpha: 1, sb2: 0.1, n: 64, L: 5 } },
    { label: `${method} identical inputs (ρ₀=1, singular G)`, spec: { method, rho0: 1, k: 3, n: 64, L: 4 } },
  );
}
KERNEL_CASES.push(
  { label: 'explicit rademacher', spec: { method: 'explicit', weights: 'rademacher', n: 64, L: 4 } },
  { label: 'explicit sparse:0.3', spec: { method: 'explicit', weights: 'sparse:0.3', act: 'tanh', n: 64, L: 4 } },
);

/**
 * Architectures with their own CPU network and a WebGPU kernel (ArchModule.cpu and .gpu): check 3 for
 * them, K̂ per network against the CPU backend (run only where the reference is the CPU backend).
 */
const OWN_NETWORK_CASES: { label: string; spec: Partial<Spec> }[] = [
  { label: 'explicit shapedattn, k=3', spec: { method: 'explicit', arch: 'shapedattn', k: 3, n: 32, L: 4 } },
  { label: 'explicit shapedtx (shaped Transformer block), k=3, c₊=1, c₋=−2', spec: { method: 'explicit', arch: 'shapedtx', k: 3, cp: 1, cm: -2, n: 32, L: 4 } },
];

export function describeConformance(
  name: string,
  makeBackend: () => Promise<SimBackend>,
  options: ConformanceOptions = {},
): void {
  describe(`SimBackend conformance: ${name}`, () => {
    let backend: SimBackend;
    let reference: KernelReference;

    beforeAll(async () => {
      backend = await makeBackend();
      if (options.reference) {
        reference = await options.reference();
      } else {
        const cpu = createCpuBackend();
        reference = { name: 'cpu backend', simulate: (job) => cpu.simulate(job) };
      }
    });
    afterAll(() => backend?.dispose());

    it('draws the same normals as NormalStream for the same keys (|Δ| ≤ 1e-5·(1+|x|): f32 log/sqrt/sin/cos)', async () => {
      const requests = [
        { seed: 1, domain: Domain.weight, net: 0, layer: 1, rows: 7, cols: 13 },
        { seed: 4294967295, domain: Domain.gramRow, net: 99999, layer: 10000, rows: 3, cols: 4 },
        { seed: 42, domain: Domain.test, net: 3, layer: 0, rows: 64, cols: 250 },
      ];
      for (const req of requests) {
        const got = await backend.normals(req);
        expect(got).toHaveLength(req.rows * req.cols);
        const stream = new NormalStream(req.seed, req.domain);
        const want = new Float64Array(req.rows * req.cols);
        for (let i = 0; i < req.rows; i++) for (let j = 0; j < req.cols; j++) want[i * req.cols + j] = stream.normal(req.net, req.layer, i, j);
        const w = worst(got, want, (x) => 1e-5 * (1 + Math.abs(x)));
        expect(w.ratio, `draw ${w.at} of ${JSON.stringify(req)}: ${got[w.at]} vs ${want[w.at]}`).toBeLessThanOrEqual(1);
      }
    });

    it('computes φ and φ′ of every registry activation as the TypeScript registry (tolerance per family)', async () => {
      const grid = Array.from({ length: 241 }, (_, i) => -6 + i * 0.05);
      const xs = Float64Array.from([...grid, 0, 1e-4, -1e-4, 0.5, -0.5, 8, -8, 12, -12], Math.fround);
      const acts = [...listActivations(), activationById('leaky:-0.5')];
      for (const act of acts) {
        const tol = ACTIVATION_TOLERANCE[act.family];
        const { phi, dphi } = await backend.activation(act.id, xs);
        for (const [what, got, f] of [['φ', phi, act.phi], ["φ'", dphi, act.dphi]] as const) {
          const want = xs.map(f);
          const w = worst(got, want, (e) => tol.abs + tol.rel * Math.abs(e) + 1e-300);
          expect(w.ratio, `${act.id} ${what}(${xs[w.at]}) = ${got[w.at]}, want ${want[w.at]} (${tol.why})`).toBeLessThanOrEqual(1);
        }
      }
    });

    describe(`gives the same K̂ per network as the reference (relative ≤ 1e-4: f32 vs f64 over ≤ 10 layers)`, () => {
      it.each(KERNEL_CASES)('$label', async ({ spec: changes }) => {
        const spec = conformanceSpec({ M: 8, seed: 7, rho0: 0.3, ...changes });
        const job: SimJob = { spec, netStart: 5, netCount: 2, recordLayers: allLayers(spec), recordPhi: true };
        if (backend.supports(job) !== undefined) throw new Error(`${name} does not support ${JSON.stringify(changes)}: ${backend.supports(job)}`);
        const got = await backend.simulate(job);
        const want = await reference.simulate(job);
        const P = pairCount(spec.k);
        expect(got.netStart).toBe(5);
        expect(got.netCount).toBe(2);
        expect(got.k).toBe(spec.k);
        expect(got.recordLayers).toEqual(job.recordLayers);
        expect(got.z).toHaveLength(2 * job.recordLayers.length * P);
        expect(got.phi).toHaveLength(2 * job.recordLayers.length * P);
        for (let m = 0; m < 2; m++) {
          for (let r = 0; r < job.recordLayers.length; r++) {
            const offset = (m * job.recordLayers.length + r) * P;
            const where = `net ${5 + m}, layer ${job.recordLayers[r]} vs ${reference.name}`;
            expect(kernelDifference(got.z, want.z, spec.k, offset), `K̂ ${where}`).toBeLessThanOrEqual(1e-4);
            expect(kernelDifference(got.phi!, want.phi!, spec.k, offset), `φ-kernel ${where}`).toBeLessThanOrEqual(1e-4);
          }
        }
      });
    });

    if (!options.reference) {
      it.each(OWN_NETWORK_CASES)('gives the same K̂ per network as the CPU backend for its own-network architectures (relative ≤ 1e-4): $label', async ({ spec: changes }) => {
        const spec = conformanceSpec({ M: 8, seed: 7, rho0: 0.3, ...changes });
        const job: SimJob = { spec, netStart: 5, netCount: 2, recordLayers: allLayers(spec) };
        if (backend.supports(job) !== undefined) throw new Error(`${name} does not support ${JSON.stringify(changes)}: ${backend.supports(job)}`);
        const got = await backend.simulate(job);
        const want = await reference.simulate(job);
        const P = pairCount(spec.k);
        expect(got.z).toHaveLength(2 * job.recordLayers.length * P);
        for (let m = 0; m < 2; m++) {
          for (let r = 0; r < job.recordLayers.length; r++) {
            const offset = (m * job.recordLayers.length + r) * P;
            expect(kernelDifference(got.z, want.z, spec.k, offset), `K̂ net ${5 + m}, layer ${job.recordLayers[r]}`).toBeLessThanOrEqual(1e-4);
          }
        }
      });
    }

    it.each([
      ['gram', 'mlp', 'relu'],
      ['gram', 'resnet', 'relu'],
      ['gram', 'mlp', 'tanh'],
      ['gram', 'shaped', 'relu'],
      ['explicit', 'mlp', 'relu'],
      ['explicit', 'resnet', 'relu'],
    ] as const)('MC mean of K̂ (%s %s %s) matches the infinite-width kernel (theoryBlock) within 4 standard errors', async (method, arch, act) => {
      // The finite-width bias of the mean (zero on the diagonal for ReLU with σw² = 2, where
      // E q^{l+1} = q^l exactly; O(L/n)·(curvature of F) off it) is well below the standard error.
      // Gram is cheap, so it gets n = M = 256 (4 SE ≈ 4% of q12: a 5% error in the mlp kernel
      // fails); explicit costs n² per layer on the CPU, so n = 128, M = 64 (catches ≳ 10% errors).
      const size = method === 'gram' ? { n: 256, M: 256 } : { n: 128, M: 64 };
      const spec = conformanceSpec({ method, arch, act, L: 4, seed: 11, rho0: 0.3, q2: 1.5, cp: 1, cm: -1, ...size });
      const layers = allLayers(spec);
      const block = await backend.simulate({ spec, netStart: 0, netCount: spec.M, recordLayers: layers });
      const theory = theoryBlock(spec);
      expect(theory.layers).toEqual(layers);
      const P = pairCount(spec.k);
      const entries = [
        [pairIndex(spec.k, 0, 0), theory.q11],
        [pairIndex(spec.k, 0, 1), theory.q12],
        [pairIndex(spec.k, 1, 1), theory.q22],
      ] as const;
      layers.forEach((layer, r) => {
        for (const [p, want] of entries) {
          let s = 0;
          let s2 = 0;
          for (let m = 0; m < spec.M; m++) {
            const v = block.z[(m * layers.length + r) * P + p];
            s += v;
            s2 += v * v;
          }
          const mean = s / spec.M;
          const se = Math.sqrt((s2 / spec.M - mean * mean) / (spec.M - 1));
          expect(Math.abs(mean - want[r]), `layer ${layer} pair ${p}: mean ${mean} ± ${se}, theory ${want[r]}`).toBeLessThanOrEqual(4 * se);
        }
      });
    });

    it.each(['gram', 'explicit'] as const)('gives the same networks however the job is split (%s)', async (method) => {
      const spec = conformanceSpec({ method, act: 'tanh', n: 48, L: 3, M: 16, k: 3 });
      const recordLayers = [1, 3];
      const whole = await backend.simulate({ spec, netStart: 3, netCount: 7, recordLayers, recordPhi: true });
      const parts = [];
      for (const [start, count] of [[3, 2], [5, 1], [6, 4]]) {
        parts.push(await backend.simulate({ spec, netStart: start, netCount: count, recordLayers, recordPhi: true }));
      }
      expect(Float64Array.from(parts.flatMap((p) => Array.from(p.z)))).toEqual(whole.z);
      expect(Float64Array.from(parts.flatMap((p) => Array.from(p.phi!)))).toEqual(whole.phi);
      if (options.makeChunked) {
        const chunked = await options.makeChunked();
        try {
          const c = await chunked.simulate({ spec, netStart: 3, netCount: 7, recordLayers, recordPhi: true });
          expect(c.z).toEqual(whole.z);
          expect(c.phi).toEqual(whole.phi);
        } finally {
          chunked.dispose();
        }
      }
    });

    it('rejects with AbortError when the signal aborts, before or during a run, and keeps working', async () => {
      const spec = conformanceSpec({ method: 'explicit', n: 128, L: 8, M: 200 });
      const job: SimJob = { spec, netStart: 0, netCount: 200, recordLayers: allLayers(spec) };
      const before = new AbortController();
      before.abort();
      await expect(backend.simulate(job, before.signal)).rejects.toMatchObject({ name: 'AbortError' });
      const during = new AbortController();
      const running = backend.simulate(job, during.signal);
      setTimeout(() => during.abort(), 5);
      await expect(running).rejects.toMatchObject({ name: 'AbortError' });
      const small = conformanceSpec({ n: 16, L: 2, M: 1 });
      const after = await backend.simulate({ spec: small, netStart: 0, netCount: 1, recordLayers: [2] });
      expect(after.z.every(Number.isFinite)).toBe(true);
    });
  });
}
