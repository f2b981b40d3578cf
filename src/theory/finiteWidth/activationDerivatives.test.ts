import { describe, expect, it } from 'vitest';
import { activation } from '../../core/activations.ts';
import { higherDerivatives } from './activationDerivatives.ts';

/**
 * Each derivative against a central difference of the one below it, starting from the registry's
 * φ' (an independent, generic route). Step h = 1e−4: truncation ~h²·|f'''| ≲ 1e−7, rounding
 * ~ε/h ≈ 2e−12 per level; the tolerance 2e−6 covers both, the deepest level included.
 */
const H = 1e-4;
const diff = (f: (x: number) => number, x: number) => (f(x + H) - f(x - H)) / (2 * H);

describe('φ″, φ‴, φ⁗ of the smooth activations agree with differences of the registry φ′', () => {
  for (const id of ['tanh', 'erf', 'gelu', 'silu', 'softplus', 'sin']) {
    it(id, () => {
      const act = activation(id);
      const d = higherDerivatives(act)!;
      for (const x of [-3.1, -1.2, -0.3, 0, 0.45, 1.7, 2.9]) {
        expect(Math.abs(d.d2(x) - diff(act.dphi, x)), `φ″(${x})`).toBeLessThan(2e-6);
        expect(Math.abs(d.d3(x) - diff(d.d2, x)), `φ‴(${x})`).toBeLessThan(2e-6);
        expect(Math.abs(d.d4(x) - diff(d.d3, x)), `φ⁗(${x})`).toBeLessThan(2e-6);
      }
    });
  }

  it('piecewise-linear activations have none (their kinks are handled in closed form)', () => {
    expect(higherDerivatives(activation('relu'))).toBeUndefined();
    expect(higherDerivatives(activation('identity'))).toBeUndefined();
  });
});
