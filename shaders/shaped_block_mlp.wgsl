// The shaped Transformer block's MLP sublayer on the GPU (issue 15 §2; docs/shaped-transformer.md (B2)),
// explicit method, run after each attention layer of shaders/attention_layer.wgsl on the same state:
//   H = φ_s(W^pre X/√n),  X' = λ₂ X + γ₂√c · W^post H/√n,  φ_s(x) = s₊ max(x,0) + s₋ min(x,0).
// Philox keys of src/archs/shapedtx/explicit.ts: domain blockWeight, layer 2(l−1)+1 (W^pre) and
// 2(l−1)+2 (W^post), row = output unit, column = input unit.
// X: nets × n × K (row = unit, column = token); H is written into the attention kernel's P buffer
// (rows 0..n−1 of its `rows` per network, free after attn_update).
// Includes lib/sizes.wgsl, lib/trig.wgsl, lib/rng.wgsl.

struct MlpParams {
  seed: u32,
  domain: u32,      // Domain.blockWeight
  layer: u32,       // Philox layer of W^pre; W^post is layer + 1
  n: u32,
  netBase: u32,
  rows: u32,        // rows of P per network (2 n_k + n)
  sp: f32,          // s₊
  sm: f32,          // s₋
  lambda: f32,      // λ₂
  gammaC: f32,      // γ₂ √c
  scale: f32,       // 1/√n
}

@group(0) @binding(0) var<uniform> bp: MlpParams;
@group(0) @binding(1) var<storage, read_write> X: array<f32>;
@group(0) @binding(2) var<storage, read_write> P: array<f32>;

// H = φ_s(W^pre X/√n): one thread per (hidden unit i, network).
@compute @workgroup_size(64)
fn mlp_pre(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let net = g.y;
  if (i >= bp.n) { return; }
  var acc: array<f32, MAX_K>;
  for (var q = 0u; 4u * q < bp.n; q++) {
    let w = rng_normals4(bp.seed, bp.domain, bp.netBase + net, bp.layer, i, q);
    for (var c = 0u; c < 4u; c++) {
      let j = 4u * q + c;
      if (j >= bp.n) { break; }
      for (var a = 0u; a < K; a++) { acc[a] += w[c] * X[(net * bp.n + j) * K + a]; }
    }
  }
  for (var a = 0u; a < K; a++) {
    let h = bp.scale * acc[a];
    P[(net * bp.rows + i) * K + a] = select(bp.sm * h, bp.sp * h, h > 0.0);
  }
}

// X' = λ₂ X + γ₂√c W^post H/√n: one thread per (unit i, network).
@compute @workgroup_size(64)
fn mlp_post(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let net = g.y;
  if (i >= bp.n) { return; }
  var acc: array<f32, MAX_K>;
  for (var q = 0u; 4u * q < bp.n; q++) {
    let w = rng_normals4(bp.seed, bp.domain, bp.netBase + net, bp.layer + 1u, i, q);
    for (var c = 0u; c < 4u; c++) {
      let j = 4u * q + c;
      if (j >= bp.n) { break; }
      for (var a = 0u; a < K; a++) { acc[a] += w[c] * P[(net * bp.rows + j) * K + a]; }
    }
  }
  for (var a = 0u; a < K; a++) {
    let x = X[(net * bp.n + i) * K + a];
    X[(net * bp.n + i) * K + a] = bp.lambda * x + bp.gammaC * bp.scale * acc[a];
  }
}
