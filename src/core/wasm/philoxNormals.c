/*
 * The hot loop of the CPU backend in WebAssembly SIMD: Philox4x32-10 and the Box–Muller transform
 * of src/core/philox.ts, four Philox blocks (16 normals) per iteration, plus the explicit method's
 * fused "draw a weight row, multiply it into H" kernel. Built by scripts/build-wasm.sh into
 * philoxNormals.wasm.ts (committed, so neither `npm test` nor the page needs a C compiler).
 *
 * Draws are the same numbers as NormalStream (philox.ts): counter (quad, row, layer, net), key
 * (seed, domain), u = ((w >> 9) + 1/2)·2^-23, z = (√(−2 ln u1) cos θ, √(−2 ln u1) sin θ) with
 * θ = 2π(u2 − 1/2). ln, cos and sin are evaluated with the fdlibm algorithms (Sun Microsystems
 * 1993: e_log.c; e_rem_pio2.c, k_sin.c, k_cos.c), which are what V8 11 (Node 20) runs for
 * Math.log/cos/sin, operation for operation; WebAssembly has no fused multiply-add and rounds
 * every operation to nearest, so each lane rounds exactly as the scalar fdlibm code does. Every
 * data-dependent branch of fdlibm that our inputs can reach (u ∈ (0, 1) on a 2^-23 grid, θ ∈ (−π, π)
 * at least 2^-22·π/2 away from every multiple of π/2) is evaluated on both sides and selected per
 * lane. philoxWasm.test.ts checks all 2^23 possible u1 and all 2^23 possible θ against
 * Math.log/cos/sin (≤ 1 ulp on any engine; on Node 20 bit for bit, see the test).
 */
#include <stdint.h>
#include <wasm_simd128.h>

/* Philox4x32 constants (Salmon et al. 2011). */
#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

/*
 * i64x2.extmul_{low,high}_i32x4_u: the exact u32 × u32 → u64 products of lanes (0, 1) or (2, 3).
 * Written as inline assembly because clang 14 lowers the wasm_u64x2_extmul_* intrinsics to
 * extend + i64x2.mul, which V8 emulates on x64 at several times the cost.
 */
