/**
 * arch=attention and arch=shapedattn through the registry, the URL schema, the CPU backend and the
 * result document (the CLI JSON of DESIGN.md §6): the `sde` block is the law of the token-covariance
 * SDE at T = L/n (checked against the independent fixture), the `mc` block the CPU networks, the
 * planner prices the networks, and bad input is refused with the key, the value and the range.
 */
import { describe, expect, it } from 'vitest';
import fixtures from '../../../tools/fixtures/attention.json';
import { createCpuBackend } from '../../backends/cpu/cpuBackend.ts';
import type { Spec } from '../../core/spec.ts';
import { costIssues, planSpec } from '../../experiments/plan.ts';
import { runLab } from '../../experiments/runLab.ts';
import { decodeSpec } from '../../url/codec.ts';
import { crossKeyIssues } from '../../core/validate.ts';
import { attentionNetworkSize, sdePlan } from './index.ts';

function spec(query: string): Spec {
  const d = decodeSpec(query);
  expect(d.issues).toEqual([]);
  return d.spec;
}

describe('attention architectures through the registry', () => {
  it('shapedattn: the sde block is the SDE law of ρ₀₁ at T = L/n (vs the fixture within 4 SE)', async () => {
    const s = spec('arch=shapedattn&k=3&n=64&L=64&M=40&rho0=0.2&q1=1&q2=1');
    const { result } = await runLab(s, { backend: createCpuBackend() });
    expect(result.sde!.T).toBe(1);
    const ref = fixtures.sde.find((x) => x.T === 1)!.pairs[0];
    const paths = sdePlan(1).paths;
    for (const k of ['mean', 'sd'] as const) {
      // SE of our paths: sd/√P for the mean, ≈ sd/√(2P) for the sd (the law is not far from normal in atanh).
      const se = (k === 'mean' ? ref.stats.sd / Math.sqrt(paths) : ref.stats.sd / Math.sqrt(2 * paths)) * 1.2;
      expect(Math.abs(result.sde!.rho[k] - ref.stats[k])).toBeLessThan(4 * Math.hypot(se, ref.se[k]));
    }
    // log V₀₀(T)/V₀₀(0): the value noise alone gives mean −γ²(2 − γ²)T = −0.75 and var 2γ²(2 − γ²)T = 1.5
    // (docs/shaped-transformer.md §4.1 remark (ii)); the attention drift (O(γ²/τ₀²)) and the stopping
    // move them by less than 0.2 here.
    expect(Math.abs(result.sde!.logVaa.mean + 0.75)).toBeLessThan(0.2);
    expect(Math.abs(result.sde!.logVaa.var - 1.5)).toBeLessThan(0.4);
    // Infinite width at fixed L: V_l = K_in at every layer, layers 0..L.
    expect(result.theory.layers[0]).toBe(0);
    expect(result.theory.rho.every((r) => Math.abs(r - 0.2) < 1e-15)).toBe(true);
    // The networks (layer 0: the embedding, V₀ ~ Wishart(K_in, n)/n, E ρ ≈ ρ₀ − O(1/n)).
    expect(result.mc!.layers[0]).toBe(0);
    expect(Math.abs(result.mc!.rho.mean[0] - 0.2)).toBeLessThan(4 * (1 - 0.04) / Math.sqrt(64 * 40));
  });

  it('attention: no sde block, no deterministic infinite-width kernel (NaN), and ρ → 1 in the mc block', async () => {
    const s = spec('arch=attention&k=3&n=32&L=16&M=40&rho0=0.2');
    const { result } = await runLab(s, { backend: createCpuBackend() });
    expect(result.sde).toBeUndefined();
    expect(result.theory.rho.every((r) => Number.isNaN(r))).toBe(true);
    const last = result.mc!.rho.mean[result.mc!.rho.mean.length - 1];
    expect(last).toBeGreaterThan(0.999);
    expect(result.mc!.rho.mean[0]).toBeLessThan(0.5);
  });

  it('refuses bad keys and combinations with the key, the value and the allowed range', () => {
    expect(decodeSpec('arch=shapedattn&gamma2=1.5').issues[0].message).toMatch(/gamma2.*1\.5.*\(0, 1\]/);
    expect(decodeSpec('arch=shapedattn&tau0=0').issues[0].message).toMatch(/tau0.*0.*\[0\.05, 100\]/);
    expect(decodeSpec('arch=attention&nk=-1').issues[0].key).toBe('nk');
    // decodeSpec runs the cross-key rules too (core/validate.ts → the module's `issues`).
    const cross = (q: string) => decodeSpec(q).issues;
    expect(cross('arch=attention&k=4&n=6')[0].message).toMatch(/n=6 with method=gram and k=4 tokens.*allowed: n ≥ 8, or method=explicit/);
    expect(cross('arch=shapedattn&k=3&nk=2')[0].message).toMatch(/nk=2 .*allowed: nk ≥ 3/);
    expect(cross('arch=attention&weights=orthogonal&method=explicit')[0].message).toMatch(/weights=orthogonal with arch=attention.*allowed: weights=gaussian/);
    expect(cross('arch=shapedattn&ntk=1')[0].key).toBe('ntk');
    expect(cross('arch=shapedattn&k=3&n=64&L=64&method=explicit')).toEqual([]);
    expect(crossKeyIssues({ ...spec('arch=shapedattn&k=3'), nk: 2 } as Spec)).toHaveLength(1);
  });

  it('the planner prices the networks: explicit ≈ 3 dense layers per attention layer, and refuses what would not finish', () => {
    const s = spec('arch=attention&k=3&n=256&L=10&M=100&method=explicit');
    const size = attentionNetworkSize(s, { method: 'explicit', n: 256, L: 10, k: 3, M: 100, recorded: 11 });
    expect(size.L).toBe(31); // 1 + 10·(1 + 2·256/256)
    expect(planSpec(s).sizes[0].L).toBe(31);
    const gram = spec('arch=shapedattn&k=3&n=4096&L=4096&M=100');
    expect(planSpec(gram).sizes[0].n).toBe(6);
    expect(costIssues(s, 'cpu')).toEqual([]);
    const huge = spec('arch=attention&k=8&n=4096&L=2000&M=1000&method=explicit');
    const refused = costIssues(huge, 'cpu');
    expect(refused).toHaveLength(1);
    expect(refused[0].message).toMatch(/expected to take about .* over the limit/);
  });
});

describe('the sde view of shaped attention is priced as attention networks', () => {
  it('every size of the view goes through networkSize (gram: width 2k)', () => {
    const s = decodeSpec('view=sde&arch=shapedattn&k=3&n=64&L=64&M=200&nmin=8&nmax=64').spec;
    const plan = planSpec(s);
    expect(plan.sizes.length).toBeGreaterThan(2);
    for (const size of plan.sizes) expect(size.n).toBe(6);
  });
});
