/**
 * The depth and distribution views for arch=shapedtx, derived from a run: the flat limit ρ₀ at fixed
 * L is drawn, the networks' spread stays of order one at T = 1 as the caption says, the log-length
 * variance grows as stated (value and MLP weights), and no dense-chain words (σw², pre-activations).
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../../src/backends/cpu/cpuBackend.ts';
import { runLab } from '../../../src/experiments/runLab.ts';
import { decodeSpec } from '../../../src/url/codec.ts';
import { depthPlot } from '../../views/depthData.ts';
import { pageArch } from '../index.ts';

describe('the shaped Transformer block in the depth and distribution views', () => {
  it('the limit at fixed L is the flat line ρ₀, drawn; the networks spread around it; the words are the block\'s', async () => {
    const d = decodeSpec('arch=shapedtx&k=3&n=16&L=16&M=60&rho0=0.2');
    expect(d.issues).toEqual([]);
    const { result } = await runLab(d.spec, { backend: createCpuBackend() });
    const plot = depthPlot('rho', d.spec, { block: result.theory }, result.mc, result.faults);
    expect(plot.series.find((s) => s.id === 'limit')).toBeDefined();
    expect(result.theory.rho.every((r) => r === 0.2)).toBe(true);
    const mc = result.mc!.rho;
    // "the spread of ρ̂ stays of order one" at T = 1: the p05–p95 band is wider than 1.
    expect(mc.p95[mc.p95.length - 1] - mc.p05[mc.p05.length - 1]).toBeGreaterThan(1);
    const words = pageArch(d.spec).ownWords!(d.spec);
    expect(words.depthRho('')).toMatch(/\\rho\^\{\\ell\} = \\rho_0/);
    expect(words.depthRho('') + words.depthQ + words.histRho('60')).not.toMatch(/sigma_w|pre-activation/);
    expect(words.summary).toBe('shaped Transformer blocks (shaped attention, τ₀ = 1, γ₁² = 0.5; shaped-ReLU MLP, c₊ = 0, c₋ = -1, γ₂² = 0.5), k = 3 tokens, n = 16, n_k = 16, L = 16');
    expect(words.sde).toBeDefined();
    // "from the value and MLP weights alone its variance grows like (2γ₁²(2 − γ₁²) + 4γ₂²) ℓ/n": the
    // sde block's variance of log V₀₀ at T = 1 is 2κT = 3.5 up to the attention terms and stopping.
    expect(words.depthQ).toMatch(/2\\gamma_1\^2\(2-\\gamma_1\^2\) \+ 4\\gamma_2\^2/);
    expect(Math.abs(result.sde!.logVaa.var - 3.5)).toBeLessThan(0.8);
  });
});
