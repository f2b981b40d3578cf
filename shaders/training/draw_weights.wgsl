// The initial weights of one training layer drawn on the GPU: W_ij = n^{−b} ξ_ij with ξ the lab's
// draw at (seed, domain, net, layer, i, j) (lib/rng.wgsl, the WGSL twin of NormalStream), so the
// GPU needs no upload and widths beyond what the CPU can draw get the same network. One thread per
// (row, quad); the flat index spans a 2-D grid of workgroups. Includes lib/rng.wgsl.

struct DrawParams {
  seed: u32,
  domain: u32,
  net: u32,
  layer: u32,
  rows: u32,
  cols: u32,
  quadsPerRow: u32,
  init_std: f32,
}

@group(0) @binding(0) var<uniform> dp: DrawParams;
@group(0) @binding(1) var<storage, read_write> W: array<f32>;

@compute @workgroup_size(64)
fn draw_weights(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let id = gid.y * groups.x * 64u + gid.x;
  if (id >= dp.rows * dp.quadsPerRow) { return; }
  let r = id / dp.quadsPerRow;
  let q = id % dp.quadsPerRow;
  let v = rng_normals4(dp.seed, dp.domain, dp.net, dp.layer, r, q);
  for (var c = 0u; c < 4u; c++) {
    let col = 4u * q + c;
    if (col < dp.cols) { W[r * dp.cols + col] = dp.init_std * v[c]; }
  }
}
