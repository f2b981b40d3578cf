// One training step of the abc-parametrised MLP or ResNet (src/training/network.ts), in f32: the
// forward pass, the backward pass and the update, one entry point per stage.
//
// The three matrix products (forward Z = m X Wᵀ, input gradient D = m Z W, weight gradient
// G = m Zᵀ X) are tiled: a 16 × 16 workgroup computes a 16 × 16 block of its output, staging
// 16 × 16 tiles of both operands in workgroup memory, so each operand entry is read from storage
// once per tile instead of once per product (Kirk & Hwu, "Programming Massively Parallel
// Processors", ch. 5). Each thread still sums its dot product in index order, as the untiled
// reference did.
//
// A weight matrix larger than one storage binding (maxStorageBufferBindingSize, 128 MiB by default:
// an 8192 × 8192 f32 matrix is 256 MiB) is split into row blocks, one buffer each; a dispatch
// handles one block: rows row0 … row0 + n_out − 1 of the layer, whose full output width is
// z_stride. The forward pass and the weight gradient need no more than that; the input gradient
// sums over all rows, so the blocks accumulate into D (flags bit 2) and the last one applies φ' and
// the skip connection.
//
// Per dispatch the uniform holds the block's sizes, the layer's multiplier m = n^{−a}κ and its
// learning rate η n^{−c}. Layouts (row-major, as the CPU engine): W, G: n_out × n_in (one block);
// activations: B × width. Element-wise stages run on a 2-D grid of 64-thread workgroups (the flat
// index may exceed 65535 · 64).

struct TrainParams {
  batch: u32,
  n_in: u32,
  n_out: u32,  // rows of this block
  flags: u32,  // bit 0: × φ'(PRE) (input_grad); bit 1: residual; bit 2: accumulate into D
  mult: f32,
  lr: f32,
  row0: u32,   // first row of this block within the layer
  z_stride: u32, // the layer's full output width (row stride of Z)
}

@group(0) @binding(0) var<uniform> tp: TrainParams;
@group(0) @binding(1) var<storage, read_write> W: array<f32>;
@group(0) @binding(2) var<storage, read_write> X: array<f32>;   // layer input, B × n_in (or targets y)
@group(0) @binding(3) var<storage, read_write> Z: array<f32>;   // layer output or its delta, B × z_stride
@group(0) @binding(4) var<storage, read_write> G: array<f32>;   // weight gradient (block), n_out × n_in
@group(0) @binding(5) var<storage, read_write> D: array<f32>;   // delta of the layer input, B × n_in
@group(0) @binding(6) var<storage, read_write> PRE: array<f32>; // pre-activation below (or the stream), B × n_in

const TILE: u32 = 16u;
var<workgroup> tileA: array<array<f32, 17>, 16>; // padded row: no bank conflicts on column reads
var<workgroup> tileB: array<array<f32, 17>, 16>;

fn flat_id(gid: vec3<u32>, groups: vec3<u32>) -> u32 {
  return gid.y * groups.x * 64u + gid.x;
}

// Z[b, row0 + i] = m Σ_j W[i, j] X[b, j]  (+ PRE[b, row0 + i], the residual stream Y^{l−1}, when
// flags bit 1). Workgroup (x: 16 rows i, y: 16 batch entries b); grid (⌈n_out/16⌉, ⌈B/16⌉).
@compute @workgroup_size(16, 16)
fn dense_forward(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let i = wg.x * TILE + lid.x;
  let b = wg.y * TILE + lid.y;
  let iLoad = wg.x * TILE + lid.y; // the row this thread stages
  var s = 0.0;
  for (var j0 = 0u; j0 < tp.n_in; j0 += TILE) {
    let j = j0 + lid.x;
    // tileA[b][j]: inputs; tileB[i][j]: weights (both read along j: consecutive threads, consecutive addresses).
    tileA[lid.y][lid.x] = select(0.0, X[b * tp.n_in + j], b < tp.batch && j < tp.n_in);
    tileB[lid.y][lid.x] = select(0.0, W[iLoad * tp.n_in + j], iLoad < tp.n_out && j < tp.n_in);
    workgroupBarrier();
    let kEnd = min(TILE, tp.n_in - j0);
    for (var k = 0u; k < kEnd; k++) { s += tileB[lid.x][k] * tileA[lid.y][k]; }
    workgroupBarrier();
  }
  if (i >= tp.n_out || b >= tp.batch) { return; }
  forward_store(b, i, s);
}

fn forward_store(b: u32, i: u32, s: f32) {
  let idx = b * tp.z_stride + tp.row0 + i;
  var v = tp.mult * s;
  if ((tp.flags & 2u) != 0u) { v += PRE[idx]; }
  Z[idx] = v;
}

// The untiled twins of the three products: one thread per output entry, no workgroup memory or
// barriers. Same sums in the same order. A software adapter (SwiftShader) runs these ~10× faster:
// it executes a workgroup's invocations as coroutines and pays a switch per barrier.
@compute @workgroup_size(64)
fn dense_forward_flat(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let idx = flat_id(gid, groups);
  if (idx >= tp.batch * tp.n_out) { return; }
  let b = idx / tp.n_out;
  let i = idx % tp.n_out;
  var s = 0.0;
  for (var j = 0u; j < tp.n_in; j++) { s += W[i * tp.n_in + j] * X[b * tp.n_in + j]; }
  forward_store(b, i, s);
}

@compute @workgroup_size(64)
fn input_grad_flat(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let idx = flat_id(gid, groups);
  if (idx >= tp.batch * tp.n_in) { return; }
  let b = idx / tp.n_in;
  let j = idx % tp.n_in;
  var s = 0.0;
  for (var i = 0u; i < tp.n_out; i++) { s += W[i * tp.n_in + j] * Z[b * tp.z_stride + tp.row0 + i]; }
  input_grad_store(b, j, s);
}

