/**
 * The WebAssembly SIMD kernel of philoxNormals.c: Philox4x32-10 (16 normals' words per iteration)
 * then Box–Muller (8 normals per iteration), ~7 ns per draw; the explicit method's fused "draw a
 * Gaussian weight row, multiply into H"; the gram method's layer.
 * Same draws as the JavaScript reference in core/philox.ts (philoxWasm.test.ts).
 *
 * Why WebAssembly (measured, bench/results/README.md): in JavaScript a Philox block costs ~130 ns
 * (the 32×32 → 64 bit products need f64 splitting or 16-bit halves) and Math.log + Math.cos +
 * Math.sin ~35 ns per pair, ~60–90 ns per normal in all; numpy's ziggurat draws one in ~14 ns
 * on the same machine. WebAssembly SIMD has the exact u32×u32 → u64 product (i64x2.extmul) and
 * f64x2 arithmetic, and fdlibm's log/sin/cos written with per-lane selects keep every draw as it
 * was (old links keep their digests; no schema change).
 *
 * Instantiated synchronously on first use. Where WebAssembly or its SIMD is missing, or a Content
 * Security Policy forbids compiling it ('wasm-unsafe-eval'), `philoxWasm()` returns undefined and
 * callers use the JavaScript path, which gives the same numbers more slowly.
 */
import { PHILOX_NORMALS_WASM_BASE64 } from './philoxNormals.wasm.ts';

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  readonly __heap_base: WebAssembly.Global;
  normals(seed: number, domain: number, net: number, layer: number, row: number, q0: number, nquads: number, out: number): void;
  gaussian_rows_times(
    seed: number,
    domain: number,
    net: number,
    layer: number,
    row0: number,
    nrows: number,
    nIn: number,
    H: number,
    k: number,
    acc: number,
    scratch: number,
  ): void;
  box_muller_parts(w1: number, w2: number, n: number, r: number, c: number, s: number): void;
  gram_layer(
    seed: number,
    domain: number,
    net: number,
    layer: number,
    n: number,
    k: number,
    C: number,
    Z: number,
    residualOn: number,
    residual: number,
    sp: number,
    sm: number,
    zSums: number,
    phiSums: number,
    xi: number,
    h: number,
  ): void;
}

/** Room the kernel may write past the requested normals (it writes whole groups of 4 quads). */
const SLACK_DOUBLES = 16;

export class PhiloxWasm {
  private readonly base: number;
  private f64: Float64Array;
  private u32: Uint32Array;

  constructor(private readonly ex: KernelExports) {
    this.base = ((ex.__heap_base.value as number) + 15) & ~15;
    this.f64 = new Float64Array(ex.memory.buffer);
    this.u32 = new Uint32Array(ex.memory.buffer);
  }

  /** Make sure [base, base + bytes) exists; views are renewed after the memory grows. */
  private reserve(bytes: number): void {
    const need = this.base + bytes;
    const have = this.ex.memory.buffer.byteLength;
    if (need > have) this.ex.memory.grow(Math.ceil((need - have) / 65536));
    if (this.f64.buffer !== this.ex.memory.buffer) {
      this.f64 = new Float64Array(this.ex.memory.buffer);
      this.u32 = new Uint32Array(this.ex.memory.buffer);
    }
  }

  /** out[offset + c] = N(0,1) draw (seed, domain, net, layer, row, col c), c = 0 .. cols − 1. */
  normals(seed: number, domain: number, net: number, layer: number, row: number, cols: number, out: Float64Array, offset: number): void {
    const nquads = (cols + 3) >>> 2;
    this.reserve(8 * (4 * nquads + SLACK_DOUBLES));
    this.ex.normals(seed, domain, net, layer, row, 0, nquads, this.base);
    const at = this.base >>> 3;
    out.set(this.f64.subarray(at, at + cols), offset);
  }

  /**
   * acc[(i − row0)·k + a] = Σ_j W[i, j] H[j·k + a] for rows row0 .. row0 + nrows − 1 of the
   * Gaussian W (n_in columns) of (seed, domain, net, layer); H is n_in × k row-major. The sum runs
   * over j in order, as the JavaScript loop of cpu/explicitNetwork.ts does.
   */
  gaussianRowsTimes(
    seed: number,
    domain: number,
    net: number,
    layer: number,
    row0: number,
    nrows: number,
    nIn: number,
    H: Float64Array,
    k: number,
    acc: Float64Array,
  ): void {
    const hAt = this.base;
    const accAt = hAt + 8 * nIn * k;
    const scratchAt = accAt + 8 * nrows * k;
    this.reserve(scratchAt - this.base + 8 * 4 * (4 * ((nIn + 3) >>> 2) + SLACK_DOUBLES)); // 4 rows at a time
    this.f64.set(H.subarray(0, nIn * k), hAt >>> 3);
    this.ex.gaussian_rows_times(seed, domain, net, layer, row0, nrows, nIn, hAt, k, accAt, scratchAt);
    acc.set(this.f64.subarray(accAt >>> 3, (accAt >>> 3) + nrows * k));
  }

