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

var<workgroup> wg_g: array<f32, 256>;   // G (K×K, row-major), MAX_K² entries
var<workgroup> wg_c: array<f32, 256>;   // its lower Cholesky factor

// psdCholesky of src/core/linalg.ts on wg_g → wg_c, by one thread (k ≤ 16: ~k³/6 ≈ 700 flops,
// negligible next to the n·k² of the rows).
fn psd_cholesky() {
  var trace = 0.0;
  for (var a = 0u; a < K; a++) { trace += abs(wg_g[a * K + a]); }
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
      wg_g[e] = gmat[net * K * K + e];
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
            state[o] = state[o] + gparams.branch * v;
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
      }
    }
    // Next G = s² (1/n)φ(Z)ᵀφ(Z) + b² (full symmetric matrix from the packed triangle).
    for (var e = t; e < K * K; e += RED_WG) {
      let a = e / K;
      let b = e % K;
      let lo = min(a, b);
      let hi = max(a, b);
      let p = lo * K - (lo * (lo - 1u)) / 2u + (hi - lo);
      wg_g[e] = gparams.hiddenScale2 * red_h[p] + gparams.hiddenBias2;
    }
    workgroupBarrier();
  }
  for (var e = t; e < K * K; e += RED_WG) {
    gmat[net * K * K + e] = wg_g[e];
  }
}
