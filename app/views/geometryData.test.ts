import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../src/backends/cpu/cpuBackend.ts';
import { activation } from '../../src/core/activations.ts';
import { DEFAULT_SPEC } from '../../src/core/spec.ts';
import { runSpec } from '../../src/experiments/runSpec.ts';
import type { GeometryBlock, JacobianBlock } from '../../src/geometry/geometryBlocks.ts';
import { criticality } from '../../src/theory/criticality.ts';
import { dimensionPlot, distortionPlot, geometrySentences, IMAGE_EXTENT, imagePlot, imageSentence, jacobianPlot, lengthPlot } from './geometryData.ts';

const cpu = createCpuBackend();

describe('input-curve panels: data and sentences derived from a run', () => {
  it('chaotic tanh on the fixed point: "grows by a factor √χ₁ a layer", plots carry the blocks, a linear axis for a 1.4× range', async () => {
    const sw2 = 2.5;
    const sb2 = 0.05;
    const cr = criticality(activation('tanh'), sw2, sb2);
    const q1 = (cr.qStar - sb2) / sw2;
    const result = await runSpec({ ...DEFAULT_SPEC, act: 'tanh', sw2, sb2, q1, n: 64, L: 6, M: 10, curve: 'circle:8', backend: 'cpu' }, { backend: cpu });
    const g = result.geometry as GeometryBlock;
    const j = result.jacobian as JacobianBlock;
    const text = geometrySentences(g, j);
    expect(text.length).toContain(`grows by a factor ${Math.sqrt(cr.chi1).toPrecision(4).replace(/0+$/, '')}`);
    expect(text.length).toContain('At layer 6 the mean over the M = 10 networks is');
    const ratio = g.length.mean[5] / g.meanField.length[5];
    expect(text.length).toContain(`${Number(ratio.toPrecision(3))} × the mean field`);
    expect(text.dimension).toContain('span at most 7 centred directions');
    const lp = lengthPlot(g);
    expect(lp.series.find((s) => s.id === 'length-limit')).toMatchObject({ y: g.meanField.length });
    // exp(0.063·5) ≈ 1.37: no log axis for this range.
    expect(lp.yScale).toBe('linear');
    expect(jacobianPlot(j).series.find((s) => s.id === 'jacobian-limit')).toMatchObject({ y: j.meanField });
    expect(distortionPlot(g).series.some((s) => s.kind === 'hrule' && s.y === 1)).toBe(true);
    expect(dimensionPlot(g).series.some((s) => s.kind === 'hrule' && s.y === 2)).toBe(true);
  });

  it('ordered tanh: "shrinks by a factor … a layer"', async () => {
    const result = await runSpec({ ...DEFAULT_SPEC, act: 'tanh', sw2: 0.8, sb2: 0.05, n: 32, L: 4, M: 4, curve: 'circle:4', backend: 'cpu' }, { backend: cpu });
    const text = geometrySentences(result.geometry as GeometryBlock, result.jacobian as JacobianBlock);
    expect(text.length).toMatch(/shrinks by a factor 0\.\d+ a layer/);
  });

  it('the still picture: each layer divided by its largest coordinate (fixed axes ±1.08), R and the explained share in the readout; a drawn curve\'s Jacobian legend claims no product formula', async () => {
    const result = await runSpec({ ...DEFAULT_SPEC, act: 'tanh', sw2: 2.5, sb2: 0.05, n: 32, L: 3, M: 2, curve: 'drawn:12:bgAAWg', backend: 'cpu' }, { backend: cpu });
    const g = result.geometry as GeometryBlock;
    for (let i = 0; i < 3; i++) {
      const p = imagePlot(g, i);
      const R = Math.max(...g.image.pc1[i].map(Math.abs), ...g.image.pc2[i].map(Math.abs));
      const line = p.series.find((s) => s.id === 'image-curve') as unknown as { x: number[]; y: number[] };
      expect(p.xDomain).toEqual([-IMAGE_EXTENT, IMAGE_EXTENT]);
      expect(Math.max(...line.x.map(Math.abs), ...line.y.map(Math.abs))).toBeCloseTo(1, 12);
      expect(line.x[3]).toBeCloseTo(g.image.pc1[i][3] / R, 12);
      expect(line.x.length).toBe(13); // closed: the first point again
      expect(imageSentence(g, i)).toContain(`Layer ${i + 1}: R = ${Number(R.toPrecision(3))} (per √n)`);
    }
    expect(g.r).toBeNaN();
    expect(jacobianPlot(result.jacobian as JacobianBlock, g.r === 1).series[0].label).toBe('mean field');
  });
});
