import { describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../backends/cpu/cpuBackend.ts';
import { NormalStream, uniformOpen } from '../philox.ts';
import { DEFAULT_SPEC, type Spec } from '../spec.ts';
import { philoxWasm, usePhiloxWasm } from './philoxWasm.ts';

const kernel = philoxWasm();

/** Distance in units of the last place of b (b ≠ 0). */
function ulps(a: number, b: number): number {
  return a === b ? 0 : Math.abs(a - b) / (Math.abs(b) * 2 ** -52);
}

// V8 11 (Node 20) evaluates Math.log/cos/sin with fdlibm, the algorithms the kernel reproduces
// operation for operation: there the draws must be equal bit for bit. Other engines round the last
// bit of ~1 % of calls differently (experiments/digest.ts): there, within one ulp.
const fdlibmEngine = typeof process !== 'undefined' && /^11\./.test(process.versions.v8 ?? '');

describe('WebAssembly SIMD Philox + Box–Muller kernel', () => {
  it('instantiates in Node (WebAssembly SIMD is available here)', () => {
    expect(kernel).toBeDefined();
  });

  it('√(−2 ln u1), cos θ and sin θ agree with Math.log/cos/sin for all 2^23 possible uniforms', () => {
    const CHUNK = 1 << 20;
    const w = new Uint32Array(CHUNK);
    let exact = 0;
    let worst = 0;
    for (let start = 0; start < 1 << 23; start += CHUNK) {
      for (let i = 0; i < CHUNK; i++) w[i] = ((start + i) << 9) >>> 0; // u = (start + i + ½)·2^-23
      const { r, c, s } = kernel!.boxMullerParts(w, w);
      for (let i = 0; i < CHUNK; i++) {
        const R = Math.sqrt(-2 * Math.log(uniformOpen(w[i])));
        const theta = 2 * Math.PI * (uniformOpen(w[i]) - 0.5);
        const C = Math.cos(theta);
        const S = Math.sin(theta);
        if (r[i] === R && c[i] === C && s[i] === S) exact++;
        worst = Math.max(worst, ulps(r[i], R), ulps(c[i], C), ulps(s[i], S));
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
    if (fdlibmEngine) expect(exact).toBe(1 << 23);
    else expect(exact).toBeGreaterThan(0.95 * (1 << 23));
  });

  it('rows equal the JavaScript reference (rowJs) for any key, length and offset', () => {
    const keys: [number, number, number, number, number, number][] = [
      [1, 1, 0, 1, 0, 4096],
      [0xdeadbeef, 3, 77, 5, 1234, 1023],
      [0xffffffff, 15, 1_000_000, 63, 65535, 37],
      [42, 6, 3, 0, 7, 2050],
    ];
    let compared = 0;
    let worst = 0;
    for (const [seed, domain, net, layer, row, cols] of keys) {
      const s = new NormalStream(seed, domain);
      const got = new Float64Array(cols + 3);
      const want = new Float64Array(cols + 3);
      got[0] = want[0] = 7; // the offset's prefix is left alone
      s.row(net, layer, row, cols, got, 3);
      s.rowJs(net, layer, row, cols, want, 3);
      expect(got[0]).toBe(7);
      for (let j = 0; j < cols + 3; j++) {
        if (fdlibmEngine) expect(got[j]).toBe(want[j]);
        worst = Math.max(worst, ulps(got[j], want[j]));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(7000);
    expect(worst).toBeLessThanOrEqual(4); // r·cos θ: at most one ulp from each factor plus the product's rounding
  });

  // normals() draws Philox words for 1024 normals at a time, then transforms them two f64x2 vectors
  // (8 normals) at a time (philoxNormals.c): rows that end on, just past and between those edges.
  it.each([8, 1016, 1024, 1025, 1031, 1040, 2048 + 8, 3 * 1024 + 5])('a row of %i normals across the kernel chunks equals rowJs bit for bit', (cols) => {
    const s = new NormalStream(0x12345678, 1);
    const got = new Float64Array(cols);
    const want = new Float64Array(cols);
    kernel!.normals(0x12345678, 1, 11, 3, 517, cols, got, 0); // the kernel itself, also below NormalStream's 32-column cut-off
    s.rowJs(11, 3, 517, cols, want);
    let worst = 0;
    for (let j = 0; j < cols; j++) {
      if (fdlibmEngine) expect(Object.is(got[j], want[j])).toBe(true);
      worst = Math.max(worst, ulps(got[j], want[j]));
    }
    expect(worst).toBeLessThanOrEqual(4);
  });

  it('gaussianRowsTimes over rows longer than one chunk (n_in = 1100, 5 rows: the 4-row block and the tail)', () => {
    const nIn = 1100;
    const k = 2;
    const nRows = 5;
    const H = new Float64Array(nIn * k).map((_, i) => Math.cos(0.3 * i) - 0.2);
    const acc = new Float64Array(nRows * k);
    kernel!.gaussianRowsTimes(77, 1, 9, 4, 3, nRows, nIn, H, k, acc);
    const w = new Float64Array(nIn);
    const s = new NormalStream(77, 1);
    for (let i = 0; i < nRows; i++) {
      s.rowJs(9, 4, 3 + i, nIn, w);
      for (let a = 0; a < k; a++) {
        let sum = 0;
        for (let j = 0; j < nIn; j++) sum += w[j] * H[j * k + a];
        if (fdlibmEngine) expect(acc[i * k + a]).toBe(sum);
        else expect(Math.abs(acc[i * k + a] - sum)).toBeLessThan(1e-12 * Math.sqrt(nIn));
      }
    }
  });

  it.each([1, 2, 3, 4])('gaussianRowsTimes(k = %i) is Σ_j W_ij H_ja in j order, W drawn as NormalStream rows', (k) => {
    const nIn = 301;
    const nRows = 70;
    const H = new Float64Array(nIn * k).map((_, i) => Math.sin(1.7 * i) * (1 + (i % 5)));
    const acc = new Float64Array(nRows * k);
    kernel!.gaussianRowsTimes(9, 1, 4, 2, 10, nRows, nIn, H, k, acc);
    const w = new Float64Array(nIn);
    const s = new NormalStream(9, 1);
    for (let i = 0; i < nRows; i++) {
      s.row(4, 2, 10 + i, nIn, w);
      for (let a = 0; a < k; a++) {
        let sum = 0;
        for (let j = 0; j < nIn; j++) sum += w[j] * H[j * k + a];
        expect(acc[i * k + a]).toBe(sum);
      }
    }
  });
});

describe('CPU backend with and without the WebAssembly kernel', () => {
  it('says which path draws: WebAssembly SIMD when the kernel runs, plain JavaScript when it is off', () => {
    expect(createCpuBackend().info.adapter).toBe('WebAssembly SIMD + JavaScript (f64)');
    usePhiloxWasm(false);
    try {
      expect(philoxWasm()).toBeUndefined();
      expect(createCpuBackend().info.adapter).toBe('JavaScript (f64)');
    } finally {
      usePhiloxWasm(true);
    }
    expect(philoxWasm()).toBeDefined();
  });

  // Same spec, same networks: the kernel must change the speed, not the numbers.
  const cases: [string, Partial<Spec>][] = [
    ['gram mlp relu k=2', { method: 'gram', arch: 'mlp', act: 'relu', k: 2 }],
    ['gram resnet leaky k=3', { method: 'gram', arch: 'resnet', act: 'leaky:0.2', k: 3 }],
    ['gram shaped k=2', { method: 'gram', arch: 'shaped', k: 2, cp: 0.5, cm: -0.5 }],
    ['explicit mlp relu k=2', { method: 'explicit', arch: 'mlp', act: 'relu', k: 2 }],
    ['explicit resnet tanh k=3', { method: 'explicit', arch: 'resnet', act: 'tanh', k: 3, sb2: 0.1 }],
  ];
  it.each(cases)('%s: identical kernels, layer by layer', async (_name, over) => {
    const spec: Spec = { ...DEFAULT_SPEC, n: 96, L: 5, M: 3, sw2: 1.8, sb2: 0.05, ...over };
    const first = spec.arch === 'resnet' ? 0 : 1;
    const job = { spec, netStart: 2, netCount: 3, recordLayers: Array.from({ length: spec.L - first + 1 }, (_, i) => first + i), recordPhi: true };
    const fast = await createCpuBackend().simulate(job);
    usePhiloxWasm(false);
    try {
      const slow = await createCpuBackend().simulate(job);
      expect(slow.z.length).toBe(fast.z.length);
      if (fdlibmEngine) {
        expect(Array.from(fast.z)).toEqual(Array.from(slow.z));
        expect(Array.from(fast.phi!)).toEqual(Array.from(slow.phi!));
      } else {
        for (let i = 0; i < fast.z.length; i++) expect(Math.abs(fast.z[i] - slow.z[i])).toBeLessThan(1e-12 * (1 + Math.abs(slow.z[i])));
      }
    } finally {
      usePhiloxWasm(true);
    }
  });
});
