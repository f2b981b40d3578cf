/**
 * The depth and distribution views for arch=attention / arch=shapedattn, derived from a run: what
 * the captions say holds for the data (no limit line where none exists, a flat limit ρ₀ for shaped
 * attention, ρ̂ climbing towards 1 for standard attention), and no dense-chain words (σw², φ).
 */
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../../src/backends/cpu/cpuBackend.ts';
import { runLab } from '../../../src/experiments/runLab.ts';
import { decodeSpec } from '../../../src/url/codec.ts';
import { depthPlot } from '../../views/depthData.ts';
import type { Spec } from '../../../src/core/spec.ts';
import { pageArch } from '../index.ts';

const attentionPageText = (spec: Spec) => pageArch(spec).ownWords?.(spec);

async function run(query: string) {
  const d = decodeSpec(query);
  expect(d.issues).toEqual([]);
  const { result } = await runLab(d.spec, { backend: createCpuBackend() });
  return { spec: d.spec, result };
}

describe('attention in the depth and distribution views', () => {
  it('standard attention: no limit line and no fault marker; the median climbs towards 1, as the caption says', async () => {
    const { spec, result } = await run('arch=attention&k=3&n=32&L=12&M=60&rho0=0.2');
    const plot = depthPlot('rho', spec, { block: result.theory }, result.mc, result.faults);
    expect(plot.series.map((s) => s.id)).not.toContain('limit');
    expect(plot.series.some((s) => s.kind === 'fault')).toBe(false);
    expect(plot.xDomain![0]).toBeLessThan(0); // layer 0 (the embedding) is on the axis
    const p50 = result.mc!.rho.p50;
    expect(p50[p50.length - 1]).toBeGreaterThan(p50[0] + 0.5);
    const text = attentionPageText(spec)!;
    expect(text.depthRho('')).toMatch(/no limit line is drawn/);
    expect(text.depthRho('') + text.depthQ + text.histRho('60')).not.toMatch(/sigma_w|pre-activation|varphi/);
    expect(text.summary).toBe('standard attention, k = 3 tokens, n = 32, n_k = 32, γ² = 0.5, L = 12');
  });

  it('shaped attention: the limit at fixed L is the flat line ρ₀, drawn; the networks spread around it', async () => {
    const { spec, result } = await run('arch=shapedattn&k=3&n=32&L=32&M=60&rho0=0.2');
    const plot = depthPlot('rho', spec, { block: result.theory }, result.mc, result.faults);
    const limit = plot.series.find((s) => s.id === 'limit');
    expect(limit).toBeDefined();
    expect(result.theory.rho.every((r) => r === 0.2)).toBe(true);
    const mc = result.mc!.rho;
    // "the spread of ρ̂ stays of order one" at T = 1: the p05–p95 band is wider than 1.
    expect(mc.p95[mc.p95.length - 1] - mc.p05[mc.p05.length - 1]).toBeGreaterThan(1);
    expect(attentionPageText(spec)!.depthRho('')).toMatch(/\\rho\^\{\\ell\} = \\rho_0/);
  });

  it('other architectures keep their own words', () => {
    expect(attentionPageText(decodeSpec('arch=shaped').spec)).toBeUndefined();
    expect(attentionPageText(decodeSpec('arch=mlp').spec)).toBeUndefined();
  });
});
