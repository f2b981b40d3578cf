/*
 * The hot loop of the CPU backend in WebAssembly SIMD: Philox4x32-10 and the Box–Muller transform
 * of src/core/philox.ts, plus the explicit method's fused "draw a weight row, multiply it into H"
 * kernel and the gram method's layer. Built by scripts/build-wasm.sh into philoxNormals.wasm.ts
 * (committed, so neither `npm test` nor the page needs a C compiler).
 *
 * Draws are the same numbers as NormalStream (philox.ts): counter (quad, row, layer, net), key
 * (seed, domain), u = ((w >> 9) + 1/2)·2^-23, z = (√(−2 ln u1) cos θ, √(−2 ln u1) sin θ) with
 * θ = 2π(u2 − 1/2). ln, cos and sin are evaluated with the fdlibm algorithms (Sun Microsystems
 * 1993: e_log.c; e_rem_pio2.c, k_sin.c, k_cos.c), which are what V8 11 (Node 20) runs for
 * Math.log/cos/sin, operation for operation; WebAssembly has no fused multiply-add and rounds
 * every operation to nearest, so each lane rounds exactly as the scalar fdlibm code does. Every
 * data-dependent branch of fdlibm that our inputs can reach (u ∈ (0, 1) on a 2^-23 grid, θ ∈ (−π, π)
 * at least 2^-22·π/2 away from every multiple of π/2) is evaluated on both sides and selected per
 * lane, or, where it is rare, behind a branch taken only when a lane needs it. philoxWasm.test.ts
 * checks all 2^23 possible u1 and all 2^23 possible θ against Math.log/cos/sin (≤ 1 ulp on any
 * engine; on Node 20 bit for bit, see the test).
 *
 * Speed (issue 19; V8 11 on x64, measured with bench/normalsKernel.ts): V8 turns each v128 value
 * the code keeps live into a register or a stack slot and never reorders much, so the cost is the
 * number of instructions plus spills. Hence: Philox for 1024 normals of a row first (two groups of
 * four counters round by round), into WORDS, then the transform two f64x2 vectors (8 normals) at a
 * time — enough independent work to hide the latency of div and sqrt without running out of the 16
 * xmm registers (728 of the earlier four-vector loop’s ~2000 x64 instructions were stack moves); every
 * per-lane selection done with as few instructions as V8 can emit for it (f64 compares on |θ|
 * instead of integer compares on its high word and a shuffle; one branch for log's rare cases and
 * one for rem_pio2's). ~6.9 ns per draw against 10.1 ns before (bench/results/README.md).
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

/* The 10 round keys of key (k0, k1), splatted: rk[2r] = k0 + r·W0, rk[2r + 1] = k1 + r·W1 (mod 2^32). */
static inline __attribute__((always_inline)) void philox_round_keys(uint32_t k0, uint32_t k1, v128_t rk[20]) {
#pragma clang loop unroll(full)
  for (int r = 0; r < 10; r++) {
    rk[2 * r] = wasm_i32x4_splat((int32_t)k0);
    rk[2 * r + 1] = wasm_i32x4_splat((int32_t)k1);
    k0 += PHILOX_W0;
    k1 += PHILOX_W1;
  }
}

/* Philox4x32-10 on four counters (c0 lanes; c1, c2, c3 shared) under the round keys rk. */
static inline __attribute__((always_inline)) void philox4(v128_t *x0, v128_t *x1, v128_t *x2, v128_t *x3, const v128_t rk[20]) {
  const v128_t m0 = wasm_i32x4_splat((int32_t)PHILOX_M0);
  const v128_t m1 = wasm_i32x4_splat((int32_t)PHILOX_M1);
  v128_t a = *x0, b = *x1, c = *x2, d = *x3;
#pragma clang loop unroll(full)
  for (int r = 0; r < 10; r++) {
    v128_t hi0, lo0, hi1, lo1;
    mul_u32x4(a, m0, &hi0, &lo0);
    mul_u32x4(c, m1, &hi1, &lo1);
    a = wasm_v128_xor(wasm_v128_xor(hi1, b), rk[2 * r]);
    b = lo1;
    c = wasm_v128_xor(wasm_v128_xor(hi0, d), rk[2 * r + 1]);
    d = lo0;
  }
  *x0 = a;
  *x1 = b;
  *x2 = c;
  *x3 = d;
}

