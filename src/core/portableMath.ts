/**
 * exp and log that give the same bits in every JavaScript engine.
 *
 * Math.exp, Math.log, Math.pow, Math.sin … are not pinned by ECMAScript to the last bit, and they
 * differ: Chromium 156 and Node 20 disagree in the last bit of exp, log, pow, sin and cos for a
 * fraction of arguments (measured on 2·10⁵ arguments each; tanh, sqrt, expm1 agreed). For most
 * results that is invisible (the digest rounds to 6 significant digits), but a network that
 * amplifies rounding — attention with rank collapse, where the token correlations approach 1 and
 * their spread is ~1e−12 after 40 layers — turns one ulp into a different digest in the page and
 * the CLI. These are straight ports of fdlibm 5.3's e_exp.c and e_log.c (Sun Microsystems, 1993;
 * the same algorithms V8 ships as ieee754::exp/log), written with + − × ÷ and bit operations
 * only, which IEEE 754 rounds the same everywhere. Error < 1 ulp, as fdlibm states.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Little-endian (every engine the lab runs on): word 1 is the high word.
const HI = 1;
const LO = 0;

function hiWord(x: number): number {
  f64[0] = x;
  return u32[HI] | 0;
}

function withHiWord(x: number, hi: number): number {
  f64[0] = x;
  u32[HI] = hi >>> 0;
  return f64[0];
}

const LN2_HI = [6.93147180369123816490e-1, -6.93147180369123816490e-1];
const LN2_LO = [1.90821492927058770002e-10, -1.90821492927058770002e-10];
const HALF = [0.5, -0.5];
const INV_LN2 = 1.44269504088896338700e0;
const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.45133219101941108420e2;
const TWO_M1000 = 9.33263618503218878990e-302;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;

/** e^x, fdlibm's __ieee754_exp. */
export function expPortable(x: number): number {
  let hx = hiWord(x);
  const xsb = (hx >>> 31) & 1;
  hx &= 0x7fffffff;
  if (hx >= 0x40862e42) {
    // |x| ≥ 709.78…: NaN, ±∞, overflow or underflow.
    if (hx >= 0x7ff00000) {
      f64[0] = x;
      if (((hx & 0xfffff) | u32[LO]) !== 0) return x + x;
      return xsb === 0 ? x : 0;
    }
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2: x = k ln2 + r, |r| ≤ ln2/2.
    if (hx < 0x3ff0a2b2) {
      hi = x - LN2_HI[xsb];
      lo = LN2_LO[xsb];
      k = 1 - xsb - xsb;
    } else {
      k = Math.trunc(INV_LN2 * x + HALF[xsb]);
      hi = x - k * LN2_HI[0]; // k·ln2_hi is exact here
      lo = k * LN2_LO[0];
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1 + x; // |x| < 2^−28
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) return withHiWord(y, hiWord(y) + (k << 20));
  return withHiWord(y, hiWord(y) + ((k + 1000) << 20)) * TWO_M1000;
}

const TWO54 = 1.80143985094819840000e16;
const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/** ln x, fdlibm's __ieee754_log. */
export function logPortable(x: number): number {
  let hx = hiWord(x);
  f64[0] = x;
  const lx = u32[LO];
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^−1022: ±0, negative, or subnormal (scaled up by 2^54).
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = hiWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  x = withHiWord(x, hx | (i0 ^ 0x3ff00000)); // x or x/2 in [√2/2, √2)
  k += i0 >> 20;
  const f = x - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^−20
    if (f === 0) return k === 0 ? 0 : k * LN2_HI[0] + k * LN2_LO[0];
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - R : k * LN2_HI[0] - (R - k * LN2_LO[0] - f);
  }
  const s = f / (2 + f);
  const dk = k;
  const z = s * s;
  let i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI[0] - (hfsq - (s * (hfsq + R) + dk * LN2_LO[0]) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI[0] - (s * (f - R) - dk * LN2_LO[0] - f);
}

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;

/** fdlibm k_sin.c: sin(x + y), |x + y| ≤ π/4; iy = 0 means y = 0. */
function kernelSin(x: number, y: number, iy: 0 | 1): number {
  const ix = hiWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return x; // |x| < 2^−27
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return iy === 0 ? x + v * (S1 + z * r) : x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** fdlibm k_cos.c: cos(x + y), |x + y| ≤ π/4. */
function kernelCos(x: number, y: number): number {
  const ix = hiWord(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return 1; // |x| < 2^−27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  const qx = ix > 0x3fe90000 ? 0.28125 : withHiWord(0, ix - 0x00200000); // x/4 with its low word cleared
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

const INV_PIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417e0;
const PIO2_1T = 6.07710050650619224932e-11;
const PIO2_2 = 6.07710050630396597660e-11;
const PIO2_2T = 2.02226624879595063154e-21;
const PIO2_3 = 2.02226624871116645580e-21;
const PIO2_3T = 8.47842766036889956997e-32;
/** High words of n·π/2, n = 1..32 (fdlibm e_rem_pio2.c npio2_hw). */
const NPIO2_HW = [
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb, 0x402c463a, 0x402f6a7a, 0x4031475c,
  0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb, 0x403ab41b, 0x403c463a, 0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c,
  0x4042106c, 0x4042d97c, 0x4043a28c, 0x40446b9c, 0x404534ac, 0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
];
/** Largest |x| the ports reduce (fdlibm's medium case: 2^19·π/2); beyond it they are not used. */
export const PORTABLE_TRIG_MAX = 823549.6;
const reduced = new Float64Array(2);

/** fdlibm e_rem_pio2.c for |x| ≤ 2^19·π/2: x = n·π/2 + (y0 + y1), returns n. */
function remPio2(x: number): number {
  const hx = hiWord(x);
  const ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    reduced[0] = x;
    reduced[1] = 0;
    return 0;
  }
  if (ix < 0x4002d97c) {
    // |x| < 3π/4: n = ±1
    const sign = hx > 0 ? 1 : -1;
    let z = x - sign * PIO2_1;
    if (ix !== 0x3ff921fb) {
      reduced[0] = z - sign * PIO2_1T;
      reduced[1] = z - reduced[0] - sign * PIO2_1T;
    } else {
      z -= sign * PIO2_2;
      reduced[0] = z - sign * PIO2_2T;
      reduced[1] = z - reduced[0] - sign * PIO2_2T;
    }
    return sign;
  }
  const t = Math.abs(x);
  const n = Math.trunc(t * INV_PIO2 + 0.5);
  const fn = n;
  let r = t - fn * PIO2_1;
  let w = fn * PIO2_1T;
  let y0 = r - w;
  if (!(n < 32 && ix !== NPIO2_HW[n - 1])) {
    const j = ix >> 20;
    let i = j - ((hiWord(y0) >> 20) & 0x7ff);
    if (i > 16) {
      let tt = r;
      w = fn * PIO2_2;
      r = tt - w;
      w = fn * PIO2_2T - (tt - r - w);
      y0 = r - w;
      i = j - ((hiWord(y0) >> 20) & 0x7ff);
      if (i > 49) {
        tt = r;
        w = fn * PIO2_3;
        r = tt - w;
        w = fn * PIO2_3T - (tt - r - w);
        y0 = r - w;
      }
    }
  }
  const y1 = r - y0 - w;
  if (hx < 0) {
    reduced[0] = -y0;
    reduced[1] = -y1;
    return -n;
  }
  reduced[0] = y0;
  reduced[1] = y1;
  return n;
}

/** sin x, fdlibm's s_sin.c, for |x| ≤ PORTABLE_TRIG_MAX (Math.sin beyond, which the lab never reaches). */
export function sinPortable(x: number): number {
  if (!(Math.abs(x) <= PORTABLE_TRIG_MAX)) return Math.sin(x);
  if ((hiWord(x) & 0x7fffffff) <= 0x3fe921fb) return kernelSin(x, 0, 0); // |x| ≤ π/4
  const n = remPio2(x);
  const y0 = reduced[0];
  const y1 = reduced[1];
  switch (n & 3) {
    case 0:
      return kernelSin(y0, y1, 1);
    case 1:
      return kernelCos(y0, y1);
    case 2:
      return -kernelSin(y0, y1, 1);
    default:
      return -kernelCos(y0, y1);
  }
}

/** cos x, fdlibm's s_cos.c, for |x| ≤ PORTABLE_TRIG_MAX (Math.cos beyond). */
export function cosPortable(x: number): number {
  if (!(Math.abs(x) <= PORTABLE_TRIG_MAX)) return Math.cos(x);
  const n = remPio2(x);
  const y0 = reduced[0];
  const y1 = reduced[1];
  switch (n & 3) {
    case 0:
      return kernelCos(y0, y1);
    case 1:
      return -kernelSin(y0, y1, 1);
    case 2:
      return -kernelCos(y0, y1);
    default:
      return kernelSin(y0, y1, 1);
  }
}
