// The input curve's points and tangents through explicit random networks (issue 18; DESIGN.md §9.2),
// many networks per dispatch. State per network: S (n × 2k, row = unit, columns [z_0 … z_{k−1},
// t_0 … t_{k−1}]); H (n × 2k) = [φ(Z), φ'(Z) ⊙ T] (the Jacobian diag(φ'(h)) applied to the tangents).
//   curve_layer       S_i = weightScale · Σ_j W_ij H_j + biasScale · b_i (on the z half)   (plain)
//                     S_i += branch · (the same)                                        (residual)
//                     W_ij from Philox (seed, weightDomain, net, layer, i, j), b_i = normal 0 of
//                     (seed, biasDomain, net, layer, i, quad 0): the keys of the CPU explicit sampler
//                     (src/geometry/curveNetwork.ts) and of the depth profile, so the same seed gives
//                     the same networks up to f32 rounding. The first layer reads the inputs x (d × 2k).
//   curve_activate    H = [φ(Z), φ'(Z) ⊙ T]
//   curve_means       z̄_i = (1/k) Σ_a z_ia (for the centred kernel)
//   curve_point_sums  per point a: Σ_i c_a², Σ_i c_{a−1}·c_a (c_a = z_{a+1} − z_a, cyclic), Σ_i t_a²
//   curve_kernel      Σ_i (z_ia − z̄_i)(z_ib − z̄_i) for b ≥ a
// The sums are what src/geometry/curveMeasures.ts (CurveLayerSums) needs; out holds per network
// [chord2 (k), chordDot (k), tangent2 (k), kernel (k × k)].
// Includes lib/trig.wgsl, lib/rng.wgsl, lib/activations.wgsl.

struct CurveParams {
  seed: u32,
  weightDomain: u32,  // Domain.weight, or Domain.inputWeight for a residual chain's embedding
  biasDomain: u32,
  layer: u32,         // Philox layer index of W and b
  n: u32,             // width (rows of S)
  nIn: u32,           // d for the first layer, else n
  k: u32,             // points on the curve (2k columns)
  fromInput: u32,     // 1: the source is the inputs x (d × 2k)
  accumulate: u32,    // 1: residual update S += branch · (…)
  netBase: u32,       // global index of the dispatch's first network (keys the randomness)
  pad0: u32,
  pad1: u32,
  weightScale: f32,   // s/√n_in
  biasScale: f32,
  branch: f32,
  pad2: f32,
}

@group(0) @binding(0) var<uniform> p: CurveParams;
@group(0) @binding(1) var<storage, read_write> S: array<f32>;      // nets × n × 2k
@group(0) @binding(2) var<storage, read_write> H: array<f32>;      // nets × n × 2k
@group(0) @binding(3) var<storage, read> inputs: array<f32>;       // d × 2k
@group(0) @binding(4) var<storage, read_write> means: array<f32>;  // nets × n
@group(0) @binding(5) var<storage, read_write> out: array<f32>;    // nets × (3k + k²)

// curve_layer's tiling: a workgroup of 64 threads owns TR = 4 rows × 16 column blocks of CHUNK = 16
// columns (256 of the 2k columns); thread t has row t / 16 and column block t % 16. Each step stages
// the weights W[4 rows, 64 inputs] in workgroup memory, one Philox call (4 normals) per thread, so a
// weight is drawn once per 256 columns (⌈2k/256⌉ times in all), not once per thread.
const CHUNK: u32 = 16u;
const TR: u32 = 4u;
const TJ: u32 = 64u;
const BLOCKS: u32 = 16u;

var<workgroup> wtile: array<f32, 256>; // TR × TJ

@compute @workgroup_size(64)
fn curve_activate(@builtin(global_invocation_id) g: vec3<u32>) {
  let idx = g.x;
  let net = g.y;
  if (idx >= p.n * p.k) { return; }
  let j = idx / p.k;
  let a = idx % p.k;
  let base = (net * p.n + j) * 2u * p.k;
  let z = S[base + a];
  H[base + a] = act_phi(z);
  H[base + p.k + a] = act_dphi(z) * S[base + p.k + a];
}