/* Two independent Philox4x32-10 evaluations, round by round (their latency chains overlap). */
static inline __attribute__((always_inline)) void philox4x2(v128_t *x0, v128_t *x1, v128_t *x2, v128_t *x3, v128_t *y0, v128_t *y1, v128_t *y2, v128_t *y3, const v128_t rk[20]) {
  const v128_t m0 = wasm_i32x4_splat((int32_t)PHILOX_M0);
  const v128_t m1 = wasm_i32x4_splat((int32_t)PHILOX_M1);
  v128_t a = *x0, b = *x1, c = *x2, d = *x3;
  v128_t e = *y0, f = *y1, g = *y2, h = *y3;
#pragma clang loop unroll(full)
  for (int r = 0; r < 10; r++) {
    v128_t hi0, lo0, hi1, lo1, hi2, lo2, hi3, lo3;
    mul_u32x4(a, m0, &hi0, &lo0);
    mul_u32x4(c, m1, &hi1, &lo1);
    mul_u32x4(e, m0, &hi2, &lo2);
    mul_u32x4(g, m1, &hi3, &lo3);
    a = wasm_v128_xor(wasm_v128_xor(hi1, b), rk[2 * r]);
    b = lo1;
    c = wasm_v128_xor(wasm_v128_xor(hi0, d), rk[2 * r + 1]);
    d = lo0;
    e = wasm_v128_xor(wasm_v128_xor(hi3, f), rk[2 * r]);
    f = lo3;
    g = wasm_v128_xor(wasm_v128_xor(hi2, h), rk[2 * r + 1]);
    h = lo2;
  }
  *x0 = a, *x1 = b, *x2 = c, *x3 = d;
  *y0 = e, *y1 = f, *y2 = g, *y3 = h;
}

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
 * For t ≥ 0, t < the double whose bits are (H + 1)·2^32 exactly when t's high word is ≤ H (IEEE
 * order is the order of the bit patterns for non-negative doubles): fdlibm's tests on the high
 * word ix of |θ| become one f64 compare each, with no shuffle to spread an i32 lane over an f64.
 */
#define HW_LE_3FE921FB 0x1.921fcp-1 /* bits 0x3FE921FC00000000: ix ≤ 0x3FE921FB ⇔ t < this */
#define HW_GT_3FE90000 0x1.90000ffffffffp-1 /* bits 0x3FE90000FFFFFFFF: ix > 0x3FE90000 ⇔ t > this */
#define HW_LT_3FD33333 0x1.33333p-2 /* bits 0x3FD3333300000000: ix < 0x3FD33333 ⇔ t < this */
/*
 * e_rem_pio2.c's medium case takes n = (int)(t·invpio2 + 1/2), rounded at each step; t ↦ that is
 * non-decreasing, and for t < π it is 2 exactly from this t on (the double nearest 3π/4, bits
 * 0x4002D97C7F3321D2; found by bisection over doubles, tools/fixtures/fn2_threshold.py), and 1 below
 * it down to π/4. So fn = [t > π/4 (ix > 0x3FE921FB)] + [t ≥ FN2], and the n = 1 case below 3π/4
 * (ix < 0x4002D97C, where fdlibm takes n = 1 without computing it) is the same: FN2 > 3π/4's
 * high-word bound.
 */
#define FN2 0x1.2d97c7f3321d2p+1

/*
 * Constants: V8 builds every v128.const from immediates with 3–4 instructions at each use inside a
 * loop. Here they are splatted once per exported call from tables (KV_DECL), through a base
 * pointer the compiler cannot see through (an empty asm, else it folds them back into v128.const),
 * and travel as values (KV) to the inlined helpers: V8 keeps them in registers or one stack load
 * away (measured: ~15 % of the kernel's time against v128.const).
 */