static inline __attribute__((always_inline)) v128_t extmul_low_u32(v128_t a, v128_t b) {
  v128_t r;
  __asm__("local.get %1\n\tlocal.get %2\n\ti64x2.extmul_low_i32x4_u\n\tlocal.set %0" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
static inline __attribute__((always_inline)) v128_t extmul_high_u32(v128_t a, v128_t b) {
  v128_t r;
  __asm__("local.get %1\n\tlocal.get %2\n\ti64x2.extmul_high_i32x4_u\n\tlocal.set %0" : "=r"(r) : "r"(a), "r"(b));
  return r;
}

/* High and low 32 bits of the four 32×32 → 64 bit products, lane by lane. */
static inline __attribute__((always_inline)) void mul_u32x4(v128_t x, v128_t m, v128_t *hi, v128_t *lo) {
  v128_t p01 = extmul_low_u32(x, m), p23 = extmul_high_u32(x, m);
  *hi = wasm_i32x4_shuffle(p01, p23, 1, 3, 5, 7);
  *lo = wasm_i32x4_shuffle(p01, p23, 0, 2, 4, 6);
}

/* Philox4x32-10 on four counters (c0 lanes; c1, c2, c3 shared) under key (k0, k1). */
static inline __attribute__((always_inline)) void philox4(v128_t *x0, v128_t *x1, v128_t *x2, v128_t *x3, uint32_t k0, uint32_t k1) {
  const v128_t m0 = wasm_i32x4_splat((int32_t)PHILOX_M0);
  const v128_t m1 = wasm_i32x4_splat((int32_t)PHILOX_M1);
  v128_t a = *x0, b = *x1, c = *x2, d = *x3;
  for (int r = 0; r < 10; r++) {
    v128_t hi0, lo0, hi1, lo1;
    mul_u32x4(a, m0, &hi0, &lo0);
    mul_u32x4(c, m1, &hi1, &lo1);
    v128_t key0 = wasm_i32x4_splat((int32_t)k0);
    v128_t key1 = wasm_i32x4_splat((int32_t)k1);
    a = wasm_v128_xor(wasm_v128_xor(hi1, b), key0);
    b = lo1;
    c = wasm_v128_xor(wasm_v128_xor(hi0, d), key1);
    d = lo0;
    k0 += PHILOX_W0;
    k1 += PHILOX_W1;
  }
  *x0 = a;
  *x1 = b;
  *x2 = c;
  *x3 = d;
}

/* u = ((w >> 9) + 1/2)·2^-23 for the words in lanes (lane, lane + 1) of w, as f64x2 (exact). */
static inline __attribute__((always_inline)) v128_t uniform_pair(const v128_t *KV, v128_t w, int high) {
  v128_t m = wasm_u32x4_shr(w, 9);
  if (high) m = wasm_i32x4_shuffle(m, m, 2, 3, 2, 3);
  v128_t f = wasm_f64x2_convert_low_i32x4(m);
  return wasm_f64x2_mul(wasm_f64x2_add(f, wasm_f64x2_splat(0.5)), wasm_f64x2_splat(0x1p-23));
}

/*
 * Integer work on the high words of f64 lanes is done in i32x4 lanes 1 and 3 (little-endian: the
 * high word of f64 lane l is i32 lane 2l + 1; lanes 0 and 2 carry don't-care values). clang 14
 * scalarises some i64x2 compares, and i32x4 is what fdlibm computes in anyway (int32 words).
 */
/* An i32 mask in lanes 1, 3 spread over the whole f64 lanes, for bitselect. */
static inline __attribute__((always_inline)) v128_t mask64(v128_t m32) { return wasm_i32x4_shuffle(m32, m32, 1, 1, 3, 3); }
/* The f64 lanes whose high words are lanes 1, 3 of v and whose low words are 0. */
static inline __attribute__((always_inline)) v128_t from_high(v128_t v) { return wasm_i32x4_shuffle(wasm_i32x4_splat(0), v, 0, 5, 0, 7); }
/* (double) of the small integers in i32 lanes 1 and 3. */
static inline __attribute__((always_inline)) v128_t high_to_f64(v128_t v) { return wasm_f64x2_convert_low_i32x4(wasm_i32x4_shuffle(v, v, 1, 3, 1, 3)); }

#define TWO_PI 6.283185307179586 /* 2·Math.PI, exactly */

/* fdlibm constants (hex-float literals; the 64-bit patterns fdlibm lists in the comments). */
#define ln2_hi 0x1.62e42fee00000p-1 /* 0x3FE62E42FEE00000 */
#define ln2_lo 0x1.a39ef35793c76p-33 /* 0x3DEA39EF35793C76 */
#define Lg1 0x1.5555555555593p-1 /* 0x3FE5555555555593 */
#define Lg2 0x1.999999997fa04p-2 /* 0x3FD999999997FA04 */
#define Lg3 0x1.2492494229359p-2 /* 0x3FD2492494229359 */
#define Lg4 0x1.c71c51d8e78afp-3 /* 0x3FCC71C51D8E78AF */
#define Lg5 0x1.7466496cb03dep-3 /* 0x3FC7466496CB03DE */
#define Lg6 0x1.39a09d078c69fp-3 /* 0x3FC39A09D078C69F */
#define Lg7 0x1.2f112df3e5244p-3 /* 0x3FC2F112DF3E5244 */
#define S1 -0x1.5555555555549p-3 /* 0xBFC5555555555549 */
#define S2 0x1.111111110f8a6p-7 /* 0x3F8111111110F8A6 */
#define S3 -0x1.a01a019c161d5p-13 /* 0xBF2A01A019C161D5 */
#define S4 0x1.71de357b1fe7dp-19 /* 0x3EC71DE357B1FE7D */
#define S5 -0x1.ae5e68a2b9cebp-26 /* 0xBE5AE5E68A2B9CEB */
#define S6 0x1.5d93a5acfd57cp-33 /* 0x3DE5D93A5ACFD57C */
#define C1 0x1.555555555554cp-5 /* 0x3FA555555555554C */
#define C2 -0x1.6c16c16c15177p-10 /* 0xBF56C16C16C15177 */
#define C3 0x1.a01a019cb1590p-16 /* 0x3EFA01A019CB1590 */
#define C4 -0x1.27e4f809c52adp-22 /* 0xBE927E4F809C52AD */
#define C5 0x1.1ee9ebdb4b1c4p-29 /* 0x3E21EE9EBDB4B1C4 */
#define C6 -0x1.8fae9be8838d4p-37 /* 0xBDA8FAE9BE8838D4 */
#define invpio2 0x1.45f306dc9c883p-1 /* 0x3FE45F306DC9C883 */
#define pio2_1 0x1.921fb54400000p+0 /* 0x3FF921FB54400000 */
#define pio2_1t 0x1.0b4611a626331p-34 /* 0x3DD0B4611A626331 */
#define pio2_2 0x1.0b4611a600000p-34 /* 0x3DD0B4611A600000 */
#define pio2_2t 0x1.3198a2e037073p-69 /* 0x3BA3198A2E037073 */

/*
 * Constants: V8 builds every v128.const from immediates with 3–4 instructions at each use inside a
 * loop. Here they are splatted once per exported call from two tables (KV_DECL), through a base
 * pointer the compiler cannot see through (an empty asm, else it folds them back into v128.const),
 * and travel as values (KV) to the inlined helpers: V8 keeps them in registers or one stack load
 * away (measured: ~15 % of the kernel's time against v128.const).
 */
static const double KD[] = {
  1.0, /* 0 */
  ln2_hi, /* 1 */
  ln2_lo, /* 2 */
  2.0, /* 3 */
  Lg2, /* 4 */
  Lg4, /* 5 */
  Lg6, /* 6 */
  Lg1, /* 7 */
  Lg3, /* 8 */
  Lg5, /* 9 */
  Lg7, /* 10 */
  0.5, /* 11 */
  0.33333333333333333, /* 12 */
  S2, /* 13 */
  S3, /* 14 */
  S4, /* 15 */
  S5, /* 16 */
  S6, /* 17 */
  S1, /* 18 */
  C1, /* 19 */
  C2, /* 20 */
  C3, /* 21 */
  C4, /* 22 */
  C5, /* 23 */
  C6, /* 24 */
  0.28125, /* 25 */
  0.0, /* 26 */
  pio2_1, /* 27 */
  pio2_1t, /* 28 */
  pio2_2, /* 29 */
  pio2_2t, /* 30 */
  invpio2, /* 31 */
  -0.0, /* 32 */
  -2.0, /* 33 */
  TWO_PI, /* 34 */
};
static const int32_t KI[] = {
  1023, /* 0 */
  0x000FFFFF, /* 1 */
  0x95F64, /* 2 */
  0x100000, /* 3 */
  0x3FF00000, /* 4 */
  2, /* 5 */
  3, /* 6 */
  0x6147A, /* 7 */
  0x6B851, /* 8 */
  0, /* 9 */
  0x7FFFFFFF, /* 10 */
  0x00200000, /* 11 */
  0x3FE90000, /* 12 */
  0x3FD33333, /* 13 */
  0x3FE921FB, /* 14 */
  0x3FF921FB, /* 15 */
  0x7FF, /* 16 */
  0x400921FB, /* 17 */
  16, /* 18 */
  0x4002D97C, /* 19 */
};
static inline __attribute__((always_inline)) const double *kd(void) {
  const double *p = KD;
  __asm__("" : "+r"(p));
  return p;
}
static inline __attribute__((always_inline)) const int32_t *ki(void) {
  const int32_t *p = KI;
  __asm__("" : "+r"(p));
  return p;
}
#define KD_COUNT 35
#define KI_COUNT 20
/* The constants as v128 values, splatted once per exported call (KV: KD then KI). */
#define SPLATK(i) (KV[(i)])
#define I32K(i) (KV[KD_COUNT + (i)])
#define KV_DECL v128_t KV[KD_COUNT + KI_COUNT]; \
  { \
    const double *kd_ = kd(); \
    const int32_t *ki_ = ki(); \
    KV[0] = wasm_v128_load64_splat(kd_ + 0); \
    KV[1] = wasm_v128_load64_splat(kd_ + 1); \
    KV[2] = wasm_v128_load64_splat(kd_ + 2); \
    KV[3] = wasm_v128_load64_splat(kd_ + 3); \
    KV[4] = wasm_v128_load64_splat(kd_ + 4); \
    KV[5] = wasm_v128_load64_splat(kd_ + 5); \
    KV[6] = wasm_v128_load64_splat(kd_ + 6); \
    KV[7] = wasm_v128_load64_splat(kd_ + 7); \
    KV[8] = wasm_v128_load64_splat(kd_ + 8); \
    KV[9] = wasm_v128_load64_splat(kd_ + 9); \
    KV[10] = wasm_v128_load64_splat(kd_ + 10); \
    KV[11] = wasm_v128_load64_splat(kd_ + 11); \
    KV[12] = wasm_v128_load64_splat(kd_ + 12); \
    KV[13] = wasm_v128_load64_splat(kd_ + 13); \
    KV[14] = wasm_v128_load64_splat(kd_ + 14); \
    KV[15] = wasm_v128_load64_splat(kd_ + 15); \
    KV[16] = wasm_v128_load64_splat(kd_ + 16); \
    KV[17] = wasm_v128_load64_splat(kd_ + 17); \
    KV[18] = wasm_v128_load64_splat(kd_ + 18); \
    KV[19] = wasm_v128_load64_splat(kd_ + 19); \
    KV[20] = wasm_v128_load64_splat(kd_ + 20); \
    KV[21] = wasm_v128_load64_splat(kd_ + 21); \
    KV[22] = wasm_v128_load64_splat(kd_ + 22); \
    KV[23] = wasm_v128_load64_splat(kd_ + 23); \
    KV[24] = wasm_v128_load64_splat(kd_ + 24); \
    KV[25] = wasm_v128_load64_splat(kd_ + 25); \
    KV[26] = wasm_v128_load64_splat(kd_ + 26); \
    KV[27] = wasm_v128_load64_splat(kd_ + 27); \
    KV[28] = wasm_v128_load64_splat(kd_ + 28); \
    KV[29] = wasm_v128_load64_splat(kd_ + 29); \
    KV[30] = wasm_v128_load64_splat(kd_ + 30); \
    KV[31] = wasm_v128_load64_splat(kd_ + 31); \
    KV[32] = wasm_v128_load64_splat(kd_ + 32); \
    KV[33] = wasm_v128_load64_splat(kd_ + 33); \
    KV[34] = wasm_v128_load64_splat(kd_ + 34); \
    KV[KD_COUNT + 0] = wasm_v128_load32_splat(ki_ + 0); \
    KV[KD_COUNT + 1] = wasm_v128_load32_splat(ki_ + 1); \
    KV[KD_COUNT + 2] = wasm_v128_load32_splat(ki_ + 2); \
    KV[KD_COUNT + 3] = wasm_v128_load32_splat(ki_ + 3); \
    KV[KD_COUNT + 4] = wasm_v128_load32_splat(ki_ + 4); \
    KV[KD_COUNT + 5] = wasm_v128_load32_splat(ki_ + 5); \
    KV[KD_COUNT + 6] = wasm_v128_load32_splat(ki_ + 6); \
    KV[KD_COUNT + 7] = wasm_v128_load32_splat(ki_ + 7); \
    KV[KD_COUNT + 8] = wasm_v128_load32_splat(ki_ + 8); \
    KV[KD_COUNT + 9] = wasm_v128_load32_splat(ki_ + 9); \
    KV[KD_COUNT + 10] = wasm_v128_load32_splat(ki_ + 10); \
    KV[KD_COUNT + 11] = wasm_v128_load32_splat(ki_ + 11); \
    KV[KD_COUNT + 12] = wasm_v128_load32_splat(ki_ + 12); \
    KV[KD_COUNT + 13] = wasm_v128_load32_splat(ki_ + 13); \
    KV[KD_COUNT + 14] = wasm_v128_load32_splat(ki_ + 14); \
    KV[KD_COUNT + 15] = wasm_v128_load32_splat(ki_ + 15); \
    KV[KD_COUNT + 16] = wasm_v128_load32_splat(ki_ + 16); \
    KV[KD_COUNT + 17] = wasm_v128_load32_splat(ki_ + 17); \
    KV[KD_COUNT + 18] = wasm_v128_load32_splat(ki_ + 18); \
    KV[KD_COUNT + 19] = wasm_v128_load32_splat(ki_ + 19); \
  }
#define ADD wasm_f64x2_add
#define SUB wasm_f64x2_sub
#define MUL wasm_f64x2_mul

/*
 * ln x for 0 < x < 1, both lanes (fdlibm e_log.c). fdlibm's k = 0 formulas equal its k ≠ 0 ones
 * with dk = 0 bit for bit (0·ln2 terms are +0 and 0 − a = −a exactly), so only the i > 0 choice
 * and the |f| < 2^-20 case are selected.
 */
static inline __attribute__((always_inline)) v128_t log_f64x2(const v128_t *KV, v128_t x) {
  v128_t hx = x;
  v128_t k = wasm_i32x4_sub(wasm_i32x4_shr(hx, 20), I32K(0 /* 1023 */));
  hx = wasm_v128_and(hx, I32K(1 /* 0x000FFFFF */));
  v128_t i = wasm_v128_and(wasm_i32x4_add(hx, I32K(2 /* 0x95F64 */)), I32K(3 /* 0x100000 */));
  v128_t high = wasm_v128_or(hx, wasm_v128_xor(i, I32K(4 /* 0x3FF00000 */)));
  v128_t xn = wasm_i32x4_shuffle(x, high, 0, 5, 2, 7);
  k = wasm_i32x4_add(k, wasm_i32x4_shr(i, 20));
  v128_t f = SUB(xn, SPLATK(0 /* 1.0 */));
  v128_t dk = high_to_f64(k);
  v128_t dkhi = MUL(dk, SPLATK(1 /* ln2_hi */));
  v128_t dklo = MUL(dk, SPLATK(2 /* ln2_lo */));
  /* |f| < 2^-20: R = f²(1/2 − f/3); dk·ln2_hi − ((R − dk·ln2_lo) − f). */
  v128_t tinyMask = mask64(wasm_i32x4_lt(wasm_v128_and(wasm_i32x4_add(hx, I32K(5 /* 2 */)), I32K(1 /* 0x000FFFFF */)), I32K(6 /* 3 */)));
  v128_t s = wasm_f64x2_div(f, ADD(SPLATK(3 /* 2.0 */), f));
  v128_t z = MUL(s, s);
  v128_t w = MUL(z, z);
  v128_t t1 = MUL(w, ADD(SPLATK(4 /* Lg2 */), MUL(w, ADD(SPLATK(5 /* Lg4 */), MUL(w, SPLATK(6 /* Lg6 */))))));
  v128_t t2 = MUL(z, ADD(SPLATK(7 /* Lg1 */), MUL(w, ADD(SPLATK(8 /* Lg3 */), MUL(w, ADD(SPLATK(9 /* Lg5 */), MUL(w, SPLATK(10 /* Lg7 */))))))));
  v128_t R = ADD(t2, t1);
  v128_t ij = wasm_v128_or(wasm_i32x4_sub(hx, I32K(7 /* 0x6147A */)), wasm_i32x4_sub(I32K(8 /* 0x6B851 */), hx));
  v128_t bigMask = mask64(wasm_i32x4_gt(ij, I32K(9 /* 0 */)));
  v128_t hfsq = MUL(MUL(SPLATK(11 /* 0.5 */), f), f);
  v128_t big = SUB(dkhi, SUB(SUB(hfsq, ADD(MUL(s, ADD(hfsq, R)), dklo)), f));
  v128_t small = SUB(dkhi, SUB(SUB(MUL(s, SUB(f, R)), dklo), f));
  v128_t main = wasm_v128_bitselect(big, small, bigMask);
  if (!wasm_v128_any_true(tinyMask)) return main; /* |f| < 2^-20: a few u in 2^23 */
  v128_t Rt = MUL(MUL(f, f), SUB(SPLATK(11 /* 0.5 */), MUL(SPLATK(12 /* 0.33333333333333333 */), f)));
  v128_t tiny = SUB(dkhi, SUB(SUB(Rt, dklo), f));
  return wasm_v128_bitselect(tiny, main, tinyMask);
}

/* fdlibm k_sin.c with iy = 1 (a reduced argument x + y) and iy = 0 (y = 0, |x| ≤ π/4). */
static inline __attribute__((always_inline)) v128_t ksin_f64x2(const v128_t *KV, v128_t x, v128_t y, v128_t iy0Mask) {
  v128_t z = MUL(x, x);
  v128_t v = MUL(z, x);
  v128_t r = ADD(SPLATK(13 /* S2 */), MUL(z, ADD(SPLATK(14 /* S3 */), MUL(z, ADD(SPLATK(15 /* S4 */), MUL(z, ADD(SPLATK(16 /* S5 */), MUL(z, SPLATK(17 /* S6 */)))))))));
  v128_t r0 = ADD(x, MUL(v, ADD(SPLATK(18 /* S1 */), MUL(z, r))));
  v128_t r1 = SUB(x, SUB(SUB(MUL(z, SUB(MUL(SPLATK(11 /* 0.5 */), y), MUL(v, r))), y), MUL(v, SPLATK(18 /* S1 */))));
  return wasm_v128_bitselect(r0, r1, iy0Mask);
}

/* fdlibm k_cos.c: for |x| < 0.3 its first formula equals the second with qx = 0 bit for bit. */
static inline __attribute__((always_inline)) v128_t kcos_f64x2(const v128_t *KV, v128_t x, v128_t y) {
  v128_t ix = wasm_v128_and(x, I32K(10 /* 0x7FFFFFFF */));
  v128_t z = MUL(x, x);
  v128_t r = MUL(z, ADD(SPLATK(19 /* C1 */), MUL(z, ADD(SPLATK(20 /* C2 */), MUL(z, ADD(SPLATK(21 /* C3 */), MUL(z, ADD(SPLATK(22 /* C4 */), MUL(z, ADD(SPLATK(23 /* C5 */), MUL(z, SPLATK(24 /* C6 */))))))))))));
  v128_t quarter = from_high(wasm_i32x4_sub(ix, I32K(11 /* 0x00200000 */))); /* x/4, high word only */
  v128_t qx = wasm_v128_bitselect(SPLATK(25 /* 0.28125 */), quarter, mask64(wasm_i32x4_gt(ix, I32K(12 /* 0x3FE90000 */))));
  qx = wasm_v128_andnot(qx, mask64(wasm_i32x4_lt(ix, I32K(13 /* 0x3FD33333 */))));
  v128_t hz = SUB(MUL(SPLATK(11 /* 0.5 */), z), qx);
  v128_t a = SUB(SPLATK(0 /* 1.0 */), qx);
  return SUB(a, SUB(hz, SUB(MUL(z, r), MUL(x, y))));
}

/*
 * (cos θ, sin θ) for |θ| < π, as fdlibm's cos and sin compute them: no reduction for |θ| ≤ π/4,
 * else the e_rem_pio2.c reduction θ = nπ/2 + (y0 + y1) (n = ±1 below 3π/4, else the medium case
 * with fn = n = 1 or 2 and its second iteration near π), then the kernels and the quadrant n & 3.
 */
static inline __attribute__((always_inline)) void sincos_f64x2(const v128_t *KV, v128_t x, v128_t *cosOut, v128_t *sinOut) {
  v128_t ix = wasm_v128_and(x, I32K(10 /* 0x7FFFFFFF */));
  v128_t neg = wasm_f64x2_lt(x, SPLATK(26 /* 0.0 */)); /* fdlibm: hx < 0; θ ≠ ±0 here */
  v128_t t = wasm_f64x2_abs(x);
  v128_t direct = mask64(wasm_i32x4_le(ix, I32K(14 /* 0x3FE921FB */)));
  /* |θ| < 3π/4: n = 1, one or (at θ ≈ π/2) two constants. */
  v128_t nearHalfPi = mask64(wasm_i32x4_eq(ix, I32K(15 /* 0x3FF921FB */)));
  v128_t zs = SUB(t, SPLATK(27 /* pio2_1 */));
  v128_t ct = SPLATK(28 /* pio2_1t */);
  if (wasm_v128_any_true(nearHalfPi)) { /* rare: the high word of π/2 (two θ in 2^23) */
    zs = wasm_v128_bitselect(SUB(zs, SPLATK(29 /* pio2_2 */)), zs, nearHalfPi);
    ct = wasm_v128_bitselect(SPLATK(30 /* pio2_2t */), ct, nearHalfPi);
  }
  v128_t y0s = SUB(zs, ct);
  v128_t y1s = SUB(SUB(zs, y0s), ct);
  /* Medium case, 3π/4 ≤ |θ| < π. */
  v128_t fn = wasm_f64x2_trunc(ADD(MUL(t, SPLATK(31 /* invpio2 */)), SPLATK(11 /* 0.5 */)));
  v128_t r = SUB(t, MUL(fn, SPLATK(27 /* pio2_1 */)));
  v128_t w = MUL(fn, SPLATK(28 /* pio2_1t */));
  v128_t y0m = SUB(r, w);
  /* npio2_hw[n−1] check: only n = 2 with the high word of π can reach here (n = 1 needs θ ≈ π/2). */
  v128_t j = wasm_i32x4_shr(ix, 20);
  v128_t e = wasm_v128_and(wasm_i32x4_shr(y0m, 20), I32K(16 /* 0x7FF */));
  v128_t second = wasm_v128_and(mask64(wasm_v128_and(wasm_i32x4_eq(ix, I32K(17 /* 0x400921FB */)), wasm_i32x4_gt(wasm_i32x4_sub(j, e), I32K(18 /* 16 */)))),
                                wasm_f64x2_eq(fn, SPLATK(3 /* 2.0 */)));
  if (wasm_v128_any_true(second)) { /* rare: θ within ~2^-19 of ±π */
    v128_t w2a = MUL(fn, SPLATK(29 /* pio2_2 */));
    v128_t r2 = SUB(r, w2a);
    v128_t w2 = SUB(MUL(fn, SPLATK(30 /* pio2_2t */)), SUB(SUB(r, r2), w2a));
    v128_t y0m2 = SUB(r2, w2);
    r = wasm_v128_bitselect(r2, r, second);
    w = wasm_v128_bitselect(w2, w, second);
    y0m = wasm_v128_bitselect(y0m2, y0m, second);
  }
  v128_t y1m = SUB(SUB(r, y0m), w);
  v128_t small = mask64(wasm_i32x4_lt(ix, I32K(19 /* 0x4002D97C */)));
  v128_t y0 = wasm_v128_bitselect(y0s, y0m, small);
  v128_t y1 = wasm_v128_bitselect(y1s, y1m, small);
  /* fdlibm negates (y0, y1) and n for θ < 0. */
  const v128_t signBit = SPLATK(32 /* -0.0 */);
  v128_t negBits = wasm_v128_and(neg, signBit);
  y0 = wasm_v128_xor(y0, negBits);
  y1 = wasm_v128_xor(y1, negBits);
  y0 = wasm_v128_bitselect(x, y0, direct);
  y1 = wasm_v128_andnot(y1, direct);
  v128_t S = ksin_f64x2(KV, y0, y1, direct);
  v128_t C = kcos_f64x2(KV, y0, y1);
  /* Quadrant n & 3: 0 (direct): (C, S); 1: (−S, C); 2: (−C, −S); 3: (S, −C) as (cos, sin). */
  v128_t q2 = wasm_v128_andnot(wasm_v128_andnot(wasm_f64x2_eq(fn, SPLATK(3 /* 2.0 */)), small), direct);
  v128_t q1 = wasm_v128_andnot(wasm_v128_not(q2), direct);
  v128_t cosNeg = wasm_v128_or(q2, wasm_v128_andnot(q1, neg));
  v128_t sinNeg = wasm_v128_or(q2, wasm_v128_and(q1, neg));
  v128_t c = wasm_v128_bitselect(S, C, q1);
  v128_t s = wasm_v128_bitselect(C, S, q1);
  *cosOut = wasm_v128_xor(c, wasm_v128_and(cosNeg, signBit));
  *sinOut = wasm_v128_xor(s, wasm_v128_and(sinNeg, signBit));
}


/* The Box–Muller radius √(−2 ln u1) and angle (cos θ, sin θ) of the words in lanes (lane, lane + 1). */
static inline __attribute__((always_inline)) void box_muller_parts(const v128_t *KV, v128_t w1, v128_t w2, int high, v128_t *r, v128_t *c, v128_t *s) {
  v128_t u1 = uniform_pair(KV, w1, high);
  v128_t u2 = uniform_pair(KV, w2, high);
  *r = wasm_f64x2_sqrt(MUL(SPLATK(33 /* -2.0 */), log_f64x2(KV, u1)));
  sincos_f64x2(KV, MUL(SPLATK(34 /* TWO_PI */), SUB(u2, SPLATK(11 /* 0.5 */))), c, s);
}

/* Box–Muller of the word pairs in lanes (lane, lane + 1) of (w1, w2): normals (r cos θ, r sin θ). */
static inline __attribute__((always_inline)) void box_muller_pair(const v128_t *KV, v128_t w1, v128_t w2, int high, v128_t *zc, v128_t *zs) {
  v128_t r, c, s;
  box_muller_parts(KV, w1, w2, high, &r, &c, &s);
  *zc = MUL(r, c);
  *zs = MUL(r, s);
}

/*
 * The parts of the transform for given words, n a multiple of 4: r[i] = √(−2 ln u(w1[i])),
 * c[i] = cos θ(w2[i]), s[i] = sin θ(w2[i]). For the exhaustive test against Math.log/cos/sin.
 */
__attribute__((export_name("box_muller_parts")))
void box_muller_parts_of(const uint32_t *w1, const uint32_t *w2, uint32_t n, double *r, double *c, double *s) {
  KV_DECL
  for (uint32_t i = 0; i < n; i += 4) {
    v128_t a = wasm_v128_load(w1 + i), b = wasm_v128_load(w2 + i);
    for (int high = 0; high < 2; high++) {
      v128_t rv, cv, sv;
      box_muller_parts(KV, a, b, high, &rv, &cv, &sv);
      wasm_v128_store(r + i + 2 * high, rv);
      wasm_v128_store(c + i + 2 * high, cv);
      wasm_v128_store(s + i + 2 * high, sv);
    }
  }
}

/* Store the normals of counters (lane, lane + 1), pair p (words 2p, 2p + 1), into their quads. */
static inline __attribute__((always_inline)) void store_pair(double *out, v128_t zc, v128_t zs) {
  wasm_v128_store(out, wasm_i64x2_shuffle(zc, zs, 0, 2));
  wasm_v128_store(out + 4, wasm_i64x2_shuffle(zc, zs, 1, 3));
}

/* The 16 normals of quads q .. q + 3 at (row, layer, net) into out[0..16). */
static inline __attribute__((always_inline)) void quads4(const v128_t *KV, uint32_t seed, uint32_t domain, uint32_t net, uint32_t layer, uint32_t row, uint32_t q, double *out) {
  v128_t x0 = wasm_i32x4_add(wasm_i32x4_splat((int32_t)q), wasm_i32x4_make(0, 1, 2, 3));
  v128_t x1 = wasm_i32x4_splat((int32_t)row);
  v128_t x2 = wasm_i32x4_splat((int32_t)layer);
  v128_t x3 = wasm_i32x4_splat((int32_t)net);
  philox4(&x0, &x1, &x2, &x3, seed, domain);
  v128_t zc, zs;
  /* counters 0, 1 then 2, 3; words (0, 1) give normals 0, 1 of a quad, words (2, 3) normals 2, 3. */
  box_muller_pair(KV, x0, x1, 0, &zc, &zs);
  store_pair(out, zc, zs);
  box_muller_pair(KV, x2, x3, 0, &zc, &zs);
  store_pair(out + 2, zc, zs);
  box_muller_pair(KV, x0, x1, 1, &zc, &zs);
  store_pair(out + 8, zc, zs);
  box_muller_pair(KV, x2, x3, 1, &zc, &zs);
  store_pair(out + 10, zc, zs);
}

/*
 * Normals of quads q0 .. q0 + nquads − 1 at (row, layer, net): out[4(q − q0) + j]. Writes whole
 * groups of 4 quads, i.e. up to 12 doubles past 4·nquads: the caller leaves that much room.
 */
__attribute__((export_name("normals")))
void normals(uint32_t seed, uint32_t domain, uint32_t net, uint32_t layer, uint32_t row, uint32_t q0, uint32_t nquads, double *out) {
  KV_DECL
  for (uint32_t q = 0; q < nquads; q += 4) quads4(KV, seed, domain, net, layer, row, q0 + q, out + 4 * q);
}

/*
 * The explicit method's layer product for rows row0 .. row0 + nrows − 1 of a Gaussian W:
 * acc[(i − row0)·k + a] = Σ_j W[i, j] H[j·k + a], j = 0 .. nIn − 1 in order (the same sum, in the
 * same order, as explicitNetwork.ts), W[i, ·] drawn into `scratch` (4·(4⌈nIn/4⌉ + 16) doubles).
 */
__attribute__((export_name("gaussian_rows_times")))
void gaussian_rows_times(uint32_t seed, uint32_t domain, uint32_t net, uint32_t layer, uint32_t row0, uint32_t nrows,
                         uint32_t nIn, const double *H, uint32_t k, double *acc, double *scratch) {
  uint32_t nquads = (nIn + 3) >> 2;
  uint32_t stride = 4 * nquads + 16; /* scratch holds 4 rows */
  uint32_t i = 0;
  /* Four rows at a time: four independent sums per column pair hide the latency of f64x2.add;
     each row's sum still runs over j in order. */
  for (; i + 4 <= nrows; i += 4) {
    for (uint32_t r = 0; r < 4; r++) normals(seed, domain, net, layer, row0 + i + r, 0, nquads, scratch + r * stride);
    const double *w0 = scratch, *w1 = scratch + stride, *w2 = scratch + 2 * stride, *w3 = scratch + 3 * stride;
    uint32_t a = 0;
    for (; a + 2 <= k; a += 2) {
      v128_t s0 = wasm_f64x2_splat(0.0), s1 = s0, s2 = s0, s3 = s0;
      const double *h = H + a;
      for (uint32_t j = 0; j < nIn; j++) {
        v128_t hj = wasm_v128_load(h + j * k);
        s0 = ADD(s0, MUL(wasm_f64x2_splat(w0[j]), hj));
        s1 = ADD(s1, MUL(wasm_f64x2_splat(w1[j]), hj));
        s2 = ADD(s2, MUL(wasm_f64x2_splat(w2[j]), hj));
        s3 = ADD(s3, MUL(wasm_f64x2_splat(w3[j]), hj));
      }
      wasm_v128_store(acc + i * k + a, s0);
      wasm_v128_store(acc + (i + 1) * k + a, s1);
      wasm_v128_store(acc + (i + 2) * k + a, s2);
      wasm_v128_store(acc + (i + 3) * k + a, s3);
    }
    if (a < k) {
      for (uint32_t r = 0; r < 4; r++) {
        const double *w = scratch + r * stride;
        double s = 0.0;
        for (uint32_t j = 0; j < nIn; j++) s += w[j] * H[j * k + a];
        acc[(i + r) * k + a] = s;
      }
    }
  }
  for (; i < nrows; i++) {
    normals(seed, domain, net, layer, row0 + i, 0, nquads, scratch);
    double *out = acc + i * k;
    uint32_t a = 0;
    for (; a + 2 <= k; a += 2) {
      v128_t s = wasm_f64x2_splat(0.0);
      const double *h = H + a;
      for (uint32_t j = 0; j < nIn; j++) s = ADD(s, MUL(wasm_f64x2_splat(scratch[j]), wasm_v128_load(h + j * k)));
      wasm_v128_store(out + a, s);
    }
    if (a < k) {
      double s = 0.0;
      for (uint32_t j = 0; j < nIn; j++) s += scratch[j] * H[j * k + a];
      out[a] = s;
    }
  }
}

/*
 * One layer of the gram method for a piecewise-linear φ(z) = sp·z (z > 0), sm·z (else): the body of
 * gramLayer in cpu/gramNetwork.ts, with the same operations in the same order (so the same bits).
 * ξ = the layer's n·k normals of (seed, domain, net, layer, row 0) drawn into `xi` (n·k + 16
 * doubles); row i: v_a = Σ_{b ≤ a} C[a, b] ξ[i·k + b], z = v (residualOn = 0) or Z + residual·v,
 * then the packed sums Σ z zᵀ and Σ φ(z)φ(z)ᵀ over rows in order (pairIndex order, a ≤ b).
 */
__attribute__((export_name("gram_layer")))
void gram_layer(uint32_t seed, uint32_t domain, uint32_t net, uint32_t layer, uint32_t n, uint32_t k, const double *C,
                double *Z, int32_t residualOn, double residual, double sp, double sm, double *zSums, double *phiSums,
                double *xi, double *h) {
  normals(seed, domain, net, layer, 0, 0, (n * k + 3) >> 2, xi);
  if (k == 2) {
    /* The same sums, held in locals: each still adds its terms one at a time, in row order. */
    double s00 = 0.0, s01 = 0.0, s11 = 0.0, p00 = 0.0, p01 = 0.0, p11 = 0.0;
    const double c00 = C[0], c10 = C[2], c11 = C[3];
    for (uint32_t i = 0; i < n; i++) {
      double v0 = 0.0, v1 = 0.0;
      v0 += c00 * xi[2 * i];
      v1 += c10 * xi[2 * i];
      v1 += c11 * xi[2 * i + 1];
      double z0 = residualOn ? Z[2 * i] + residual * v0 : v0;
      double z1 = residualOn ? Z[2 * i + 1] + residual * v1 : v1;
      Z[2 * i] = z0;
      Z[2 * i + 1] = z1;
      double h0 = z0 > 0 ? sp * z0 : sm * z0;
      double h1 = z1 > 0 ? sp * z1 : sm * z1;
      s00 += z0 * z0;
      p00 += h0 * h0;
      s01 += z0 * z1;
      p01 += h0 * h1;
      s11 += z1 * z1;
      p11 += h1 * h1;
    }
    zSums[0] = s00, zSums[1] = s01, zSums[2] = s11;
    phiSums[0] = p00, phiSums[1] = p01, phiSums[2] = p11;
    return;
  }
  uint32_t P = k * (k + 1) / 2;
  for (uint32_t p = 0; p < P; p++) zSums[p] = 0.0, phiSums[p] = 0.0;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t base = i * k;
    for (uint32_t a = 0; a < k; a++) {
      double v = 0.0;
      for (uint32_t b = 0; b <= a; b++) v += C[a * k + b] * xi[base + b];
      double z = residualOn ? Z[base + a] + residual * v : v;
      Z[base + a] = z;
      h[a] = z > 0 ? sp * z : sm * z;
    }
    uint32_t p = 0;
    for (uint32_t a = 0; a < k; a++) {
      double za = Z[base + a], ha = h[a];
      for (uint32_t b = a; b < k; b++) {
        zSums[p] += za * Z[base + b];
        phiSums[p] += ha * h[b];
        p++;
      }
    }
  }
}
