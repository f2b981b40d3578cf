// The gram method (DESIGN.md §3, src/backends/types.ts): one workgroup per network loops over a
// range of layers. Given G^l (k×k), the rows of the next pre-activation (mlp, shaped) or of the
// residual increment (resnet) are iid N(0, G): row i = C ξ_i with C the lower Cholesky factor of G
// and ξ_i[a] = NormalStream(seed, Domain.gramRow).normal(net, l, 0, i·k + a). After each layer the
// workgroup reduces its state to K̂ and (1/n)φ(Z)ᵀφ(Z) (lib/pair_reduce.wgsl), records them at
// recorded layers and forms the next G = s² (1/n)φ(Z)ᵀφ(Z) + b². G is kept in gmat between
// dispatches (layer ranges are split over dispatches to bound the length of one dispatch).
// Includes lib/sizes.wgsl, lib/rng.wgsl, lib/activations.wgsl, lib/pair_reduce.wgsl.

// Pivot threshold of the PSD Cholesky (src/core/linalg.ts psdCholesky: a column is zero where
// its pivot ≤ tol·trace). The CPU uses 1e-12 in f64; in f32 the rounding noise of a singular G is
// ~1e-7·trace, so the same rule needs a threshold above it: dropping a pivot ≤ 1e-6·trace changes
// K̂ by at most that relative amount, while keeping a noise pivot would divide by its square root.
override PIVOT_TOL: f32 = 1e-6;

// Per-layer rescaling (issue 20): f32 holds 1.2e-38 … 3.4e38, while a ReLU network's q̂ drifts like
// e^{−c·l/n} (He init, n = 16: below 1e-38 by layer ~350) or grows like (σw²/2)^l. For positively
// homogeneous φ (φ(2^k x) = 2^k φ(x): the piecewise-linear family) the state is kept as Z·2^{−e}
// and G as G·4^{−e}, with e a per-network integer chosen each layer so that tr G stays near 1:
// multiplying by a power of two is exact and +, ×, φ commute with it, so in range the numbers are
// those of the unscaled kernel up to the last bit of sqrt (WGSL does not promise it correctly
// rounded); out of range the underflow and overflow are gone (the bias enters as b²·4^{−e}).
// The recorded K̂ are written with their e (out_exp) and multiplied back in f64 on the CPU.
// Other φ are not homogeneous: RESCALE is false and e stays 0 (their faults are reported instead).
override RESCALE: bool = false;

struct GramParams {
  seed: u32,
  rowDomain: u32,     // Domain.gramRow
  n: u32,
  firstLayer: u32,    // 0 for resnet (Y⁰), 1 for mlp/shaped
  layerStart: u32,    // this dispatch produces layers layerStart … layerEnd − 1
  layerEnd: u32,
  accumulate: u32,    // resnet: Y^l = Y^{l−1} + branch·C ξ
  slots: u32,         // R = job.recordLayers.length
  recordPhi: u32,
  hiddenScale2: f32,  // s² in G = s² (1/n)φ(Z)ᵀφ(Z) + b²: σw² (mlp, resnet) or c (shaped)
  hiddenBias2: f32,   // b²: σb² (mlp, resnet) or 0 (shaped)
  branch: f32,        // L^−α (resnet), 1 otherwise
}

struct ChunkParams {
  netBase: u32,
}

@group(0) @binding(0) var<uniform> gparams: GramParams;
@group(0) @binding(1) var<uniform> chunk: ChunkParams;
@group(0) @binding(2) var<storage, read_write> state: array<f32>;   // [(net·K + a)·n + row]
@group(0) @binding(3) var<storage, read_write> gmat: array<f32>;    // [net·K·K + a·K + b]
@group(0) @binding(4) var<storage, read> input_gram: array<f32>;    // G of the first layer (K×K)
@group(0) @binding(5) var<storage, read> slot_of_layer: array<i32>; // −1: not recorded
@group(0) @binding(6) var<storage, read_write> out_z: array<f32>;
@group(0) @binding(7) var<storage, read_write> out_phi: array<f32>;
@group(0) @binding(8) var<storage, read_write> out_exp: array<f32>; // e at recorded layers [net·slots + slot] (exact integers)

var<workgroup> wg_g: array<f32, 256>;   // G (K×K, row-major), MAX_K² entries
var<workgroup> wg_c: array<f32, 256>;   // its lower Cholesky factor
var<workgroup> wg_e: i32;               // the scale exponent e of the state (RESCALE)
var<workgroup> wg_shift: i32;           // the last change of e: the resnet state is rescaled by 2^{−shift} before its next increment

// The gmat slot of network `net`: K·K entries of G, then e and the pending shift (exact f32 integers).
fn gmat_base(net: u32) -> u32 {
  return net * (K * K + 2u);
}

// psdCholesky of src/core/linalg.ts on wg_g → wg_c, by one thread (k ≤ 16: ~k³/6 ≈ 700 flops,
// negligible next to the n·k² of the rows).
fn psd_cholesky() {
  var trace = 0.0;
  for (var a = 0u; a < K; a++) { trace += abs(wg_g[a * K + a]); }
  // A G that has left f32 (∞ or NaN) has no factor: NaN keeps the network visibly ended instead of
  // a zero factor reviving it (src/core/linalg.ts psdCholesky, issue 20).
  if (!(trace <= bitcast<f32>(0x7f7fffffu))) { // the largest finite f32
    let nan = trace - trace; // ∞ − ∞ or NaN − NaN: a NaN made at run time (WGSL has no NaN constant)
    for (var e = 0u; e < K * K; e++) { wg_c[e] = nan; }
    return;
  }
  let tol = PIVOT_TOL * trace;
  for (var e = 0u; e < K * K; e++) { wg_c[e] = 0.0; }
  for (var j = 0u; j < K; j++) {
    var d = wg_g[j * K + j];
    for (var p = 0u; p < j; p++) { d -= wg_c[j * K + p] * wg_c[j * K + p]; }
    if (!(d > tol)) { continue; } // zero column (also catches NaN)
    let s = sqrt(d);
    wg_c[j * K + j] = s;
    for (var i = j + 1u; i < K; i++) {
      var v = wg_g[i * K + j];
      for (var p = 0u; p < j; p++) { v -= wg_c[i * K + p] * wg_c[j * K + p]; }
      wg_c[i * K + j] = v / s;
    }
  }
}