enum {
  D_ONE, D_LN2_HI, D_LN2_LO, D_TWO, D_LG2, D_LG4, D_LG6, D_LG1, D_LG3, D_LG5, D_LG7, D_HALF, D_THIRD,
  D_S2, D_S3, D_S4, D_S5, D_S6, D_S1, D_C1, D_C2, D_C3, D_C4, D_C5, D_C6, D_0_28125, D_QUARTER,
  D_PIO2_1, D_PIO2_1T, D_PIO2_2, D_PIO2_2T, D_INVPIO2, D_MINUS_TWO, D_TWO_PI_2M24, D_2M24,
  D_HW_LE_3FE921FB, D_FN2, D_HW_GT_3FE90000, D_HW_LT_3FD33333, KD_COUNT
};
static const double KD[KD_COUNT] = {
  [D_ONE] = 1.0, [D_LN2_HI] = ln2_hi, [D_LN2_LO] = ln2_lo, [D_TWO] = 2.0,
  [D_LG2] = Lg2, [D_LG4] = Lg4, [D_LG6] = Lg6, [D_LG1] = Lg1, [D_LG3] = Lg3, [D_LG5] = Lg5, [D_LG7] = Lg7,
  [D_HALF] = 0.5, [D_THIRD] = 0.33333333333333333,
  [D_S2] = S2, [D_S3] = S3, [D_S4] = S4, [D_S5] = S5, [D_S6] = S6, [D_S1] = S1,
  [D_C1] = C1, [D_C2] = C2, [D_C3] = C3, [D_C4] = C4, [D_C5] = C5, [D_C6] = C6,
  [D_0_28125] = 0.28125, [D_QUARTER] = 0.25,
  [D_PIO2_1] = pio2_1, [D_PIO2_1T] = pio2_1t, [D_PIO2_2] = pio2_2, [D_PIO2_2T] = pio2_2t, [D_INVPIO2] = invpio2,
  [D_MINUS_TWO] = -2.0,
  [D_TWO_PI_2M24] = TWO_PI * 0x1p-24, /* exact: a power-of-two scaling */
  [D_2M24] = 0x1p-24,
  [D_HW_LE_3FE921FB] = HW_LE_3FE921FB, [D_FN2] = FN2,
  [D_HW_GT_3FE90000] = HW_GT_3FE90000, [D_HW_LT_3FD33333] = HW_LT_3FD33333,
};
/* i32 constants, splatted over the four i32 lanes. */
enum {
  I_1023, I_MANT_HI, I_95F64, I_100000, I_3FF00000, I_TWO, I_THREE, I_6147A, I_6B851, I_ZERO,
  I_ONE, I_SIGN32, I_7FF, I_16, KI_COUNT
};
static const int32_t KI[KI_COUNT] = {
  [I_1023] = 1023, [I_MANT_HI] = 0x000FFFFF, [I_95F64] = 0x95F64, [I_100000] = 0x100000,
  [I_3FF00000] = 0x3FF00000, [I_TWO] = 2, [I_THREE] = 3, [I_6147A] = 0x6147A, [I_6B851] = 0x6B851,
  [I_ZERO] = 0, [I_ONE] = 1, [I_SIGN32] = (int32_t)0x80000000u, [I_7FF] = 0x7FF, [I_16] = 16,
};
/* 64-bit patterns, splatted over the two f64 lanes. */
enum { U_ABS, U_SIGN, U_HIGH_WORD, U_RARE_A, U_RARE_B, KU_COUNT };
static const uint64_t KU[KU_COUNT] = {
  [U_ABS] = 0x7FFFFFFFFFFFFFFFull, [U_SIGN] = 0x8000000000000000ull, [U_HIGH_WORD] = 0xFFFFFFFF00000000ull,
  /* fdlibm's two rare reductions: ix = 0x3FF921FB (θ near ±π/2), 0x400921FB (θ near ±π), in the high word only. */
  [U_RARE_A] = 0x3FF921FB00000000ull, [U_RARE_B] = 0x400921FB00000000ull,
};
static inline __attribute__((always_inline)) const void *opaque(const void *p) {
  __asm__("" : "+r"(p));
  return p;
}
#define KV_COUNT (KD_COUNT + KI_COUNT + KU_COUNT)
#define KD_(i) (KV[(i)])
#define KI_(i) (KV[KD_COUNT + (i)])
#define KU_(i) (KV[KD_COUNT + KI_COUNT + (i)])
/* The constants as v128 values, splatted once per exported call (KV: KD, then KI, then KU). */
#define KV_DECL v128_t KV[KV_COUNT]; \
  { \
    const double *kd_ = opaque(KD); \
    const int32_t *ki_ = opaque(KI); \
    const uint64_t *ku_ = opaque(KU); \
    _Pragma("clang loop unroll(full)") for (int i_ = 0; i_ < KD_COUNT; i_++) KV[i_] = wasm_v128_load64_splat(kd_ + i_); \
    _Pragma("clang loop unroll(full)") for (int i_ = 0; i_ < KI_COUNT; i_++) KV[KD_COUNT + i_] = wasm_v128_load32_splat(ki_ + i_); \
    _Pragma("clang loop unroll(full)") for (int i_ = 0; i_ < KU_COUNT; i_++) KV[KD_COUNT + KI_COUNT + i_] = wasm_v128_load64_splat(ku_ + i_); \
  }
