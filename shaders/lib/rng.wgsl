// Philox4x32-10 (Salmon, Moraes, Dror & Shaw 2011) and Box–Muller normals: the WGSL twin of
// src/core/philox.ts, draw for draw (DESIGN.md §4). Counter = (col >> 2, row, layer, net),
// key = (seed, domain); one call gives the 4 normals of columns 4q … 4q+3.
// Checked against NormalStream by the conformance suite (src/backends/conformance.ts).
// Uses lib/trig.wgsl.

const PHILOX_M0: u32 = 0xd2511f53u;
const PHILOX_M1: u32 = 0xcd9e8d57u;
const PHILOX_W0: u32 = 0x9e3779b9u;
const PHILOX_W1: u32 = 0xbb67ae85u;

// High 32 bits of the 64-bit product a·b. WGSL has no 64-bit integers, so the product is built
// from 16-bit halves (each partial product fits in u32); same arithmetic as mulhi32 in philox.ts.
fn rng_mulhi(a: u32, b: u32) -> u32 {
  let a0 = a & 0xffffu;
  let a1 = a >> 16u;
  let b0 = b & 0xffffu;
  let b1 = b >> 16u;
  let p00 = a0 * b0;
  let p01 = a0 * b1;
  let p10 = a1 * b0;
  let p11 = a1 * b1;
  let mid = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
  return p11 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u);
}

// Philox4x32 with 10 rounds: S-box (mulhi/mullo of lanes 0 and 2), key bumped by the Weyl
// constants W0, W1 before every round but the first (Random123's philox4x32_R).
fn rng_philox(ctr: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var x = ctr;
  var k = key;
  for (var r = 0u; r < 10u; r++) {
    if (r > 0u) {
      k = k + vec2<u32>(PHILOX_W0, PHILOX_W1);
    }
    let hi0 = rng_mulhi(PHILOX_M0, x.x);
    let lo0 = PHILOX_M0 * x.x;
    let hi1 = rng_mulhi(PHILOX_M1, x.z);
    let lo1 = PHILOX_M1 * x.z;
    x = vec4<u32>(hi1 ^ x.y ^ k.x, lo1, hi0 ^ x.w ^ k.y, lo0);
  }
  return x;
}

// u = ((w >> 9) + 1/2)·2^-23 ∈ (0, 1): exact in f32, the same u as uniformOpen in philox.ts.
fn rng_uniform(w: u32) -> f32 {
  return (f32(w >> 9u) + 0.5) * 1.1920928955078125e-7;
}

// −ln u for u = uniformOpen(w), accurate to a few f32 ulps of the result. WGSL only bounds log's
// absolute error (2^-21) near 1, which would make r = √(−2 ln u) wrong by ~1e-3 when u → 1; so
// there we use v = 1 − u (exact: 24-bit integer times 2^-24) and −ln(1 − v) = Σ v^m/m, v < 1/8
// (8 terms: truncation (1/8)^8/9 ≈ 7e-9 relative).
fn rng_neg_log_uniform(w: u32) -> f32 {
  let m = w >> 9u;
  let v = (f32(0xffffffu - 2u * m)) * 5.9604644775390625e-8; // (2^24 − 2m − 1)·2^-24 = 1 − u
  if (v < 0.125) {
    let s = 1.0 + v * (1.0 / 2.0 + v * (1.0 / 3.0 + v * (1.0 / 4.0 + v * (1.0 / 5.0 + v * (1.0 / 6.0 + v * (1.0 / 7.0 + v * (1.0 / 8.0)))))));
    return v * s;
  }
  return -log(rng_uniform(w));
}

// Box–Muller on two words: (r cos θ, r sin θ), r = √(−2 ln u1), θ = 2π(u2 − 1/2) ∈ (−π, π)
// as boxMuller in philox.ts; sin and cos from lib/trig.wgsl in turns (u2 − 1/2 is exact), because
// the WGSL builtins may be off by 2^-11.
fn rng_box_muller(w1: u32, w2: u32) -> vec2<f32> {
  let r = sqrt(2.0 * rng_neg_log_uniform(w1));
  let sc = trig_sincos_turns(rng_uniform(w2) - 0.5);
  return vec2<f32>(r * sc.y, r * sc.x);
}

// The 4 raw words at (seed, domain, net, layer, row, quad): the columns 4·quad … 4·quad+3.
fn rng_words(seed: u32, domain: u32, net: u32, layer: u32, row: u32, quad: u32) -> vec4<u32> {
  return rng_philox(vec4<u32>(quad, row, layer, net), vec2<u32>(seed, domain));
}

// The 4 N(0,1) draws at (seed, domain, net, layer, row, quad): (w0, w1) → normals 0, 1 and
// (w2, w3) → normals 2, 3, exactly as NormalStream.quad.
fn rng_normals4(seed: u32, domain: u32, net: u32, layer: u32, row: u32, quad: u32) -> vec4<f32> {
  let w = rng_words(seed, domain, net, layer, row, quad);
  return vec4<f32>(rng_box_muller(w.x, w.y), rng_box_muller(w.z, w.w));
}