@compute @workgroup_size(64)
fn weight_grad_flat(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let idx = flat_id(gid, groups);
  if (idx >= tp.n_out * tp.n_in) { return; }
  let i = idx / tp.n_in;
  let j = idx % tp.n_in;
  var s = 0.0;
  for (var b = 0u; b < tp.batch; b++) { s += Z[b * tp.z_stride + tp.row0 + i] * X[b * tp.n_in + j]; }
  G[idx] = tp.mult * s;
}

// X[idx] = φ(Z[idx]) over B × n_out entries.
@compute @workgroup_size(64)
fn activate(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let idx = flat_id(gid, groups);
  if (idx >= tp.batch * tp.n_out) { return; }
  X[idx] = act_phi(Z[idx]);
}

// D[b] = ∂(mean ½(f − y)²)/∂f_b = (Z[b] − X[b]) / B, Z = f, X = y.
@compute @workgroup_size(64)
fn output_delta(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let b = flat_id(gid, groups);
  if (b >= tp.batch) { return; }
  D[b] = (Z[b] - X[b]) / f32(tp.batch);
}

// D[b, j] = m Σ_i W[i, j] Z[b, row0 + i] over this block's rows; with flags bit 2 added to D (the
// blocks before it); then × φ'(PRE[b, j]) when flags bit 0, + Z[b, j] (the gradient reaching
// Y^{l−1} through the skip connection; then n_in = z_stride) when flags bit 1 — both only on the
// last block. Workgroup (x: 16 columns j, y: 16 batch entries b); grid (⌈n_in/16⌉, ⌈B/16⌉).
@compute @workgroup_size(16, 16)
fn input_grad(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let j = wg.x * TILE + lid.x;
  let b = wg.y * TILE + lid.y;
  var s = 0.0;
  for (var i0 = 0u; i0 < tp.n_out; i0 += TILE) {
    // tileA[b][i]: deltas of the block's rows; tileB[i][j]: weights (read along j).
    let iA = i0 + lid.x;
    tileA[lid.y][lid.x] = select(0.0, Z[b * tp.z_stride + tp.row0 + iA], b < tp.batch && iA < tp.n_out);
    let iB = i0 + lid.y;
    tileB[lid.y][lid.x] = select(0.0, W[iB * tp.n_in + j], iB < tp.n_out && j < tp.n_in);
    workgroupBarrier();
    let kEnd = min(TILE, tp.n_out - i0);
    for (var k = 0u; k < kEnd; k++) { s += tileB[k][lid.x] * tileA[lid.y][k]; }
    workgroupBarrier();
  }
  if (j >= tp.n_in || b >= tp.batch) { return; }
  input_grad_store(b, j, s);
}

fn input_grad_store(b: u32, j: u32, s: f32) {
  let idx = b * tp.n_in + j;
  var v = tp.mult * s;
  if ((tp.flags & 4u) != 0u) { v += D[idx]; }
  if ((tp.flags & 1u) != 0u) { v *= act_dphi(PRE[idx]); }
  if ((tp.flags & 2u) != 0u) { v += Z[b * tp.z_stride + j]; }
  D[idx] = v;
}

// G[i, j] = m Σ_b Z[b, row0 + i] X[b, j] for this block's rows. Workgroup (x: 16 columns j,
// y: 16 rows i); grid (⌈n_in/16⌉, ⌈n_out/16⌉).
@compute @workgroup_size(16, 16)
fn weight_grad(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let j = wg.x * TILE + lid.x;
  let i = wg.y * TILE + lid.y;
  let iLoad = wg.y * TILE + lid.x;
  var s = 0.0;
  for (var b0 = 0u; b0 < tp.batch; b0 += TILE) {
    // tileA[b][i]: deltas (read along i); tileB[b][j]: inputs (read along j).
    let b = b0 + lid.y;
    tileA[lid.y][lid.x] = select(0.0, Z[b * tp.z_stride + tp.row0 + iLoad], b < tp.batch && iLoad < tp.n_out);
    tileB[lid.y][lid.x] = select(0.0, X[b * tp.n_in + j], b < tp.batch && j < tp.n_in);
    workgroupBarrier();
    let kEnd = min(TILE, tp.batch - b0);
    for (var k = 0u; k < kEnd; k++) { s += tileA[k][lid.y] * tileB[k][lid.x]; }
    workgroupBarrier();
  }
  if (i >= tp.n_out || j >= tp.n_in) { return; }
  G[i * tp.n_in + j] = tp.mult * s;
}

// W −= lr G
@compute @workgroup_size(64)
fn sgd_update(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let idx = flat_id(gid, groups);
  if (idx >= tp.n_out * tp.n_in) { return; }
  W[idx] -= tp.lr * G[idx];
}

// W ×= mult: the initial standard deviation n^{−b} applied to the raw draws ξ that
// shaders/normals.wgsl wrote into W (the same f32 product as drawing and scaling in one kernel).
@compute @workgroup_size(64)
fn scale_weights(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let idx = flat_id(gid, groups);
  if (idx >= tp.n_out * tp.n_in) { return; }
  W[idx] = tp.mult * W[idx];
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
fn adam_update(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let idx = flat_id(gid, groups);
  if (idx >= tp.n_out * tp.n_in) { return; }
  let g = G[idx];
  let m = ap.beta1 * M[idx] + (1.0 - ap.beta1) * g;
  let v = ap.beta2 * V[idx] + (1.0 - ap.beta2) * g * g;
  M[idx] = m;
  V[idx] = v;
  W[idx] -= tp.lr * (m / ap.c1) / (sqrt(v / ap.c2) + ap.eps);
}