#define ADD wasm_f64x2_add
#define SUB wasm_f64x2_sub
#define MUL wasm_f64x2_mul

/*
 * Integer work on the high words of f64 lanes is done in i32x4 lanes 1 and 3 (little-endian: the
 * high word of f64 lane l is i32 lane 2l + 1; lanes 0 and 2 carry don't-care values). clang 14
 * scalarises some i64x2 compares, and i32x4 is what fdlibm computes in anyway (int32 words).
 */
/* An i32 mask in lanes 1, 3 spread over the whole f64 lanes, for bitselect. */
static inline __attribute__((always_inline)) v128_t mask64(v128_t m32) { return wasm_i32x4_shuffle(m32, m32, 1, 1, 3, 3); }
/* (double) of the small integers in i32 lanes 1 and 3. */
static inline __attribute__((always_inline)) v128_t high_to_f64(v128_t v) { return wasm_f64x2_convert_low_i32x4(wasm_i32x4_shuffle(v, v, 1, 3, 1, 3)); }

/*
 * ln x for 0 < x < 1, both lanes (fdlibm e_log.c). fdlibm's k = 0 formulas equal its k ≠ 0 ones
 * with dk = 0 bit for bit (0·ln2 terms are +0 and 0 − a = −a exactly), so only the i > 0 choice
 * (hx within ±0x5000 of 0x6147A..0x6B851: ~4 % of lanes) and the |f| < 2^-20 case (a few u in
 * 2^23) remain; both are rare, so the common formula runs for every lane and one branch, taken
 * when either lane needs one of them, computes and selects the others.
 */
static inline __attribute__((always_inline)) v128_t log_f64x2(const v128_t *KV, v128_t x) {
  v128_t hx = x;
  v128_t k = wasm_i32x4_sub(wasm_i32x4_shr(hx, 20), KI_(I_1023));
  hx = wasm_v128_and(hx, KI_(I_MANT_HI));
  v128_t i = wasm_v128_and(wasm_i32x4_add(hx, KI_(I_95F64)), KI_(I_100000));
  v128_t high = wasm_v128_or(hx, wasm_v128_xor(i, KI_(I_3FF00000)));
  v128_t xn = wasm_i32x4_shuffle(x, high, 0, 5, 2, 7);
  k = wasm_i32x4_add(k, wasm_i32x4_shr(i, 20));
  v128_t f = SUB(xn, KD_(D_ONE));
  v128_t dk = high_to_f64(k);
  v128_t dkhi = MUL(dk, KD_(D_LN2_HI));
  v128_t dklo = MUL(dk, KD_(D_LN2_LO));
  v128_t s = wasm_f64x2_div(f, ADD(KD_(D_TWO), f));
  v128_t z = MUL(s, s);
  v128_t w = MUL(z, z);
  v128_t t1 = MUL(w, ADD(KD_(D_LG2), MUL(w, ADD(KD_(D_LG4), MUL(w, KD_(D_LG6))))));
  v128_t t2 = MUL(z, ADD(KD_(D_LG1), MUL(w, ADD(KD_(D_LG3), MUL(w, ADD(KD_(D_LG5), MUL(w, KD_(D_LG7))))))));
  v128_t R = ADD(t2, t1);
  /* i > 0 in fdlibm: (hx − 0x6147a) | (0x6b851 − hx) > 0. */
  v128_t bigLanes = wasm_i32x4_gt(wasm_v128_or(wasm_i32x4_sub(hx, KI_(I_6147A)), wasm_i32x4_sub(KI_(I_6B851), hx)), KI_(I_ZERO));
  /* |f| < 2^-20 in fdlibm: (0x000fffff & (2 + hx)) < 3. */
  v128_t tinyLanes = wasm_i32x4_lt(wasm_v128_and(wasm_i32x4_add(hx, KI_(I_TWO)), KI_(I_MANT_HI)), KI_(I_THREE));
  v128_t result = SUB(dkhi, SUB(SUB(MUL(s, SUB(f, R)), dklo), f));
  v128_t rare = mask64(wasm_v128_or(bigLanes, tinyLanes));
  if (wasm_v128_any_true(rare)) {
    v128_t bigMask = mask64(bigLanes), tinyMask = mask64(tinyLanes);
    v128_t hfsq = MUL(MUL(KD_(D_HALF), f), f);
    v128_t big = SUB(dkhi, SUB(SUB(hfsq, ADD(MUL(s, ADD(hfsq, R)), dklo)), f));
    result = wasm_v128_bitselect(big, result, bigMask);
    /* |f| < 2^-20: R = f²(1/2 − f/3); dk·ln2_hi − ((R − dk·ln2_lo) − f). */
    v128_t Rt = MUL(MUL(f, f), SUB(KD_(D_HALF), MUL(KD_(D_THIRD), f)));
    v128_t tiny = SUB(dkhi, SUB(SUB(Rt, dklo), f));
    result = wasm_v128_bitselect(tiny, result, tinyMask);
  }
  return result;
}

