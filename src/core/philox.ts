/**
 * Philox4x32-10 counter-based generator (Salmon, Moraes, Dror & Shaw 2011, "Parallel random
 * numbers: as easy as 1, 2, 3", SC'11) and the one mapping from experiment coordinates to normal
 * draws that every backend shares (DESIGN.md §4).
 *
 * The WGSL twin lives in `shaders/lib/rng.wgsl`; both are tested against the Random123
 * known-answer vectors and against each other, draw for draw.
 */

import { philoxWasm } from './wasm/philoxWasm.ts';
import { cosPortable, logPortable, sinPortable } from './portableMath.ts';

export const PHILOX_M0 = 0xd2511f53;
export const PHILOX_M1 = 0xcd9e8d57;
export const PHILOX_W0 = 0x9e3779b9;
export const PHILOX_W1 = 0xbb67ae85;

const M0_LO = PHILOX_M0 & 0xffff;
const M0_HI = PHILOX_M0 >>> 16;
const M1_LO = PHILOX_M1 & 0xffff;
const M1_HI = PHILOX_M1 >>> 16;

/**
 * High 32 bits of the 64-bit product of two uint32, exactly, in 32-bit integer arithmetic: with
 * 16-bit halves a = a₁2¹⁶ + a₀, b = b₁2¹⁶ + b₀, a·b = a₁b₁2³² + (a₁b₀ + a₀b₁)2¹⁶ + a₀b₀, every
 * partial product < 2³² (Math.imul, read unsigned) and the carry out of the middle column is
 * ⌊(⌊a₀b₀/2¹⁶⌋ + (a₁b₀ mod 2¹⁶) + (a₀b₁ mod 2¹⁶))/2¹⁶⌋. Integer-only, as in WGSL
 * (shaders/lib/rng.wgsl); ~1.6× faster in V8 than splitting one factor in f64. Checked against
 * BigInt in philox.test.ts. Returns a signed int32 with the right bits (`>>> 0` for the uint32).
 */
export function mulhi32(a: number, b: number): number {
  return mulhiHalves(a & 0xffff, a >>> 16, b) >>> 0;
}

function mulhiHalves(aLo: number, aHi: number, b: number): number {
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const ll = Math.imul(aLo, bLo) >>> 0;
  const lh = Math.imul(aLo, bHi) >>> 0;
  const hl = Math.imul(aHi, bLo) >>> 0;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (Math.imul(aHi, bHi) + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) | 0;
}

/**
 * Philox4x32 with `rounds` rounds (10 is the standard, crush-resistant choice).
 * Writes the four output words into `out` (no allocation in the hot path). The state is kept in
 * int32 (| 0) so V8 never leaves integer registers; Uint32Array stores read the bits unsigned.
 */
