import { describe, expect, it } from 'vitest';
import { curveFrames, drawCurveFrame, frameAt } from './curveFrames.ts';

/** A canvas context that records the path calls (the draw function's only outputs). */
function recordingContext() {
  const calls: string[] = [];
  const points: [number, number][] = [];
  const ctx = {
    clearRect: () => calls.push('clear'),
    beginPath: () => calls.push('begin'),
    moveTo: (x: number, y: number) => (calls.push('move'), points.push([x, y])),
    lineTo: (x: number, y: number) => (calls.push('line'), points.push([x, y])),
    closePath: () => calls.push('close'),
    stroke: () => calls.push('stroke'),
    arc: (x: number, y: number) => (calls.push('arc'), points.push([x, y])),
    fill: () => calls.push('fill'),
  } as unknown as CanvasRenderingContext2D;
  return { ctx, calls, points };
}

describe('image-curve animation frames', () => {
  const layers = [1, 2, 3];
  const pc1 = [[2, -4, 1], [0.5, 0.25, -0.1], [NaN, 0, 0]];
  const pc2 = [[1, 0, -3], [-0.5, 0, 0.2], [0, 0, 0]];

  it('each layer divided by its largest |coordinate| once; a layer that left f64 is all NaN', () => {
    const f = curveFrames(layers, pc1, pc2);
    expect(f.k).toBe(3);
    expect(f.scale.slice(0, 2)).toEqual([4, 0.5]);
    expect(Array.from(f.xy[0])).toEqual([0.5, 0.25, -1, 0, 0.25, -0.75]);
    expect(Array.from(f.xy[1])).toEqual([1, -1, 0.5, 0, -0.2, 0.4].map(Math.fround));
    expect(Number.isNaN(f.scale[2])).toBe(true);
    expect(Array.from(f.xy[2]).every(Number.isNaN)).toBe(true);
  });

  it('frameAt: whole layers exactly, a straight-line blend between them, clamped at the ends; returns the nearest layer', () => {
    const f = curveFrames(layers, pc1, pc2);
    const out = new Float32Array(6);
    expect(frameAt(f, 0, out)).toBe(0);
    expect(Array.from(out)).toEqual(Array.from(f.xy[0]));
    expect(frameAt(f, 0.25, out)).toBe(0);
    for (let j = 0; j < 6; j++) expect(out[j]).toBeCloseTo(0.75 * f.xy[0][j] + 0.25 * f.xy[1][j], 6);
    expect(frameAt(f, 0.75, out)).toBe(1);
    expect(frameAt(f, -3, out)).toBe(0);
    expect(Array.from(out)).toEqual(Array.from(f.xy[0]));
    expect(frameAt(f, 1, out)).toBe(1);
    expect(Array.from(out)).toEqual(Array.from(f.xy[1]));
  });

  it('drawCurveFrame: one closed path of k vertices mapped from [−extent, extent]² to the box, the first point marked; nothing for a non-finite frame', () => {
    const { ctx, calls, points } = recordingContext();
    const xy = Float32Array.from([1, 0, 0, 1, -1, -1]);
    expect(drawCurveFrame(ctx, xy, { width: 200, height: 100, extent: 1 }, { line: 2, pointRadius: 3, curve: 'red', start: 'black' })).toBe(true);
    expect(calls).toEqual(['clear', 'begin', 'move', 'line', 'line', 'close', 'stroke', 'begin', 'arc', 'fill']);
    // x ∈ [−1, 1] → [0, 200]; y ∈ [−1, 1] → [100, 0].
    expect(points).toEqual([[200, 50], [100, 0], [0, 100], [200, 50]]);
    const r = recordingContext();
    expect(drawCurveFrame(r.ctx, Float32Array.from([1, NaN, 0, 1]), { width: 10, height: 10, extent: 1 }, { line: 1, pointRadius: 1, curve: 'red', start: 'black' })).toBe(false);
    expect(r.calls).toEqual(['clear']);
  });
});