@compute @workgroup_size(RED_WG)
fn gram_layers(@builtin(local_invocation_index) t: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let net = wid.x;
  let netG = chunk.netBase + net;
  let n = gparams.n;
  let P = pair_count();
  // G of the first layer produced here: the input Gram (σw² X + σb², or X for Y⁰), else the one
  // the previous dispatch left in gmat.
  for (var e = t; e < K * K; e += RED_WG) {
    if (gparams.layerStart == gparams.firstLayer) {
      wg_g[e] = input_gram[e];
    } else {
      wg_g[e] = gmat[gmat_base(net) + e];
    }
  }
  if (t == 0u) {
    if (gparams.layerStart == gparams.firstLayer) {
      wg_e = 0;
      wg_shift = 0;
    } else {
      wg_e = i32(gmat[gmat_base(net) + K * K]);
      wg_shift = i32(gmat[gmat_base(net) + K * K + 1u]);
    }
  }
  workgroupBarrier();
  for (var l = gparams.layerStart; l < gparams.layerEnd; l++) {
    if (t == 0u) { psd_cholesky(); }
    workgroupBarrier();
    // z_i = C ξ_i (in place: each row is read and written by its own thread, and the reduction of
    // the previous layer has finished reading). The layer's n·K draws are one flat stream
    // (types.ts): ξ_i[a] is draw i·K + a of (seed, gramRow, net, l, row 0), four per Philox call.
    // A thread takes B = 4/gcd(K, 4) rows at a time, whose B·K draws are whole Philox quads, so
    // no quad is computed twice.
    let accumulate = gparams.accumulate == 1u && l != gparams.firstLayer;
    let B = select(select(4u, 2u, K % 2u == 0u), 1u, K % 4u == 0u);
    let quadsPerBlock = B * K / 4u;
    let blocks = (n + B - 1u) / B;
    for (var blk = t; blk < blocks; blk += RED_WG) {
      var xi: array<f32, 64>; // B·K ≤ 60 draws
      for (var q = 0u; q < quadsPerBlock; q++) {
        let v = rng_normals4(gparams.seed, gparams.rowDomain, netG, l, 0u, blk * quadsPerBlock + q);
        xi[4u * q] = v.x;
        xi[4u * q + 1u] = v.y;
        xi[4u * q + 2u] = v.z;
        xi[4u * q + 3u] = v.w;
      }
      for (var r = 0u; r < B; r++) {
        let i = blk * B + r;
        if (i >= n) { break; }
        for (var a = 0u; a < K; a++) {
          var v = 0.0;
          for (var b = 0u; b <= a; b++) { v += wg_c[a * K + b] * xi[r * K + b]; }
          let o = (net * K + a) * n + i;
          if (accumulate) {
            state[o] = ldexp(state[o], -wg_shift) + gparams.branch * v;
          } else {
            state[o] = v;
          }
        }
      }
    }
    storageBarrier();
    workgroupBarrier();
    pair_reduce(t, net, n);
    if (t < P) {
      let slot = slot_of_layer[l];
      if (slot >= 0) {
        let o = (net * gparams.slots + u32(slot)) * P + t;
        out_z[o] = red_z[t];
        if (gparams.recordPhi == 1u) { out_phi[o] = red_h[t]; }
        if (t == 0u) { out_exp[net * gparams.slots + u32(slot)] = f32(wg_e); }
      }
    }
    // Every thread has read wg_e (the bias below) before thread 0 may change it.
    let bias2 = select(gparams.hiddenBias2, ldexp(gparams.hiddenBias2, -2 * wg_e), RESCALE);
    // Next G = s² (1/n)φ(Z)ᵀφ(Z) + b² (full symmetric matrix from the packed triangle).
    for (var e = t; e < K * K; e += RED_WG) {
      let a = e / K;
      let b = e % K;
      let lo = min(a, b);
      let hi = max(a, b);
      let p = lo * K - (lo * (lo - 1u)) / 2u + (hi - lo);
      wg_g[e] = gparams.hiddenScale2 * red_h[p] + bias2;
    }
    workgroupBarrier();
    if (RESCALE) {
      // G·4^{−d} with tr G·4^{−d} ∈ [K/4, 4K)-ish: d from the exponent of the mean pivot.
      if (t == 0u) {
        var trace = 0.0;
        for (var a = 0u; a < K; a++) { trace += abs(wg_g[a * K + a]); }
        var d = 0;
        if (trace > 0.0 && trace < 3.0e38) { d = (frexp(trace / f32(K)).exp) / 2; }
        wg_shift = d;
        wg_e += d;
      }
      workgroupBarrier();
      for (var e = t; e < K * K; e += RED_WG) { wg_g[e] = ldexp(wg_g[e], -2 * wg_shift); }
      workgroupBarrier();
    }
  }
  for (var e = t; e < K * K; e += RED_WG) {
    gmat[gmat_base(net) + e] = wg_g[e];
  }
  if (t == 0u) {
    gmat[gmat_base(net) + K * K] = f32(wg_e);
    gmat[gmat_base(net) + K * K + 1u] = f32(wg_shift);
  }
}
