/**
 * arch=shapedtx through the registry, the URL schema, the CPU backend and the result document (the
 * CLI JSON of DESIGN.md §6): the `sde` block is the block SDE's law at T = L/n, the `mc` block the
 * CPU networks, the planner prices them, and bad input is refused with the key, the value and the range.
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../backends/cpu/cpuBackend.ts';
import type { Spec } from '../../core/spec.ts';
import { costIssues, planSpec } from '../../experiments/plan.ts';
import { runLab } from '../../experiments/runLab.ts';
import { decodeSpec } from '../../url/codec.ts';
import { archModule } from '../index.ts';
import { blockNetworkSize } from './index.ts';

function spec(query: string): Spec {
  const d = decodeSpec(query);
  expect(d.issues).toEqual([]);
  return d.spec;
}

describe('arch=shapedtx through the registry', () => {
  it('is registered with its own key and views; old keys keep their defaults', () => {
    const m = archModule('shapedtx');
    expect(m.views).toEqual(['depth', 'hist', 'sde']);
    expect(m.params.map((p) => p.key)).toEqual(['gamma2m']);
    expect((spec('arch=shapedtx') as Spec & { gamma2m: number }).gamma2m).toBe(0.5);
  });

  it('the sde block: log V₀₀ has mean −κT and variance 2κT (κ = γ₁²(2 − γ₁²) + 2γ₂²) up to the attention terms; theory is K_in; mc starts at the embedding', async () => {
    const s = spec('arch=shapedtx&k=3&n=64&L=16&M=30&rho0=0.2');
    const { result } = await runLab(s, { backend: createCpuBackend() });
    expect(result.sde!.T).toBe(0.25);
    // From the value and MLP weights alone (Σ_lin with κ = 0.75 + 1 = 1.75): mean −κT = −0.4375 and
    // var 2κT = 0.875 at T = 0.25. The attention drift (O(γ₁²/τ₀²)) and noise move them by a few
    // hundredths (4000 paths: SE of the mean ≈ 0.015, of the variance ≈ 0.02).
    expect(Math.abs(result.sde!.logVaa.mean + 0.4375)).toBeLessThan(0.1);
    expect(Math.abs(result.sde!.logVaa.var - 0.875)).toBeLessThan(0.2);
    expect(result.sde!.rho.p05).toBeLessThan(result.sde!.rho.p95);
    expect(result.theory.layers[0]).toBe(0);
    expect(result.theory.rho.every((r) => Math.abs(r - 0.2) < 1e-15)).toBe(true);
    expect(result.mc!.layers[0]).toBe(0);
    expect(result.mc!.layers).toHaveLength(17);
    // Layer 0 is the embedding, V₀ ~ Wishart(K_in, n)/n: E ρ̂ = ρ₀ + O(1/n), sd ≈ (1 − ρ₀²)/√n per network.
    expect(Math.abs(result.mc!.rho.mean[0] - 0.2)).toBeLessThan(4 * (1 - 0.04) / Math.sqrt(64 * 30) + 0.01);
  });

  it('explicit and gram networks run through the CPU backend', async () => {
    const { result } = await runLab(spec('arch=shapedtx&k=3&n=16&L=4&M=8&method=explicit'), { backend: createCpuBackend() });
    expect(result.mc!.M).toBe(8);
    expect(result.mc!.rho.mean.every((r) => Number.isFinite(r) && Math.abs(r) <= 1)).toBe(true);
  });

  it('refuses bad keys and combinations with the key, the value and the allowed range', () => {
    expect(decodeSpec('arch=shapedtx&gamma2m=1.5').issues[0].message).toMatch(/gamma2m.*1\.5.*\(0, 1\]/);
    expect(decodeSpec('arch=shapedtx&gamma2m=0').issues[0].message).toMatch(/gamma2m.*0.*\(0, 1\]/);
    const cross = (q: string) => decodeSpec(q).issues;
    expect(cross('arch=shapedtx&k=4&n=6')[0].message).toMatch(/n=6 with method=gram and k=4 tokens.*allowed: n ≥ 8, or method=explicit/);
    expect(cross('arch=shapedtx&ntk=1')[0].key).toBe('ntk');
    expect(cross('arch=shapedtx&weights=orthogonal&method=explicit')[0].message).toMatch(/weights=orthogonal with arch=shapedtx.*allowed: weights=gaussian/);
    expect(cross('arch=shapedtx&n=1&cp=-1&cm=-1&method=explicit').some((i) => i.key === 'cp')).toBe(true);
    expect(cross('arch=shapedtx&k=3&n=64&L=64&method=explicit&cp=1.5&cm=-1.5&gamma2m=0.3')).toEqual([]);
  });

  it('the planner prices the networks (explicit ≈ 5 dense layers per block, gram a gram chain of width n + 2k) and refuses what would not finish', () => {
    const s = spec('arch=shapedtx&k=3&n=256&L=10&M=100&method=explicit');
    expect(blockNetworkSize(s, { method: 'explicit', n: 256, L: 10, k: 3, M: 100, recorded: 11 }).L).toBe(51); // 1 + 10·(3 + 2)
    expect(planSpec(s).sizes[0].L).toBe(51);
    expect(planSpec(spec('arch=shapedtx&k=3&n=512&L=64')).sizes[0].n).toBe(518);
    expect(costIssues(s, 'cpu')).toEqual([]);
    const refused = costIssues(spec('arch=shapedtx&k=8&n=4096&L=2000&M=1000&method=explicit'), 'cpu');
    expect(refused).toHaveLength(1);
    expect(refused[0].message).toMatch(/expected to take about .* over the limit/);
  });
});
