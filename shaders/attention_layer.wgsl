// Attention networks on the GPU (issue 15 §2; docs/shaped-transformer.md (M1)–(M6)), explicit method:
// every weight drawn on the fly from Philox with the keys of src/archs/attention/explicit.ts, so that
// the same seed gives the same networks as the CPU engine (up to f32 rounding).
// State per network: X (n × K, row = unit, column = token); P (rows × K): [Q (n_k rows); K (n_k); G (n)];
// A (K × K); V (K × K). K = number of tokens (override, lib/sizes.wgsl).
// Includes lib/sizes.wgsl, lib/trig.wgsl, lib/rng.wgsl.

struct AttnParams {
  seed: u32,
  domain: u32,      // Domain.weight (projections) or Domain.inputWeight (embedding)
  layer: u32,       // attention layer l (1-based) for the projections; 0 for the embedding
  n: u32,
  nk: u32,
  nIn: u32,         // d for the embedding, n for the projections
  shaped: u32,      // 1: A = I + Softmax − 11ᵀ/K (M4); 0: A = Softmax (M3)
  netBase: u32,
  nets: u32,        // networks in this dispatch (attn_mix: one thread each)
  invTau: f32,      // 1/τ
  lambda: f32,
  gamma: f32,
  scale: f32,       // 1/√n_in
}

@group(0) @binding(0) var<uniform> p: AttnParams;
@group(0) @binding(1) var<storage, read_write> X: array<f32>;   // nets × n × K
@group(0) @binding(2) var<storage, read_write> P: array<f32>;   // nets × (2 n_k + n) × K
@group(0) @binding(3) var<storage, read_write> A: array<f32>;   // nets × K × K
@group(0) @binding(4) var<storage, read> inputs: array<f32>;    // d × K (the lab's input vectors)

// Embedding X₀ = W_in x/√d: one thread per (row i, network).
@compute @workgroup_size(64)
fn attn_embed(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let net = g.y;
  if (i >= p.n) { return; }
  var acc: array<f32, MAX_K>;
  for (var q = 0u; 4u * q < p.nIn; q++) {
    let w = rng_normals4(p.seed, p.domain, p.netBase + net, 0u, i, q);
    for (var c = 0u; c < 4u; c++) {
      let j = 4u * q + c;
      if (j >= p.nIn) { break; }
      for (var a = 0u; a < K; a++) { acc[a] += w[c] * inputs[j * K + a]; }
    }
  }
  for (var a = 0u; a < K; a++) { X[(net * p.n + i) * K + a] = p.scale * acc[a]; }
}

// Q, K, G = W X/√n for the three matrices of layer l: one thread per (output row, network); rows
// 0..n_k−1 are W^Q (Philox layer 3(l−1)+1), n_k..2n_k−1 W^K (+2), then n rows of W^V (+3).
@compute @workgroup_size(64)
fn attn_project(@builtin(global_invocation_id) g: vec3<u32>) {
  let r = g.x;
  let net = g.y;
  let rows = 2u * p.nk + p.n;
  if (r >= rows) { return; }
  var which = 0u;
  var row = r;
  if (r >= 2u * p.nk) { which = 2u; row = r - 2u * p.nk; } else if (r >= p.nk) { which = 1u; row = r - p.nk; }
  let key = 3u * (p.layer - 1u) + 1u + which;
  var acc: array<f32, MAX_K>;
  for (var q = 0u; 4u * q < p.n; q++) {
    let w = rng_normals4(p.seed, p.domain, p.netBase + net, key, row, q);
    for (var c = 0u; c < 4u; c++) {
      let j = 4u * q + c;
      if (j >= p.n) { break; }
      for (var a = 0u; a < K; a++) { acc[a] += w[c] * X[(net * p.n + j) * K + a]; }
    }
  }
  for (var a = 0u; a < K; a++) { P[(net * rows + r) * K + a] = p.scale * acc[a]; }
}

// S = Q Kᵀ/τ (M2) and A (M3)/(M4): one thread per network (K ≤ 16, n_k terms per entry).
@compute @workgroup_size(64)
fn attn_mix(@builtin(global_invocation_id) g: vec3<u32>) {
  let net = g.x;
  if (net >= p.nets) { return; }
  let rows = 2u * p.nk + p.n;
  for (var a = 0u; a < K; a++) {
    var s: array<f32, MAX_K>;
    var mx = -3.4e38;
    for (var b = 0u; b < K; b++) {
      var t = 0.0;
      for (var i = 0u; i < p.nk; i++) {
        t += P[(net * rows + i) * K + a] * P[(net * rows + p.nk + i) * K + b];
      }
      s[b] = t * p.invTau;
      mx = max(mx, s[b]);
    }
    var sum = 0.0;
    for (var b = 0u; b < K; b++) { s[b] = exp(s[b] - mx); sum += s[b]; }
    for (var b = 0u; b < K; b++) {
      var v = s[b] / sum;
      if (p.shaped == 1u) {
        v = v - 1.0 / f32(K);
        if (a == b) { v += 1.0; }
      }
      A[(net * K + a) * K + b] = v;
    }
  }
}

// X' = λX + γ A G (M5): one thread per (row i, network).
@compute @workgroup_size(64)
fn attn_update(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let net = g.y;
  if (i >= p.n) { return; }
  let rows = 2u * p.nk + p.n;
  var gi: array<f32, MAX_K>;
  for (var b = 0u; b < K; b++) { gi[b] = P[(net * rows + 2u * p.nk + i) * K + b]; }
  for (var a = 0u; a < K; a++) {
    var t = 0.0;
    for (var b = 0u; b < K; b++) { t += A[(net * K + a) * K + b] * gi[b]; }
    X[(net * p.n + i) * K + a] = p.lambda * X[(net * p.n + i) * K + a] + p.gamma * t;
  }
}