/* fdlibm k_sin.c with iy = 1 (a reduced argument x + y) and iy = 0 (y = 0, |x| ≤ π/4). */
static inline __attribute__((always_inline)) v128_t ksin_f64x2(const v128_t *KV, v128_t x, v128_t y, v128_t iy1Mask) {
  v128_t z = MUL(x, x);
  v128_t v = MUL(z, x);
  v128_t r = ADD(KD_(D_S2), MUL(z, ADD(KD_(D_S3), MUL(z, ADD(KD_(D_S4), MUL(z, ADD(KD_(D_S5), MUL(z, KD_(D_S6)))))))));
  v128_t r0 = ADD(x, MUL(v, ADD(KD_(D_S1), MUL(z, r))));
  v128_t r1 = SUB(x, SUB(SUB(MUL(z, SUB(MUL(KD_(D_HALF), y), MUL(v, r))), y), MUL(v, KD_(D_S1))));
  return wasm_v128_bitselect(r1, r0, iy1Mask);
}

/*
 * fdlibm k_cos.c: for |x| < 0.3 its first formula equals the second with qx = 0 bit for bit.
 * qx = 0.28125 for ix > 0x3FE90000, else the double with high word ix − 0x00200000 and low word 0,
 * which is |x|/4 (exact) with its low word cleared.
 */
static inline __attribute__((always_inline)) v128_t kcos_f64x2(const v128_t *KV, v128_t x, v128_t y) {
  v128_t ax = wasm_v128_and(x, KU_(U_ABS));
  v128_t z = MUL(x, x);
  v128_t r = MUL(z, ADD(KD_(D_C1), MUL(z, ADD(KD_(D_C2), MUL(z, ADD(KD_(D_C3), MUL(z, ADD(KD_(D_C4), MUL(z, ADD(KD_(D_C5), MUL(z, KD_(D_C6))))))))))));
  v128_t quarter = wasm_v128_and(MUL(ax, KD_(D_QUARTER)), KU_(U_HIGH_WORD));
  v128_t qx = wasm_v128_bitselect(KD_(D_0_28125), quarter, wasm_f64x2_gt(ax, KD_(D_HW_GT_3FE90000)));
  qx = wasm_v128_andnot(qx, wasm_f64x2_lt(ax, KD_(D_HW_LT_3FD33333)));
  v128_t hz = SUB(MUL(KD_(D_HALF), z), qx);
  v128_t a = SUB(KD_(D_ONE), qx);
  return SUB(a, SUB(hz, SUB(MUL(z, r), MUL(x, y))));
}

