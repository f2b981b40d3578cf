// The raw N(0,1) draws of one (seed, domain, net, layer) block, rows × cols, row-major: how the
// conformance suite checks lib/rng.wgsl against NormalStream draw for draw. One thread per
// (row, quad); the flat index spans a 2-D grid of workgroups (x ≤ maxComputeWorkgroupsPerDimension).
// Includes lib/rng.wgsl.

struct NormalsParams {
  seed: u32,
  domain: u32,
  net: u32,
  layer: u32,
  rowStart: u32,
  rows: u32,
  cols: u32,
  quadsPerRow: u32,
}

@group(0) @binding(0) var<uniform> nparams: NormalsParams;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(64)
fn normals(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let id = gid.y * groups.x * 64u + gid.x;
  if (id >= nparams.rows * nparams.quadsPerRow) { return; }
  let r = id / nparams.quadsPerRow;
  let q = id % nparams.quadsPerRow;
  let v = rng_normals4(nparams.seed, nparams.domain, nparams.net, nparams.layer, nparams.rowStart + r, q);
  for (var c = 0u; c < 4u; c++) {
    let col = 4u * q + c;
    if (col < nparams.cols) { out[r * nparams.cols + col] = v[c]; }
  }
}