  /**
   * One gram-method layer for a piecewise-linear φ (s₊ = sp, s₋ = sm): the body of gramLayer in
   * backends/cpu/gramNetwork.ts, same operations in the same order. Z (n × k) is read (resnet)
   * and overwritten; zSums, phiSums receive the packed Σ z zᵀ and Σ φ(z)φ(z)ᵀ.
   */
  gramLayer(
    seed: number,
    domain: number,
    net: number,
    layer: number,
    n: number,
    k: number,
    C: Float64Array,
    Z: Float64Array,
    residual: number | undefined,
    sp: number,
    sm: number,
    zSums: Float64Array,
    phiSums: Float64Array,
  ): void {
    const P = (k * (k + 1)) / 2;
    const cAt = this.base;
    const zAt = cAt + 8 * k * k;
    const sumsAt = zAt + 8 * n * k;
    const phiAt = sumsAt + 8 * P;
    const hAt = phiAt + 8 * P;
    const xiAt = hAt + 8 * k;
    this.reserve(xiAt - this.base + 8 * (n * k + SLACK_DOUBLES));
    this.f64.set(C.subarray(0, k * k), cAt >>> 3);
    if (residual !== undefined) this.f64.set(Z.subarray(0, n * k), zAt >>> 3);
    this.ex.gram_layer(seed, domain, net, layer, n, k, cAt, zAt, residual === undefined ? 0 : 1, residual ?? 0, sp, sm, sumsAt, phiAt, xiAt, hAt);
    Z.set(this.f64.subarray(zAt >>> 3, (zAt >>> 3) + n * k));
    zSums.set(this.f64.subarray(sumsAt >>> 3, (sumsAt >>> 3) + P));
    phiSums.set(this.f64.subarray(phiAt >>> 3, (phiAt >>> 3) + P));
  }

  /** √(−2 ln u(w1)), cos θ(w2), sin θ(w2) for each word pair (the parts of the transform, for tests). */
  boxMullerParts(w1: Uint32Array, w2: Uint32Array): { r: Float64Array; c: Float64Array; s: Float64Array } {
    const n = w1.length;
    const m = (n + 3) & ~3;
    const w1At = this.base;
    const w2At = w1At + 4 * m;
    const rAt = w2At + 4 * m;
    const cAt = rAt + 8 * m;
    const sAt = cAt + 8 * m;
    this.reserve(sAt + 8 * m - this.base);
    this.u32.fill(0, w1At >>> 2, (rAt >>> 2));
    this.u32.set(w1, w1At >>> 2);
    this.u32.set(w2, w2At >>> 2);
    this.ex.box_muller_parts(w1At, w2At, m, rAt, cAt, sAt);
    const view = (at: number) => this.f64.slice(at >>> 3, (at >>> 3) + n);
    return { r: view(rAt), c: view(cAt), s: view(sAt) };
  }
}

let kernel: PhiloxWasm | null | undefined;

/** Why the WebAssembly kernel is not in use, when it is not (for the backend's info line). */
export let philoxWasmUnavailable: string | undefined;

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

let enabled = true;

/**
 * Switch the kernel off (or back on) for this process: the JavaScript path then runs everywhere.
 * For tests that compare the two paths and for the bench's before/after figures.
 */
export function usePhiloxWasm(on: boolean): void {
  enabled = on;
}

/** The kernel, instantiated on first call; undefined where WebAssembly SIMD cannot run here. */
export function philoxWasm(): PhiloxWasm | undefined {
  if (!enabled) return undefined;
  if (kernel !== undefined) return kernel ?? undefined;
  try {
    if (typeof WebAssembly !== 'object') throw new Error('no WebAssembly in this runtime');
    const module = new WebAssembly.Module(decodeBase64(PHILOX_NORMALS_WASM_BASE64) as BufferSource);
    const instance = new WebAssembly.Instance(module, {});
    kernel = new PhiloxWasm(instance.exports as unknown as KernelExports);
  } catch (e) {
    kernel = null;
    philoxWasmUnavailable = `WebAssembly SIMD unavailable (${(e as Error).message}); using the JavaScript path`;
  }
  return kernel ?? undefined;
}