/*
 * (cos θ, sin θ) for 0 < |θ| < π, as fdlibm's cos and sin compute them. They are computed for
 * t = |θ| and sin's sign restored: fdlibm reduces |θ| and negates y0, y1 and n for θ < 0, and its
 * kernels are odd (k_sin) and even (k_cos) bit for bit, so sin(−t) = −sin(t), cos(−t) = cos(t)
 * exactly. For t ≤ π/4 (ix ≤ 0x3FE921FB) no reduction: n = 0, y0 = t, y1 = 0. Else e_rem_pio2.c:
 * below 3π/4 (ix < 0x4002D97C) n = 1 and y0 = (t − pio2_1) − pio2_1t, y1 = ((t − pio2_1) − y0)
 * − pio2_1t; from there the medium case with n = fn = ⌊t·2/π + 1/2⌋ and r = t − fn·pio2_1,
 * w = fn·pio2_1t, y0 = r − w, y1 = (r − y0) − w. The n = 1 case is the medium one with fn = 1
 * (1·pio2_1 and 1·pio2_1t are exact), and n = 0 is the medium one with fn = 0 (r = t, w = 0,
 * y0 = t, y1 = +0), so one formula serves every lane. fdlibm's extra steps at ix = 0x3FF921FB
 * (n = 1 with pio2_2, pio2_2t) and at ix = 0x400921FB (the medium case's second iteration) are
 * reached by a few θ in 2^23 and run behind one branch.
 */
static inline __attribute__((always_inline)) void sincos_f64x2(const v128_t *KV, v128_t x, v128_t *cosOut, v128_t *sinOut) {
  v128_t t = wasm_v128_and(x, KU_(U_ABS));
  /* n ≥ 1 (ix > 0x3FE921FB) and n = 2 (fn = 2: t ≥ the double nearest 3π/4, see D_FN2); then fn = n. */
  v128_t n1 = wasm_f64x2_ge(t, KD_(D_HW_LE_3FE921FB));
  v128_t n2 = wasm_f64x2_ge(t, KD_(D_FN2));
  v128_t fn = ADD(wasm_v128_and(n1, KD_(D_ONE)), wasm_v128_and(n2, KD_(D_ONE)));
  v128_t r = SUB(t, MUL(fn, KD_(D_PIO2_1)));
  v128_t w = MUL(fn, KD_(D_PIO2_1T));
  v128_t y0 = SUB(r, w);
  /* High word of t (lanes 1, 3) equal to 0x3FF921FB or 0x400921FB. */
  v128_t hw = wasm_v128_and(t, KU_(U_HIGH_WORD));
  v128_t rareA = wasm_i64x2_eq(hw, KU_(U_RARE_A)), rareB = wasm_i64x2_eq(hw, KU_(U_RARE_B));
  if (wasm_v128_any_true(wasm_v128_or(rareA, rareB))) {
    /* ix = 0x3FF921FB: z = t − pio2_1 − pio2_2, y0 = z − pio2_2t, y1 = (z − y0) − pio2_2t. */
    v128_t z2 = SUB(r, KD_(D_PIO2_2));
    r = wasm_v128_bitselect(z2, r, rareA);
    w = wasm_v128_bitselect(KD_(D_PIO2_2T), w, rareA);
    y0 = wasm_v128_bitselect(SUB(z2, KD_(D_PIO2_2T)), y0, rareA);
    /* ix = 0x400921FB, n = 2: the second iteration when j − ((high(y0) >> 20) & 0x7ff) > 16. */
    v128_t j = wasm_i32x4_shr(t, 20);
    v128_t e = wasm_v128_and(wasm_i32x4_shr(y0, 20), KI_(I_7FF));
    v128_t second = wasm_v128_and(wasm_v128_and(rareB, n2), mask64(wasm_i32x4_gt(wasm_i32x4_sub(j, e), KI_(I_16))));
    v128_t w2a = MUL(fn, KD_(D_PIO2_2));
    v128_t r2 = SUB(r, w2a);
    v128_t w2 = SUB(MUL(fn, KD_(D_PIO2_2T)), SUB(SUB(r, r2), w2a));
    v128_t y0m2 = SUB(r2, w2);
    r = wasm_v128_bitselect(r2, r, second);
    w = wasm_v128_bitselect(w2, w, second);
    y0 = wasm_v128_bitselect(y0m2, y0, second);
  }
  v128_t y1 = SUB(SUB(r, y0), w);
  v128_t S = ksin_f64x2(KV, y0, y1, n1);
  v128_t C = kcos_f64x2(KV, y0, y1);
  /* Quadrant n: 0: (C, S); 1: (−S, C); 2: (−C, −S) as (cos, sin) of t; then sin's sign of θ. */
  const v128_t signBit = KU_(U_SIGN);
  v128_t swap = wasm_v128_andnot(n1, n2);
  v128_t c = wasm_v128_bitselect(S, C, swap);
  v128_t s = wasm_v128_bitselect(C, S, swap);
  *cosOut = wasm_v128_xor(c, wasm_v128_and(n1, signBit));
  *sinOut = wasm_v128_xor(s, wasm_v128_and(wasm_v128_xor(n2, x), signBit)); /* sign: (n = 2) xor (θ < 0) */
}