// Workgroup (x = row block × column group, y = network of the dispatch); see the tiling above.
@compute @workgroup_size(64)
fn curve_layer(@builtin(local_invocation_index) t: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let m = 2u * p.k;
  let chunks = (m + CHUNK - 1u) / CHUNK;
  let groups = (chunks + BLOCKS - 1u) / BLOCKS;
  let rowBlock = wid.x / groups;
  let net = wid.y;
  let netG = p.netBase + net;
  let i = rowBlock * TR + t / BLOCKS;
  let c0 = ((wid.x % groups) * BLOCKS + t % BLOCKS) * CHUNK;
  var cols = 0u;
  if (i < p.n && c0 < m) { cols = min(CHUNK, m - c0); }
  var acc: array<f32, CHUNK>;
  for (var j0 = 0u; j0 < p.nIn; j0 += TJ) {
    // Stage W[rowBlock·TR + t/16, j0 + 4(t%16) … +3]; rows past n draw nothing (0).
    let wr = rowBlock * TR + t / BLOCKS;
    let wq = t % BLOCKS;
    var w = vec4<f32>(0.0);
    if (wr < p.n && j0 + 4u * wq < p.nIn) {
      w = rng_normals4(p.seed, p.weightDomain, netG, p.layer, wr, (j0 >> 2u) + wq);
    }
    let base = (t / BLOCKS) * TJ + 4u * wq;
    wtile[base] = w.x;
    wtile[base + 1u] = w.y;
    wtile[base + 2u] = w.z;
    wtile[base + 3u] = w.w;
    workgroupBarrier();
    let span = min(TJ, p.nIn - j0);
    let wrow = (t / BLOCKS) * TJ;
    for (var jj = 0u; jj < span; jj++) {
      if (cols == 0u) { break; }
      let wij = wtile[wrow + jj];
      let j = j0 + jj;
      if (p.fromInput == 1u) {
        for (var c = 0u; c < cols; c++) { acc[c] += wij * inputs[j * m + c0 + c]; }
      } else {
        let row = (net * p.nIn + j) * m + c0;
        for (var c = 0u; c < cols; c++) { acc[c] += wij * H[row + c]; }
      }
    }
    workgroupBarrier();
  }
  if (cols == 0u) { return; }
  var b = 0.0;
  if (p.biasScale != 0.0) {
    b = p.biasScale * rng_normals4(p.seed, p.biasDomain, netG, p.layer, i, 0u).x;
  }
  for (var c = 0u; c < cols; c++) {
    let col = c0 + c;
    var v = p.weightScale * acc[c];
    if (col < p.k) { v += b; }
    let o = (net * p.n + i) * m + col;
    if (p.accumulate == 1u) {
      S[o] = S[o] + p.branch * v;
    } else {
      S[o] = v;
    }
  }
}

@compute @workgroup_size(64)
fn curve_means(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let net = g.y;
  if (i >= p.n) { return; }
  let base = (net * p.n + i) * 2u * p.k;
  var s = 0.0;
  for (var a = 0u; a < p.k; a++) { s += S[base + a]; }
  means[net * p.n + i] = s / f32(p.k);
}

@compute @workgroup_size(64)
fn curve_point_sums(@builtin(global_invocation_id) g: vec3<u32>) {
  let a = g.x;
  let net = g.y;
  let k = p.k;
  if (a >= k) { return; }
  let prevA = (a + k - 1u) % k;
  let nextA = (a + 1u) % k;
  var c2 = 0.0;
  var cd = 0.0;
  var t2 = 0.0;
  for (var i = 0u; i < p.n; i++) {
    let base = (net * p.n + i) * 2u * k;
    let za = S[base + a];
    let c = S[base + nextA] - za;
    let prev = za - S[base + prevA];
    c2 += c * c;
    cd += prev * c;
    let t = S[base + k + a];
    t2 += t * t;
  }
  let o = net * (3u * k + k * k);
  out[o + a] = c2;
  out[o + k + a] = cd;
  out[o + 2u * k + a] = t2;
}

@compute @workgroup_size(64)
fn curve_kernel(@builtin(global_invocation_id) g: vec3<u32>) {
  let idx = g.x;
  let net = g.y;
  let k = p.k;
  if (idx >= k * k) { return; }
  let a = idx / k;
  let b = idx % k;
  if (b < a) { return; }
  var s = 0.0;
  for (var i = 0u; i < p.n; i++) {
    let base = (net * p.n + i) * 2u * k;
    let m = means[net * p.n + i];
    s += (S[base + a] - m) * (S[base + b] - m);
  }
  out[net * (3u * k + k * k) + 3u * k + idx] = s;
}
