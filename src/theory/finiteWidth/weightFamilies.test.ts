import { describe, expect, it } from 'vitest';
import { activation } from '../../core/activations.ts';
import { dualKernels } from '../dual.ts';
import { inputKernel, mlpKernelRecursion } from '../nngp.ts';
import { familyLimitKernel } from './weightFamilies.ts';

const geometry = { q1: 1, q2: 0.7, rho0: 0.4 };

describe('familyLimitKernel', () => {
  const nngp = (act: string, L: number) => mlpKernelRecursion(dualKernels(activation(act)), 1.5, 0.1, inputKernel(geometry.q1, geometry.q2, geometry.rho0), L);

  it('gaussian, orthogonal, rademacher and sparse: exactly the NNGP recursion', () => {
    const ref = nngp('tanh', 5);
    for (const family of [{ kind: 'gaussian' as const }, { kind: 'orthogonal' as const }, { kind: 'rademacher' as const }, { kind: 'sparse' as const, p: 0.3 }]) {
      const f = familyLimitKernel(activation('tanh'), family, 1.5, 0.1, geometry, 5);
      expect(f.kind).toBe('nngp');
      for (let l = 0; l < 5; l++) {
        expect(f.K[l][0]).toBe(ref.k11[l]);
        expect(f.K[l][1]).toBe(ref.k12[l]);
        expect(f.K[l][2]).toBe(ref.k22[l]);
      }
    }
  });

  it('low rank: flagged as a random limit whose mean is off the NNGP by O(1/r)', () => {
    const low = familyLimitKernel(activation('tanh'), { kind: 'lowrank', r: 4 }, 1.5, 0.1, geometry, 5);
    expect(low.kind).toBe('random');
    expect(low.note).toMatch(/O\(1\/r\)/);
  });
});