/* u1 = ((w >> 9) + 1/2)·2^-23 = ((w >> 8) | 1)·2^-24 for the words in i32 lanes 0, 1 of w (exact). */
static inline __attribute__((always_inline)) v128_t uniform_low(const v128_t *KV, v128_t w) {
  v128_t odd = wasm_v128_or(wasm_u32x4_shr(w, 8), KI_(I_ONE));
  return MUL(wasm_f64x2_convert_low_i32x4(odd), KD_(D_2M24));
}

/*
 * θ = 2π(u2 − 1/2) for the words in i32 lanes 0, 1 of w: u2 − 1/2 = N·2^-24 with
 * N = 2(w >> 9) + 1 − 2^23 (exact, |N| < 2^23), and 2π·(N·2^-24) = (2π·2^-24)·N bit for bit (a
 * power-of-two scaling, far from underflow). N = ((w ^ 2^31) >> 8, arithmetic) | 1: the shift gives
 * (w >> 8) − 2^23, and setting the low bit of it is setting the low bit of w >> 8.
 */
static inline __attribute__((always_inline)) v128_t angle_low(const v128_t *KV, v128_t w) {
  v128_t N = wasm_v128_or(wasm_i32x4_shr(wasm_v128_xor(w, KI_(I_SIGN32)), 8), KI_(I_ONE));
  return MUL(wasm_f64x2_convert_low_i32x4(N), KD_(D_TWO_PI_2M24));
}

/* The Box–Muller radius √(−2 ln u1) and angle (cos θ, sin θ) of the words in lanes 0, 1 of w1, w2. */
static inline __attribute__((always_inline)) void box_muller_parts(const v128_t *KV, v128_t w1, v128_t w2, v128_t *r, v128_t *c, v128_t *s) {
  *r = wasm_f64x2_sqrt(MUL(KD_(D_MINUS_TWO), log_f64x2(KV, uniform_low(KV, w1))));
  sincos_f64x2(KV, angle_low(KV, w2), c, s);
}

/* Box–Muller of the word pairs in lanes 0, 1 of (w1, w2): normals (r cos θ, r sin θ). */
static inline __attribute__((always_inline)) void box_muller_pair(const v128_t *KV, v128_t w1, v128_t w2, v128_t *zc, v128_t *zs) {
  v128_t r, c, s;
  box_muller_parts(KV, w1, w2, &r, &c, &s);
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
  for (uint32_t i = 0; i < n; i += 2) {
    v128_t rv, cv, sv;
    box_muller_parts(KV, wasm_v128_load64_zero(w1 + i), wasm_v128_load64_zero(w2 + i), &rv, &cv, &sv);
    wasm_v128_store(r + i, rv);
    wasm_v128_store(c + i, cv);
    wasm_v128_store(s + i, sv);
  }
}

/* Store the normals of counters (lane 0, lane 1), pair p (words 2p, 2p + 1), into their quads. */
static inline __attribute__((always_inline)) void store_pair(double *out, v128_t zc, v128_t zs) {
  wasm_v128_store(out, wasm_i64x2_shuffle(zc, zs, 0, 2));
  wasm_v128_store(out + 4, wasm_i64x2_shuffle(zc, zs, 1, 3));
}

/* Philox words of up to CHUNK_GROUPS groups of 4 quads, per group x0, x1, x2, x3 (16 words). */
#define CHUNK_GROUPS 64
static uint32_t WORDS[16 * CHUNK_GROUPS] __attribute__((aligned(16)));

