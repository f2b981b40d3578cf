/**
 * The theory sweep of issue 20's acceptance, shared by the faults test files (faults*.test.ts):
 * for every activation, σw² ∈ {2, 16, 64}, σb² ∈ {0, 64}, L = 10000 and every architecture with a
 * theory (mlp with the NTK, resnet with α ∈ {0, 1/2, 1}, shaped), no value is replaced by 0 and no
 * null appears without a fault naming its layer. Test support only (not a *.test.ts file).
 */
import { listActivations } from '../../src/core/activations.ts';
import { DEFAULT_SPEC, type Spec } from '../../src/core/spec.ts';
import { theoryBlock } from '../../src/archs/theory.ts';
import { theoryFaults, type Fault } from '../../src/experiments/faults.ts';
import type { TheoryBlock } from '../../src/experiments/result.ts';

export const SWEEP_SW2 = [2, 16, 64] as const;
export const SWEEP_SB2 = [0, 64] as const;
export const SWEEP_ALPHAS = [0, 0.5, 1] as const;
export const SWEEP_L = 10000;

/** Every activation of the registry, and leaky:-1 (|x|: the case of issue 20). */
export function sweepActivations(): string[] {
  return [...listActivations().map((a) => a.id), 'leaky:-1'];
}

/** Activations whose dual kernel is a 2-D quadrature (no closed form). */
export function quadratureActivations(): string[] {
  return listActivations()
    .filter((a) => a.dual === undefined)
    .map((a) => a.id);
}

/**
 * The values of a profile that are not finite f64 numbers with no fault of that quantity at that
 * layer or before, and the drops to 0 (after a non-zero value) with no fault of any quantity at or
 * before that layer (ρ is 0 by convention once q has underflowed to 0). Should be empty.
 */
export function unexplained(block: TheoryBlock, faults: readonly Fault[]): string[] {
  const keys = (['q11', 'q12', 'q22', 'rho', 'ntk11', 'ntk12', 'ntk22'] as const).filter((k) => block[k] !== undefined);
  const firstAny = Math.min(Infinity, ...faults.map((f) => f.layer));
  const out: string[] = [];
  for (const key of keys) {
    const values = block[key]!;
    const own = faults.find((f) => f.block === 'theory' && f.quantity === key);
    for (let i = 0; i < values.length; i++) {
      const layer = block.layers[i];
      if (!Number.isFinite(values[i]) && !(own && own.layer <= layer)) out.push(`${key} is ${values[i]} at layer ${layer} with no fault`);
      if (values[i] === 0 && i > 0 && values[i - 1] !== 0 && !(firstAny <= layer)) out.push(`${key} drops to 0 at layer ${layer} with no fault`);
    }
  }
  for (const f of faults) {
    if (!f.message.includes(`layer ${f.layer}`)) out.push(`the message of ${f.quantity} does not name layer ${f.layer}: ${f.message}`);
    if (!['overflow', 'underflow', 'nan'].includes(f.cause)) out.push(`theory fault with cause ${f.cause}`);
  }
  return out;
}

export interface SweepCase {
  readonly label: string;
  readonly spec: Spec;
}

/** The σw² × σb² cases of one architecture and activation, at L = 10000, theory only. */
export function sweepCases(arch: Spec['arch'], act: string, extra: Partial<Spec> = {}): SweepCase[] {
  const out: SweepCase[] = [];
  for (const sw2 of SWEEP_SW2) {
    for (const sb2 of SWEEP_SB2) {
      const spec: Spec = { ...DEFAULT_SPEC, arch, act, sw2, sb2, L: SWEEP_L, M: 0, ntk: arch === 'mlp', ...extra };
      out.push({ label: `${arch}${arch === 'resnet' ? ` α=${spec.alpha}` : ''} ${act} sw2=${sw2} sb2=${sb2}`, spec });
    }
  }
  return out;
}

/**
 * Computes each case once ('fast' quadrature: the sweep is about range, not the last digits; the
 * rules are the same code at a coarser step, and 'exact' is checked on the quoted inputs in
 * theory/largeQ.test.ts) and checks every layer. Returns the problems (should be empty), the number
 * of cases with a fault, and the layers checked.
 */
export function runSweep(cases: readonly SweepCase[]): { problems: string[]; faulted: number; layers: number } {
  const problems: string[] = [];
  let faulted = 0;
  let layers = 0;
  for (const c of cases) {
    const block = theoryBlock(c.spec, { precision: 'fast' });
    const faults = theoryFaults(block);
    layers += block.layers.length;
    if (block.layers[block.layers.length - 1] !== c.spec.L) problems.push(`${c.label}: the profile ends at layer ${block.layers[block.layers.length - 1]}, not L`);
    problems.push(...unexplained(block, faults).map((p) => `${c.label}: ${p}`));
    if (faults.length > 0) faulted++;
  }
  return { problems, faulted, layers };
}
