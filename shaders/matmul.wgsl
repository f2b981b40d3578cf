// Plain f32 matrix product C = A·B (N×N, N a multiple of 64, row-major): the reference for the
// adapter's reachable arithmetic peak in bench/webgpu.ts (2N³ flops). Classic register blocking:
// a 16×16 workgroup computes a 64×64 block of C, each thread a 4×4 sub-block, staging 64×16 of A
// and 16×64 of B in workgroup memory (8 KiB).

struct MatmulParams {
  n: u32,
}

@group(0) @binding(0) var<uniform> mparams: MatmulParams;
@group(0) @binding(1) var<storage, read> mat_a: array<f32>;
@group(0) @binding(2) var<storage, read> mat_b: array<f32>;
@group(0) @binding(3) var<storage, read_write> mat_c: array<f32>;

var<workgroup> tile_a: array<f32, 1024>; // [kk·64 + r]
var<workgroup> tile_b: array<f32, 1024>; // [kk·64 + c]

@compute @workgroup_size(16, 16)
fn matmul(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let n = mparams.n;
  let t = lid.y * 16u + lid.x;
  let rowBase = wid.y * 64u;
  let colBase = wid.x * 64u;
  var acc: array<vec4<f32>, 4>;
  for (var k0 = 0u; k0 < n; k0 += 16u) {
    for (var e = t; e < 1024u; e += 256u) {
      let r = e / 16u;
      let c = e % 16u;
      tile_a[c * 64u + r] = mat_a[(rowBase + r) * n + k0 + c];
      let rb = e / 64u;
      let cb = e % 64u;
      tile_b[rb * 64u + cb] = mat_b[(k0 + rb) * n + colBase + cb];
    }
    workgroupBarrier();
    for (var kk = 0u; kk < 16u; kk++) {
      let a = vec4<f32>(tile_a[kk * 64u + lid.y * 4u], tile_a[kk * 64u + lid.y * 4u + 1u],
                        tile_a[kk * 64u + lid.y * 4u + 2u], tile_a[kk * 64u + lid.y * 4u + 3u]);
      let b = vec4<f32>(tile_b[kk * 64u + lid.x * 4u], tile_b[kk * 64u + lid.x * 4u + 1u],
                        tile_b[kk * 64u + lid.x * 4u + 2u], tile_b[kk * 64u + lid.x * 4u + 3u]);
      acc[0] += a.x * b;
      acc[1] += a.y * b;
      acc[2] += a.z * b;
      acc[3] += a.w * b;
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < 4u; i++) {
    let o = (rowBase + lid.y * 4u + i) * n + colBase + lid.x * 4u;
    mat_c[o] = acc[i].x;
    mat_c[o + 1u] = acc[i].y;
    mat_c[o + 2u] = acc[i].z;
    mat_c[o + 3u] = acc[i].w;
  }
}
