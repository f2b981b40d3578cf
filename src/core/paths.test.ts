import { describe, expect, it } from 'vitest';
import { BM_SEGMENTS, buildPaths, canonicalPaths, DEFAULT_PATHS, pathAt, pathLength, SINE_SEGMENTS, uniformIncrements } from './paths.ts';

function paths(raw: string, d: number) {
  const r = buildPaths(raw, d);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe('path presets', () => {
  it('the default parses in d = 2 and is canonical', () => {
    expect(canonicalPaths(DEFAULT_PATHS)).toEqual({ ok: true, value: DEFAULT_PATHS });
    expect(paths(DEFAULT_PATHS, 2)).toHaveLength(2);
  });

  it('canonicalises numbers and drops default amplitudes', () => {
    expect(canonicalPaths('sine:1.0,0,1_line:+0.50,-0')).toEqual({ ok: true, value: 'sine:1,0_line:0.5,0' });
    expect(canonicalPaths('bm:7,1_bm:8,2')).toEqual({ ok: true, value: 'bm:7_bm:8,2' });
  });

  it('line:c is t·c: its increments on any partition sum to c and are equal', () => {
    const [x] = paths('line:0.3,-0.4_line:1,1', 2);
    const inc = uniformIncrements(x, 8);
    for (let i = 0; i < 8; i++) {
      expect(inc[2 * i]).toBeCloseTo(0.3 / 8, 15);
      expect(inc[2 * i + 1]).toBeCloseTo(-0.4 / 8, 15);
    }
    expect(pathLength(x)).toBeCloseTo(0.5, 15);
  });

  it('sine in d = 2 is a circle of radius a (knots on it), run f times', () => {
    const [x] = paths('sine:2,0.1,0.5_line:1,1', 2);
    expect(x.times.length).toBe(SINE_SEGMENTS + 1);
    for (let i = 0; i <= SINE_SEGMENTS; i++) expect(Math.hypot(x.values[2 * i], x.values[2 * i + 1])).toBeCloseTo(0.5, 14);
    // Length of the inscribed polygon: f·m chords of angle 2π/(m/f)… here 64 chords of angle 4π/64.
    expect(pathLength(x)).toBeCloseTo(SINE_SEGMENTS * 2 * 0.5 * Math.sin((2 * Math.PI * 2) / SINE_SEGMENTS / 2), 12);
  });

  it('bm is reproducible from its seed, differs between seeds, and has increments of variance σ²/m', () => {
    const a = paths('bm:1_bm:1', 3);
    expect(Array.from(a[0].values)).toEqual(Array.from(a[1].values));
    const b = paths('bm:1_bm:2', 3);
    expect(Array.from(b[0].values)).not.toEqual(Array.from(b[1].values));
    // Quadratic variation Σ|Δx|² over many seeds: mean d·σ² = 3·4 (σ = 2), sd of the mean known.
    let sum = 0;
    const seeds = 200;
    for (let s = 0; s < seeds; s++) {
      const [x] = paths(`bm:${s},2_line:0,0,0`, 3);
      for (let i = 0; i < BM_SEGMENTS * 3; i++) sum += (x.values[i + 3] - x.values[i]) ** 2;
    }
    const mean = sum / seeds;
    // Σ of 96 squared N(0, 4/32): mean 12, variance 96·2·(4/32)² = 3; SE of the mean over 200 = √(3/200).
    expect(Math.abs(mean - 12)).toBeLessThan(4 * Math.sqrt(3 / 200));
  });

  it('pl goes through its points at equal times', () => {
    const [x] = paths('pl:0,0,1,2,3,-1_line:1,1', 2);
    const out = new Float64Array(2);
    pathAt(x, 0.5, out);
    expect(Array.from(out)).toEqual([1, 2]);
    pathAt(x, 0.75, out);
    expect(Array.from(out)).toEqual([2, 0.5]);
  });

  it.each([
    ['sine:1,0', 'expected 2 to 8'],
    ['sine:0,0_line:1,1', 'frequency f=0 must be in (0, 16]'],
    ['sine:1,2_line:1,1', 'phase p=2 must be in [-1, 1]'],
    ['bm:1.5_line:1,1', 'seed 1.5 must be an integer'],
    ['spiral:1_line:1,1', 'unknown preset'],
    ['line:1,NaN_line:1,1', 'not a finite decimal number'],
    ['line:11,0_line:1,1', 'every coordinate must be in [-10, 10]'],
  ])('%s is refused: %s', (raw, why) => {
    const r = canonicalPaths(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(why);
  });

  it('a preset that does not fit the dimension is refused with the counts', () => {
    const line = buildPaths('line:1,2,3_line:1,1', 2);
    expect(line.ok).toBe(false);
    if (!line.ok) expect(line.reason).toContain('needs d = pdim = 2 coefficients, got 3');
    const pl = buildPaths('pl:0,0,1_line:1,1', 2);
    expect(pl.ok).toBe(false);
    if (!pl.ok) expect(pl.reason).toContain('3 numbers is not a whole number of points of dimension d = pdim = 2');
  });
});
