// Empirical kernels of one network's state: K̂ = (1/n) Σ_i z_i z_iᵀ and (1/n) Σ_i φ(z_i) φ(z_i)ᵀ,
// packed upper triangle in pairIndex order (src/backends/types.ts), for a workgroup of RED_WG
// threads that owns the network. The state layout is state[(net·K + a)·n + row] (rows contiguous
// per input, so loads of consecutive rows are coalesced). The including kernel declares `state`.
//
// Work split: the P = K(K+1)/2 pairs are spread over G = ⌊RED_WG/P⌋ groups of rows, so every thread
// accumulates one pair over every G-th row of a tile (256 threads: k = 2 gives 85 row groups,
// k = 16 one), then the
// G partial sums are added by a tree in workgroup memory. Accumulation is f32 (relative error ~ √n·2^-24).

// Threads per network (override, a power of two in [64, 256], ≥ P): chosen by the backend from n
// and k (kernels.ts reductionWorkgroupSize), so small networks do not idle 256 threads.
override RED_WG: u32 = 256u;
// Rows per tile: RED_TILE/K rows × K inputs fill one tile.
const RED_TILE: u32 = 1024u;

var<workgroup> red_tile_z: array<f32, RED_TILE>;
var<workgroup> red_tile_h: array<f32, RED_TILE>;
var<workgroup> red_partial_z: array<f32, RED_WG>;
var<workgroup> red_partial_h: array<f32, RED_WG>;
// Results of pair_reduce, valid for p < P after it returns.
var<workgroup> red_z: array<f32, 136>; // 136 = MAX_K(MAX_K+1)/2
var<workgroup> red_h: array<f32, 136>;

fn pair_count() -> u32 {
  return K * (K + 1u) / 2u;
}

// (a, b), a ≤ b, of packed index p: pairIndex(k, a, b) = a·k − a(a−1)/2 + (b − a).
fn pair_of(p: u32) -> vec2<u32> {
  var a = 0u;
  var rem = p;
  loop {
    let len = K - a;
    if (rem < len) { break; }
    rem -= len;
    a += 1u;
  }
  return vec2<u32>(a, a + rem);
}

// Must be called from uniform control flow by all RED_WG threads (it contains barriers).
fn pair_reduce(t: u32, net: u32, n: u32) {
  let P = pair_count();
  let groups = RED_WG / P;
  let g = t / P;
  let ab = pair_of(t % P);
  let inGroup = g < groups;
  let rowsPerTile = RED_TILE / K;
  var accZ = 0.0;
  var accH = 0.0;
  for (var r0 = 0u; r0 < n; r0 += rowsPerTile) {
    // Load rows r0 … r0 + rowsPerTile − 1 of every input; φ applied once per entry. Rows past n
    // are zero (φ(0) need not be 0, e.g. softplus).
    for (var e = t; e < RED_TILE; e += RED_WG) {
      let a = e / rowsPerTile;
      let rr = e % rowsPerTile;
      let row = r0 + rr;
      var z = 0.0;
      var h = 0.0;
      if (a < K && row < n) {
        z = state[(net * K + a) * n + row];
        h = act_phi(z);
      }
      if (a < K) {
        red_tile_z[rr * K + a] = z;
        red_tile_h[rr * K + a] = h;
      }
    }
    workgroupBarrier();
    if (inGroup) {
      for (var rr = g; rr < rowsPerTile; rr += groups) {
        accZ += red_tile_z[rr * K + ab.x] * red_tile_z[rr * K + ab.y];
        accH += red_tile_h[rr * K + ab.x] * red_tile_h[rr * K + ab.y];
      }
    }
    workgroupBarrier();
  }
  red_partial_z[t] = select(0.0, accZ, inGroup);
  red_partial_h[t] = select(0.0, accH, inGroup);
  workgroupBarrier();
  // Tree sum over the row groups: log2(RED_WG) steps, all pairs at once.
  for (var stride = RED_WG / 2u; stride > 0u; stride >>= 1u) {
    if (inGroup && g < stride && g + stride < groups) {
      red_partial_z[t] += red_partial_z[t + stride * P];
      red_partial_h[t] += red_partial_h[t + stride * P];
    }
    workgroupBarrier();
  }
  if (t < P) {
    red_z[t] = red_partial_z[t] / f32(n);
    red_h[t] = red_partial_h[t] / f32(n);
  }
  workgroupBarrier();
}
