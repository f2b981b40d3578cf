// One SGD step of the abc-parametrised MLP or ResNet (src/training/network.ts), in f32: the forward pass,
// the backward pass and the update, one entry point per stage, one thread per output entry (the
// reference kernels the CPU engine is checked against; no tiling yet). Per dispatch the uniform
// holds the layer's sizes, its multiplier m = n^{−a}κ and its learning rate η n^{−c}.
// Layouts (row-major, as the CPU engine): W, G: n_out × n_in; activations: B × width.

struct TrainParams {
  batch: u32,
  n_in: u32,
  n_out: u32,
  flags: u32, // bit 0: multiply the input gradient by φ'(PRE); bit 1: residual (ResNet block)
  mult: f32,
  lr: f32,
}

@group(0) @binding(0) var<uniform> tp: TrainParams;
@group(0) @binding(1) var<storage, read_write> W: array<f32>;
@group(0) @binding(2) var<storage, read_write> X: array<f32>;   // layer input, B × n_in (or targets y)
@group(0) @binding(3) var<storage, read_write> Z: array<f32>;   // layer output or its delta, B × n_out
@group(0) @binding(4) var<storage, read_write> G: array<f32>;   // weight gradient, n_out × n_in
@group(0) @binding(5) var<storage, read_write> D: array<f32>;   // delta of the layer input, B × n_in
@group(0) @binding(6) var<storage, read_write> PRE: array<f32>; // pre-activation below (or the stream), B × n_in

// Z[b, i] = m Σ_j W[i, j] X[b, j]  (+ PRE[b, i], the residual stream Y^{l−1}, when flags bit 1)
@compute @workgroup_size(64)
fn dense_forward(@builtin(global_invocation_id) gid: vec3<u32>) {
  let idx = gid.x;
  if (idx >= tp.batch * tp.n_out) { return; }
  let b = idx / tp.n_out;
  let i = idx % tp.n_out;
  var s = 0.0;
  for (var j = 0u; j < tp.n_in; j++) { s += W[i * tp.n_in + j] * X[b * tp.n_in + j]; }
  var v = tp.mult * s;
  if ((tp.flags & 2u) != 0u) { v += PRE[idx]; }
  Z[idx] = v;
}

// X[idx] = φ(Z[idx]) over B × n_out entries.
@compute @workgroup_size(64)
fn activate(@builtin(global_invocation_id) gid: vec3<u32>) {
  let idx = gid.x;
  if (idx >= tp.batch * tp.n_out) { return; }
  X[idx] = act_phi(Z[idx]);
}

// D[b] = ∂(mean ½(f − y)²)/∂f_b = (Z[b] − X[b]) / B, Z = f, X = y.
@compute @workgroup_size(64)
fn output_delta(@builtin(global_invocation_id) gid: vec3<u32>) {
  let b = gid.x;
  if (b >= tp.batch) { return; }
  D[b] = (Z[b] - X[b]) / f32(tp.batch);
}

// D[b, j] = m Σ_i W[i, j] Z[b, i]  (× φ'(PRE[b, j]) when flags bit 0; + Z[b, j], the gradient
// reaching Y^{l−1} through the skip connection, when flags bit 1 — then n_in = n_out).
@compute @workgroup_size(64)
fn input_grad(@builtin(global_invocation_id) gid: vec3<u32>) {
  let idx = gid.x;
  if (idx >= tp.batch * tp.n_in) { return; }
  let b = idx / tp.n_in;
  let j = idx % tp.n_in;
  var s = 0.0;
  for (var i = 0u; i < tp.n_out; i++) { s += W[i * tp.n_in + j] * Z[b * tp.n_out + i]; }
  var v = tp.mult * s;
  if ((tp.flags & 1u) != 0u) { v *= act_dphi(PRE[idx]); }
  if ((tp.flags & 2u) != 0u) { v += Z[idx]; }
  D[idx] = v;
}

// G[i, j] = m Σ_b Z[b, i] X[b, j]
@compute @workgroup_size(64)
fn weight_grad(@builtin(global_invocation_id) gid: vec3<u32>) {
  let idx = gid.x;
  if (idx >= tp.n_out * tp.n_in) { return; }
  let i = idx / tp.n_in;
  let j = idx % tp.n_in;
  var s = 0.0;
  for (var b = 0u; b < tp.batch; b++) { s += Z[b * tp.n_out + i] * X[b * tp.n_in + j]; }
  G[idx] = tp.mult * s;
}

// W −= lr G
@compute @workgroup_size(64)
fn sgd_update(@builtin(global_invocation_id) gid: vec3<u32>) {
  let idx = gid.x;
  if (idx >= tp.n_out * tp.n_in) { return; }
  W[idx] -= tp.lr * G[idx];
}

// Adam (Kingma & Ba 2015, Algorithm 1, as src/training/optimizer.ts): moments M, V, and the step's
// bias corrections c₁ = 1 − β₁^t, c₂ = 1 − β₂^t in a second uniform (rewritten every step).
struct AdamParams {
  beta1: f32,
  beta2: f32,
  eps: f32,
  c1: f32,
  c2: f32,
}
@group(0) @binding(7) var<storage, read_write> M: array<f32>;
@group(0) @binding(8) var<storage, read_write> V: array<f32>;
@group(0) @binding(9) var<uniform> ap: AdamParams;

@compute @workgroup_size(64)
fn adam_update(@builtin(global_invocation_id) gid: vec3<u32>) {
  let idx = gid.x;
  if (idx >= tp.n_out * tp.n_in) { return; }
  let g = G[idx];
  let m = ap.beta1 * M[idx] + (1.0 - ap.beta1) * g;
  let v = ap.beta2 * V[idx] + (1.0 - ap.beta2) * g * g;
  M[idx] = m;
  V[idx] = v;
  W[idx] -= tp.lr * (m / ap.c1) / (sqrt(v / ap.c2) + ap.eps);
}
