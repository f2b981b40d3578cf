// Controlled ResNets on the GPU (issue 16; docs/DESIGN.md §8.2; Muça Cirone, Lemercier & Salvi 2023,
// eq. (3)): the Euler scheme of dS = Σ_k (A_k φ(S) + b_k) dx^k for the K input paths at once,
//
//   S_0 = σ0 z,   S_{i+1} = S_i + Σ_{k=0}^{d−1} (scaleA·A_k^{(i)} φ(S_i) + scaleB·b_k^{(i)}) Δx_i^k,
//
// every weight drawn on the fly from Philox with the keys of src/archs/cresnet/network.ts, so the same
// seed gives the same networks as the CPU engine (up to f32 rounding): z at (cdeInit; net, 0, 0, col);
// row r of A_k at (cdeField; net, layer, r, col), b_k at (cdeBias; net, layer, 0, col), with
// layer = k (shared weights) or i·d + k (fresh weights per step).
// State per network: S (n × K, row = unit, column = path) and Φ = φ(S) (n × K).
// Includes lib/sizes.wgsl, lib/trig.wgsl, lib/rng.wgsl, lib/activations.wgsl.

struct CdeParams {
  seed: u32,
  n: u32,
  d: u32,           // path dimension (channels of the control)
  step: u32,        // i: this dispatch computes S_{i+1} from S_i
  share: u32,       // 1: A_k, b_k the same at every step (Philox layer k); 0: fresh (layer i·d + k)
  withBias: u32,    // σb² > 0 (the CPU engine draws no bias otherwise)
  netBase: u32,     // Philox network index of this dispatch's network 0
  nets: u32,
  record: u32,      // cde_gram: index of the recorded layer in `gram`
  recorded: u32,    // cde_gram: recorded layers per network
  domainInit: u32,
  domainField: u32,
  domainBias: u32,
  scaleA: f32,      // σA/√n (shared) or σA/√(n Δt) (fresh)
  scaleB: f32,      // σb (shared) or σb/√Δt (fresh)
  s0: f32,          // σ0
}

@group(0) @binding(0) var<uniform> p: CdeParams;
@group(0) @binding(1) var<storage, read_write> S: array<f32>;     // nets × n × K
@group(0) @binding(2) var<storage, read_write> Phi: array<f32>;   // nets × n × K
@group(0) @binding(3) var<storage, read> incs: array<f32>;        // L × d × K: Δx_i^k of path a at (i·d + k)·K + a
@group(0) @binding(4) var<storage, read_write> gram: array<f32>;  // nets × recorded × K(K+1)/2

// S_0 = σ0 z, the same z for every path: one thread per (row r, network).
@compute @workgroup_size(64)
fn cde_init(@builtin(global_invocation_id) g: vec3<u32>) {
  let r = g.x;
  let net = g.y;
  if (r >= p.n || net >= p.nets) { return; }
  let z = rng_normals4(p.seed, p.domainInit, p.netBase + net, 0u, 0u, r / 4u)[r % 4u];
  for (var a = 0u; a < K; a++) { S[(net * p.n + r) * K + a] = p.s0 * z; }
}

// Φ = φ(S_i), once per step (the step reads every row of it n times).
@compute @workgroup_size(64)
fn cde_phi(@builtin(global_invocation_id) g: vec3<u32>) {
  let r = g.x;
  let net = g.y;
  if (r >= p.n || net >= p.nets) { return; }
  for (var a = 0u; a < K; a++) {
    let j = (net * p.n + r) * K + a;
    Phi[j] = act_phi(S[j]);
  }
}

// S_{i+1} row r from S_i row r and Φ: one thread per (row r, network), in place (the thread reads and
// writes only row r of S; the other rows enter through Φ). The channels k are added in the CPU
// engine's order, and a zero increment adds nothing (as network.ts skips it).
@compute @workgroup_size(64)
fn cde_step(@builtin(global_invocation_id) g: vec3<u32>) {
  let r = g.x;
  let net = g.y;
  if (r >= p.n || net >= p.nets) { return; }
  let id = p.netBase + net;
  var s: array<f32, MAX_K>;
  for (var a = 0u; a < K; a++) { s[a] = S[(net * p.n + r) * K + a]; }
  for (var k = 0u; k < p.d; k++) {
    var layer = k;
    if (p.share == 0u) { layer = p.step * p.d + k; }
    // Zeroed explicitly per channel: SwiftShader kept the previous channel's sums in a loop-scoped
    // `var` without an initializer (measured: channel 2 of d = 2 added channel 1's row again).
    var acc: array<f32, MAX_K>;
    for (var a = 0u; a < K; a++) { acc[a] = 0.0; }
    for (var q = 0u; 4u * q < p.n; q++) {
      let w = rng_normals4(p.seed, p.domainField, id, layer, r, q);
      for (var c = 0u; c < 4u; c++) {
        let col = 4u * q + c;
        if (col >= p.n) { break; }
        for (var a = 0u; a < K; a++) { acc[a] += w[c] * Phi[(net * p.n + col) * K + a]; }
      }
    }
    var b = 0.0;
    if (p.withBias == 1u) { b = p.scaleB * rng_normals4(p.seed, p.domainBias, id, layer, 0u, r / 4u)[r % 4u]; }
    for (var a = 0u; a < K; a++) {
      let dx = incs[(p.step * p.d + k) * K + a];
      if (dx != 0.0) { s[a] += (p.scaleA * acc[a] + b) * dx; }
    }
  }
  for (var a = 0u; a < K; a++) { S[(net * p.n + r) * K + a] = s[a]; }
}

// K̂_ab = S(x_a)·S(x_b)/n at a recorded step: one thread per (pair, network), pairs in the packed
// upper-triangle order (a outer, b ≥ a inner; backends/types.ts pairIndex).
@compute @workgroup_size(64)
fn cde_gram(@builtin(global_invocation_id) g: vec3<u32>) {
  let pair = g.x;
  let net = g.y;
  let P = K * (K + 1u) / 2u;
  if (pair >= P || net >= p.nets) { return; }
  var a = 0u;
  var rest = pair;
  while (rest >= K - a) { rest -= K - a; a++; }
  let b = a + rest;
  var sum = 0.0;
  for (var r = 0u; r < p.n; r++) { sum += S[(net * p.n + r) * K + a] * S[(net * p.n + r) * K + b]; }
  gram[(net * p.recorded + p.record) * P + pair] = sum / f32(p.n);
}
