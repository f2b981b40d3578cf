// φ and φ' of the activation selected by ACT_KIND/ACT_P0/ACT_P1 at the points xs: how the
// conformance suite checks lib/activations.wgsl against the registry (src/core/activations.ts).
// Includes lib/activations.wgsl.

struct EvalParams {
  count: u32,
}

@group(0) @binding(0) var<uniform> eparams: EvalParams;
@group(0) @binding(1) var<storage, read> xs: array<f32>;
@group(0) @binding(2) var<storage, read_write> phi: array<f32>;
@group(0) @binding(3) var<storage, read_write> dphi: array<f32>;

@compute @workgroup_size(64)
fn activation_eval(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = gid.y * groups.x * 64u + gid.x;
  if (i >= eparams.count) { return; }
  phi[i] = act_phi(xs[i]);
  dphi[i] = act_dphi(xs[i]);
}