/* Groups g = 0 .. ngroups − 1 of quads q + 4g .. q + 4g + 3 at (row, layer, net) into W[16g ..]. */
static inline __attribute__((always_inline)) void philox_groups(const v128_t rk[20], uint32_t net, uint32_t layer, uint32_t row, uint32_t q, uint32_t ngroups, uint32_t *W) {
  const v128_t x1 = wasm_i32x4_splat((int32_t)row);
  const v128_t x2 = wasm_i32x4_splat((int32_t)layer);
  const v128_t x3 = wasm_i32x4_splat((int32_t)net);
  v128_t x0 = wasm_i32x4_add(wasm_i32x4_splat((int32_t)q), wasm_i32x4_make(0, 1, 2, 3));
  const v128_t four = wasm_i32x4_splat(4);
  uint32_t g = 0;
  for (; g + 2 <= ngroups; g += 2) {
    v128_t a = x0, b = x1, c = x2, d = x3;
    v128_t e = wasm_i32x4_add(x0, four), f = x1, h = x2, i = x3;
    philox4x2(&a, &b, &c, &d, &e, &f, &h, &i, rk);
    wasm_v128_store(W + 16 * g, a);
    wasm_v128_store(W + 16 * g + 4, b);
    wasm_v128_store(W + 16 * g + 8, c);
    wasm_v128_store(W + 16 * g + 12, d);
    wasm_v128_store(W + 16 * g + 16, e);
    wasm_v128_store(W + 16 * g + 20, f);
    wasm_v128_store(W + 16 * g + 24, h);
    wasm_v128_store(W + 16 * g + 28, i);
    x0 = wasm_i32x4_add(x0, wasm_i32x4_add(four, four));
  }
  if (g < ngroups) {
    v128_t a = x0, b = x1, c = x2, d = x3;
    philox4(&a, &b, &c, &d, rk);
    wasm_v128_store(W + 16 * g, a);
    wasm_v128_store(W + 16 * g + 4, b);
    wasm_v128_store(W + 16 * g + 8, c);
    wasm_v128_store(W + 16 * g + 12, d);
  }
}

/*
 * The 16 normals of each group: counters q, q + 1 (words in lanes 0, 1 of x0..x3) give
 * out[0..8), counters q + 2, q + 3 (lanes 2, 3) out[8..16); words (x0, x1) are normals 0, 1 of a
 * quad, (x2, x3) normals 2, 3. Two f64x2 vectors per iteration, not unrolled further (registers).
 */
static inline __attribute__((always_inline)) void box_muller_groups(const v128_t *KV, const uint32_t *W, uint32_t ngroups, double *out) {
#pragma clang loop unroll(disable)
  for (uint32_t h = 0; h < 2 * ngroups; h++) {
    const uint32_t *w = W + 8 * h - 6 * (h & 1); /* group h/2, lanes 2(h & 1), 2(h & 1) + 1 */
    double *o = out + 8 * h;
    v128_t zc, zs, zc2, zs2;
    box_muller_pair(KV, wasm_v128_load64_zero(w), wasm_v128_load64_zero(w + 4), &zc, &zs);
    box_muller_pair(KV, wasm_v128_load64_zero(w + 8), wasm_v128_load64_zero(w + 12), &zc2, &zs2);
    store_pair(o, zc, zs);
    store_pair(o + 2, zc2, zs2);
  }
}

/*
 * Normals of quads q0 .. q0 + nquads − 1 at (row, layer, net): out[4(q − q0) + j]. Writes whole
 * groups of 4 quads, i.e. up to 12 doubles past 4·nquads: the caller leaves that much room.
 */
__attribute__((export_name("normals")))
void normals(uint32_t seed, uint32_t domain, uint32_t net, uint32_t layer, uint32_t row, uint32_t q0, uint32_t nquads, double *out) {
  KV_DECL
  v128_t rk[20];
  philox_round_keys(seed, domain, rk);
  uint32_t ngroups = (nquads + 3) >> 2;
  for (uint32_t g0 = 0; g0 < ngroups; g0 += CHUNK_GROUPS) {
    uint32_t ng = ngroups - g0 < CHUNK_GROUPS ? ngroups - g0 : CHUNK_GROUPS;
    philox_groups(rk, net, layer, row, q0 + 4 * g0, ng, WORDS);
    box_muller_groups(KV, WORDS, ng, out + 16 * g0);
  }
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