export function philox4x32(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
  rounds = 10,
): Uint32Array {
  let x0 = c0 | 0;
  let x1 = c1 | 0;
  let x2 = c2 | 0;
  let x3 = c3 | 0;
  let key0 = k0 | 0;
  let key1 = k1 | 0;
  for (let r = 0; r < rounds; r++) {
    const hi0 = mulhiHalves(M0_LO, M0_HI, x0);
    const lo0 = Math.imul(PHILOX_M0, x0);
    const hi1 = mulhiHalves(M1_LO, M1_HI, x2);
    const lo1 = Math.imul(PHILOX_M1, x2);
    x0 = hi1 ^ x1 ^ key0;
    x1 = lo1;
    x2 = hi0 ^ x3 ^ key1;
    x3 = lo0;
    key0 = (key0 + PHILOX_W0) | 0;
    key1 = (key1 + PHILOX_W1) | 0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
  return out;
}

/**
 * What a draw is for. The domain goes into the second key word, so weights, biases, Gram-method
 * rows, input embeddings and SDE noise are independent streams of the same seed.
 */
export const Domain = {
  weight: 1,
  bias: 2,
  gramRow: 3,
  inputWeight: 4,
  sdeNoise: 5,
  lowRankV: 6,
  mask: 7,
  /** Brownian path presets (src/core/paths.ts), keyed by the preset's own seed. */
  path: 8,
  /** Controlled ResNet (src/archs/cresnet): initial state S₀, vector fields A_k, biases b_k. */
  cdeInit: 9,
  cdeField: 10,
  cdeBias: 11,
  /** Gram-method rows of the curve chain with tangents (geometry/curveNetwork.ts). */
  curveGramRow: 12,
  /** Shaped Transformer block (src/archs/shapedtx): the MLP sublayer's W^pre, W^post (explicit) and its exact-chain draws. */
  blockWeight: 13,
  blockGram: 14,
  test: 15,
  /** Training (issue 17, src/training/): task inputs, the teacher network, mini-batch order. */
  trainData: 20,
  teacher: 21,
  batchOrder: 22,
} as const;
export type DomainName = keyof typeof Domain;

/**
 * Uniform in (0, 1) from the top 23 bits of a word: u = (w>>9 + 1/2) / 2^23.
 * Exactly representable in f32, so the CPU (f64) and WGSL (f32) backends start Box–Muller from
 * the very same u; only the transcendental functions differ (f32 rounding).
 */
export function uniformOpen(word: number): number {
  return ((word >>> 9) + 0.5) * 1.1920928955078125e-7; // 2^-23
}

const TWO_PI = 2 * Math.PI;

/**
 * Box–Muller on two words: (r cos θ, r sin θ) with r = √(−2 ln u1), θ = 2π(u2 − 1/2) ∈ (−π, π)
 * (the centred angle keeps WGSL's cos/sin inside the range where their accuracy is specified).
 */
export function boxMuller(w1: number, w2: number, out: Float64Array, offset: number): void {
  // fdlibm's log, cos and sin in plain arithmetic (core/portableMath.ts): the same bits in every
  // JavaScript engine and in the WebAssembly kernel. Math.log/cos/sin are fdlibm in Node 20 but not
  // in Chromium 156, whose last bits differ: the page's draws of short rows differed from the CLI's.
  const r = Math.sqrt(-2 * logPortable(uniformOpen(w1)));
  const theta = TWO_PI * (uniformOpen(w2) - 0.5);
  out[offset] = r * cosPortable(theta);
  out[offset + 1] = r * sinPortable(theta);
}

/** Below this many columns a row is drawn in JavaScript (the call into WebAssembly costs more). */
const WASM_MIN_COLS = 32;

/**
 * The key of one scalar draw: (seed, domain, net, layer, row, col).
 * Counter = (col >> 2, row, layer, net), key = (seed, domain); one Philox call gives the 4 normals
 * of columns 4⌊col/4⌋ … 4⌊col/4⌋+3. So draws do not depend on the order of evaluation, and the
 * width-n network is the top-left block of the width-2n one (coupled width sweeps).
 */
export class NormalStream {
  private readonly words = new Uint32Array(4);
  private readonly block = new Float64Array(4);
  private cacheValid = false;
  private cNet = -1;
  private cLayer = -1;
  private cRow = -1;
  private cQuad = -1;

  constructor(
    readonly seed: number,
    readonly domain: number,
  ) {}

  /** Fill `out[0..4)` with the 4 normals of counter (quad, row, layer, net). */
  quad(net: number, layer: number, row: number, quad: number, out: Float64Array, offset = 0): void {
    const w = philox4x32(quad, row, layer, net, this.seed, this.domain, this.words);
    boxMuller(w[0], w[1], out, offset);
    boxMuller(w[2], w[3], out, offset + 2);
  }

  /** One normal draw N(0,1) at (net, layer, row, col). Caches the last Philox block. */
  normal(net: number, layer: number, row: number, col: number): number {
    const q = col >>> 2;
    if (!(this.cacheValid && q === this.cQuad && row === this.cRow && layer === this.cLayer && net === this.cNet)) {
      this.quad(net, layer, row, q, this.block, 0);
      this.cNet = net;
      this.cLayer = layer;
      this.cRow = row;
      this.cQuad = q;
      this.cacheValid = true;
    }
    return this.block[col & 3];
  }

  /**
   * A full row of `cols` normals at (net, layer, row), written into out[offset..offset+cols).
   * Long rows go through the WebAssembly SIMD kernel (wasm/philoxWasm.ts: the same numbers, bit
   * for bit, ~6× faster: 7.2 against 45 ns per draw, bench/results/README.md); short ones, and
   * runtimes without WebAssembly SIMD, take `rowJs`.
   */
  row(net: number, layer: number, row: number, cols: number, out: Float64Array, offset = 0): void {
    const kernel = cols >= WASM_MIN_COLS ? philoxWasm() : undefined;
    if (kernel) kernel.normals(this.seed, this.domain, net, layer, row, cols, out, offset);
    else this.rowJs(net, layer, row, cols, out, offset);
  }

  /** `row` in JavaScript: the reference the WebAssembly kernel is tested against. */
  rowJs(net: number, layer: number, row: number, cols: number, out: Float64Array, offset = 0): void {
    const full = cols >>> 2;
    for (let q = 0; q < full; q++) this.quad(net, layer, row, q, out, offset + 4 * q);
    const rem = cols & 3;
    if (rem > 0) {
      this.quad(net, layer, row, full, this.block, 0);
      for (let j = 0; j < rem; j++) out[offset + 4 * full + j] = this.block[j];
      this.cacheValid = false;
    }
  }

  /** The raw Philox words of a row, cols 0..cols−1 (word col&3 of block col>>2), for masks and signs. */
  wordRow(net: number, layer: number, row: number, cols: number, out: Uint32Array): void {
    for (let q = 0; 4 * q < cols; q++) {
      const w = philox4x32(q, row, layer, net, this.seed, this.domain, this.words);
      const m = Math.min(4, cols - 4 * q);
      for (let j = 0; j < m; j++) out[4 * q + j] = w[j];
    }
  }

  /** A uniform word (raw Philox output) at (net, layer, row, col), for masks and signs. */
  word(net: number, layer: number, row: number, col: number): number {
    const w = philox4x32(col >>> 2, row, layer, net, this.seed, this.domain, this.words);
    this.cacheValid = false;
    return w[col & 3];
  }
}
