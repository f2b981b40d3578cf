import { describe, expect, it } from 'vitest';
import fixture from '../../../tools/fixtures/signature_kernel.json';
import { activation } from '../../core/activations.ts';
import { buildPaths, type Path } from '../../core/paths.ts';
import { dualKernels } from '../../theory/dual.ts';
import { logLogSlope } from '../../experiments/fit.ts';
import { pdeGram, pdeKernel, pdeKernelAt, PDE_ORDER, type NskParams } from './pde.ts';

function plPath(points: number[][]): Path {
  const d = points[0].length;
  const r = buildPaths(`pl:${points.flat().join(',')}_pl:${points.flat().join(',')}`, d);
  if (!r.ok) throw new Error(r.reason);
  return r.value[0];
}

function sinePath(token: string, d: number): Path {
  const r = buildPaths(`${token}_${token}`, d);
  if (!r.ok) throw new Error(r.reason);
  return r.value[0];
}

// The fixture's sine case is the lab's documented preset sine:0.75,0.1,0.2 (64 equal steps).
const SINE_TOKENS: Record<string, string> = { 'sine-pl': 'sine:0.75,0.1,0.2', 'sine-line': 'sine:1,0,0.15' };

const identity = (s02: number, sa2: number, sb2: number): NskParams => ({ s02, sa2, sb2, V: dualKernels(activation('identity')).F });

function casePaths(c: (typeof fixture.cases)[number]): [Path, Path] {
  const d = c.x[0].length;
  const x = SINE_TOKENS[c.name] ? sinePath(SINE_TOKENS[c.name], d) : plPath(c.x);
  const y = plPath(c.y);
  return [x, y];
}

describe('neural signature kernel PDE, φ = id: the signature kernel (truncated signatures, tools/fixtures)', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s: Richardson value within 1e−6 relative, and within its error estimate', (_name, c) => {
    const [x, y] = casePaths(c);
    // For the sine case, check the preset's knots are the fixture's (independently written formula).
    if (SINE_TOKENS[c.name]) expect(Math.max(...Array.from(x.values, (v, i) => Math.abs(v - c.x[Math.floor(i / 2)][i % 2])))).toBeLessThan(1e-15);
    // Paths of 64 segments (the sine preset) need less refinement than those of 2–4 segments.
    const r = pdeKernel(x, y, SINE_TOKENS[c.name] ? 1 : 3, identity(c.s02, c.sa2, c.sb2));
    // Tolerance 1e−6 relative (the acceptance); the truncation error of the fixture is < 1e−9.
    expect(Math.abs(r.extrapolated - c.kernel) / Math.abs(c.kernel)).toBeLessThan(1e-6);
    // The finer value's error is what the estimate claims, up to a factor 2 (Richardson is asymptotic).
    expect(Math.abs(r.value - c.kernel)).toBeLessThanOrEqual(2 * r.errorEstimate + 1e-13);
  });

  it('the error falls at the stated order p = 2 as the grid refines (fitted slope of log error vs log h)', () => {
    for (const c of fixture.cases.filter((c) => !SINE_TOKENS[c.name])) {
      const [x, y] = casePaths(c);
      const levels = [2, 3, 4, 5, 6];
      const errs = levels.map((lvl) => Math.abs(pdeKernelAt(x, y, lvl, identity(c.s02, c.sa2, c.sb2)) - c.kernel));
      const slope = logLogSlope(levels.map((l) => 2 ** -l), errs);
      // log error = p log h + c + O(h): over h = 1/4 … 1/64 the fitted slopes are 1.88–2.06.
      expect(Math.abs(slope - PDE_ORDER), `${c.name}: slope ${slope}`).toBeLessThan(0.15);
    }
  });

  it('the Gram matrix is symmetric and its entries are the pairwise kernels', () => {
    const c = fixture.cases[0];
    const [x, y] = casePaths(c);
    const G = pdeGram([x, y], 4, identity(1, 1, 0));
    expect(G[0][1].value).toBe(G[1][0].value);
    expect(Math.abs(G[0][1].extrapolated - c.kernel) / c.kernel).toBeLessThan(1e-6);
    const self = fixture.cases.find((k) => k.name === 'self')!;
    expect(Math.abs(G[0][0].extrapolated - self.kernel) / self.kernel).toBeLessThan(1e-6);
  });
});

describe('neural signature kernel PDE, nonlinear φ (erf, relu)', () => {
  const paths = buildPaths('pl:0,0,0.5,0.4,0.9,0.1,0.6,-0.5_pl:0,0,0.8,0.3,0.2,0.9', 2);
  if (!paths.ok) throw new Error(paths.reason);
  const [x, y] = paths.value;

  it.each(['erf', 'relu'])('%s: the error falls at order 2 (differences of successive levels shrink 4×)', (act) => {
    const p: NskParams = { s02: 1, sa2: 1.5, sb2: 0.1, V: dualKernels(activation(act)).F };
    const vals = [0, 1, 2, 3, 4].map((lvl) => pdeKernelAt(x, y, lvl, p));
    const diffs = vals.slice(1).map((v, i) => Math.abs(v - vals[i]));
    const slope = logLogSlope([1, 2, 3, 4].map((l) => 2 ** -l), diffs);
    expect(Math.abs(slope - PDE_ORDER), `slope ${slope}`).toBeLessThan(0.15);
  });

  it('φ = relu is not the identity kernel: the PDE depends on φ', () => {
    const pRelu: NskParams = { s02: 1, sa2: 1, sb2: 0, V: dualKernels(activation('relu')).F };
    const relu = pdeKernel(x, y, 4, pRelu);
    const lin = pdeKernel(x, y, 4, identity(1, 1, 0));
    expect(Math.abs(relu.extrapolated - lin.extrapolated)).toBeGreaterThan(100 * (relu.errorEstimate + lin.errorEstimate));
  });
});
