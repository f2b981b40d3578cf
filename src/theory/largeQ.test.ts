/**
 * Issue 20 §1: the closed forms and the recursions hold for every value f64 can represent, checked
 * against mpmath at 25 digits with an unbounded exponent (tools/fixtures/make_large_q_fixtures.py,
 * written from the papers, not from this code). Where the true value leaves f64 the theory block
 * stops and theoryFaults names the first layer: the layer where the mpmath value passes 1.8e308.
 */
import { describe, expect, it } from 'vitest';
import fixtures from '../../tools/fixtures/large_q.json';
import { activation } from '../core/activations.ts';
import { decodeSpec } from '../url/codec.ts';
import { F64_MIN_NORMAL, theoryFaults } from '../experiments/faults.ts';
import { theoryBlock } from '../archs/theory.ts';

interface DualRow {
  act: string;
  a: string;
  c: string;
  b: string;
  F: string;
  Fp: string;
}
interface Profile {
  layers: number[];
  q11: string[];
  q12?: string[];
  q22: string[];
  rho?: string[];
}

/**
 * Relative tolerance for one fixture point. 1e−13 for well-conditioned points;
 * at ρ = 0.999999 the f64 input c itself is rounded (1e−16 relative), which moves 1 − ρ² by
 * 1e−10 relative: F' and sin, which depend on it, get 1e−9 (measured ≤ 5e−14).
 */
function tolerance(row: DualRow): number {
  const rho = Number(row.c) / Math.sqrt(Number(row.a)) / Math.sqrt(Number(row.b));
  return Math.abs(rho) > 0.9999 && Math.abs(rho) < 1 ? 1e-9 : 1e-13;
}

describe('closed-form dual kernels at large q against mpmath (a up to 1e300)', () => {
  const rows = fixtures.duals as DualRow[];
  it('covers relu, leaky, abs, identity, erf, gelu and sin up to a = 1e300', () => {
    expect(new Set(rows.map((r) => r.act))).toEqual(new Set(['relu', 'leaky:0.1', 'abs', 'identity', 'erf', 'gelu', 'sin']));
    expect(Math.max(...rows.map((r) => Number(r.a)))).toBe(1e300);
  });
  it.each(['relu', 'leaky:0.1', 'abs', 'identity', 'erf', 'gelu', 'sin'])('%s: F and F′ equal mpmath wherever the value is a normal f64, and are below 2.2e−308 where it is not', (id) => {
    const act = activation(id);
    for (const row of rows.filter((r) => r.act === id)) {
      const [a, c, b] = [Number(row.a), Number(row.c), Number(row.b)];
      for (const [name, f] of [['F', act.dual!], ['Fp', act.dualDeriv!]] as const) {
        const want = Number(row[name]);
        const got = f(a, c, b);
        const where = `${id} ${name}(${row.a}, ${row.c}, ${row.b})`;
        if (Math.abs(want) < F64_MIN_NORMAL) expect(Math.abs(got), where).toBeLessThan(F64_MIN_NORMAL);
        else expect(Math.abs(got - want) / Math.abs(want), where).toBeLessThan(tolerance(row));
      }
    }
  });
});

describe('the inputs quoted in issue 20: theory against mpmath, and the fault at the layer where mpmath leaves f64', () => {
  const profiles = fixtures.profiles as Record<string, Profile>;
  it.each(Object.keys(profiles))('%s', (query) => {
    const want = profiles[query];
    const { spec, issues } = decodeSpec(query);
    expect(issues).toEqual([]);
    const block = theoryBlock(spec);
    const faults = theoryFaults(block);
    const offset = block.layers[0];
    let overflowLayer: number | undefined;
    for (const key of ['q11', 'q12', 'q22', 'rho'] as const) {
      const values = want[key];
      if (!values) continue;
      values.forEach((s, i) => {
        const layer = want.layers[i];
        const exact = Number(s);
        const got = block[key][layer - offset];
        if (Number.isFinite(exact)) {
          // Relative 1e−11: rounding accumulates over ≤ 1024 layers (measured ≤ 4e−13);
          // softplus (q11 by quadrature at q up to 1e308) 1e−9.
          expect(Math.abs(got - exact) / Math.abs(exact), `${key} at layer ${layer}: ${got} vs ${s}`).toBeLessThan(query.includes('softplus') ? 1e-9 : 1e-11);
        } else if (key !== 'rho') {
          overflowLayer = Math.min(overflowLayer ?? Infinity, layer);
        }
      });
    }
    const q11Fault = faults.find((f) => f.quantity === 'q11');
    if (overflowLayer === undefined) {
      // Finite all the way (sin, gelu): no fault, no null, no 0 in place of a value.
      expect(faults.filter((f) => f.cause === 'overflow' || f.cause === 'nan')).toEqual([]);
      expect(block.q11.every((x) => Number.isFinite(x) && x > 0)).toBe(true);
      expect(block.rho.every((x) => Number.isFinite(x) && x > 0)).toBe(true);
    } else {
      expect(q11Fault).toMatchObject({ block: 'theory', layer: overflowLayer, cause: 'overflow' });
      expect(q11Fault!.message).toContain(`layer ${overflowLayer}`);
      // Before it, ρ is never replaced by 0 (the old √(q11·q22) overflowed at q ≈ 1.3e154).
      for (let l = offset; l < overflowLayer; l++) expect(block.rho[l - offset], `ρ at layer ${l}`).toBeGreaterThan(0.4);
      if (spec.arch !== 'mlp' || ['relu', 'identity', 'leaky:-1'].includes(spec.act)) {
        // Positively homogeneous φ: ρ is scale-free and goes on to layer L (K = 2^e·K̂, nngp.ts).
        expect(faults.find((f) => f.quantity === 'rho')).toBeUndefined();
        expect(block.rho.every((r) => r > 0.4 && r <= 1)).toBe(true);
      } else {
        expect(faults.find((f) => f.quantity === 'rho')).toMatchObject({ layer: overflowLayer, cause: 'overflow' });
      }
    }
  });
});
