/**
 * The comparison view's captions are computed from the engine's block (STYLE.md rule 8): derived
 * here from runs of the engine (a deep one where standard attention has collapsed, a shallow one
 * where it has not), and the plot data carries every curve the captions talk about.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CollapseBlock } from '../../src/archs/attention/collapse.ts';
import { createCpuBackend } from '../../src/backends/cpu/cpuBackend.ts';
import { runSpec } from '../../src/experiments/runSpec.ts';
import { decodeSpec } from '../../src/url/codec.ts';
import { collapseDepthCaption, collapseDepthPlot, collapseLawCaption, collapseLawPlot, collapseLayer, formatCorrelation, formatMeanSe } from './collapseData.ts';
import { formatValue } from './labels.ts';

async function run(query: string): Promise<CollapseBlock> {
  const d = decodeSpec(query);
  expect(d.issues).toEqual([]);
  return (await runSpec(d.spec, { backend: createCpuBackend() })).collapse as CollapseBlock;
}

describe('collapse captions from the data', () => {
  let deep: CollapseBlock;
  let shallow: CollapseBlock;
  beforeAll(async () => {
    deep = await run('view=collapse&arch=attention&k=3&rho0=0.2&n=32&L=24&M=60');
    shallow = await run('view=collapse&arch=shapedattn&k=3&rho0=0.2&n=32&L=2&M=60');
  }, 60_000);

  it('deep: standard attention has collapsed, and the caption gives the run’s own numbers', () => {
    const c = collapseDepthCaption(deep, 60);
    const std = deep.standard!.last;
    expect(std.summary.mean).toBeGreaterThan(0.99);
    expect(c).toContain(`mean $\\bar\\rho$ = ${formatCorrelation(std.summary.mean)} at $\\ell = 24$`);
    expect(c).toContain(`above 0.99 from $\\ell = ${collapseLayer(deep)}$ on`);
    expect(c).toContain('rank collapse');
    expect(c).toContain(formatMeanSe(deep.shaped!.last.summary.mean, deep.shaped!.last.meanSe));
    expect(c).toContain(formatMeanSe(deep.sde!.last.summary.mean, deep.sde!.last.meanSe));
    expect(c).toContain(`$T = L/n = ${formatValue(24 / 32, 3)}$`);
    // The step-bias verdict follows the numbers.
    expect(c).toContain(Math.abs(deep.sde!.stepBias) < deep.sde!.last.meanSe ? 'below its Monte Carlo SE' : 'not below its Monte Carlo SE');
    const law = collapseLawCaption(deep, 60);
    expect(law).toContain(`sd ${formatValue(deep.shaped!.last.summary.sd, 2)}`);
    expect(law).toContain(deep.standard!.last.summary.p05 > 0.99 ? 'a spike at 1' : '90 % range');
  });

  it('shallow (L = 2): no collapse claimed', () => {
    const c = collapseDepthCaption(shallow, 60);
    expect(shallow.standard!.last.summary.mean).toBeLessThan(0.99);
    expect(c).toContain('not yet above 0.99');
    expect(c).not.toContain('rank collapse');
    expect(collapseLayer(shallow)).toBeUndefined();
    expect(collapseLawCaption(shallow, 60)).not.toContain('a spike at 1');
  });

  it('the plots carry both kinds, the SDE mean and quantiles, and the SDE density over the shaped histogram', () => {
    const ids = collapseDepthPlot(deep).series.map((s) => s.id);
    expect(ids).toEqual(['standard-band', 'standard-mean', 'shaped-band', 'shaped-mean', 'sde-mean', 'sde-p05', 'sde-p95', 'one']);
    const shaped = collapseLawPlot(deep, 'shaped');
    expect(shaped.curves?.map((c) => c.id)).toEqual(['sde-density']);
    expect(shaped.bins).toHaveLength(64);
    // Densities on [−1, 1]: the bars integrate to 1.
    expect(shaped.bins.reduce((s, b) => s + b.count * (b.x1 - b.x0), 0)).toBeCloseTo(1, 12);
    expect(collapseLawPlot(deep, 'standard').curves).toEqual([]);
  });

  it('partial blocks: the caption says what is still running, no numbers', () => {
    const partial: CollapseBlock = { ...deep, standard: undefined, shaped: undefined };
    expect(collapseDepthCaption(partial, 60)).toContain('being sampled');
    expect(collapseDepthPlot(partial).series.map((s) => s.id)).toEqual(['sde-mean', 'sde-p05', 'sde-p95', 'one']);
  });

  it('M = 0: the captions say nothing is sampled (the runner does not run), never "being sampled"', () => {
    expect(collapseDepthCaption(undefined, 0)).toContain('With M = 0 nothing is sampled');
    expect(collapseDepthCaption(undefined, 0)).not.toContain('being sampled');
    expect(collapseLawCaption(undefined, 0)).toContain('M = 0');
  });
});

describe('formatting near 1 and where the collapse starts', () => {
  it('a correlation just below 1 is written 1 − ε, never "1"', () => {
    expect(formatCorrelation(0.9999992)).toBe('1 − 8.00e−7');
    expect(formatCorrelation(0.41)).toBe('0.41');
    expect(formatCorrelation(1)).toBe('1');
  });

  it('the collapse layer is the first after which the mean stays above 0.99', () => {
    const depth = { layers: [0, 1, 2, 3, 4], mean: [0.2, 0.995, 0.98, 0.995, 0.999] };
    const block = { standard: { depth } } as unknown as CollapseBlock;
    expect(collapseLayer(block)).toBe(3);
  });
});
