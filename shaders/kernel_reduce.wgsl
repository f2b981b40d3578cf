// Per-layer empirical kernels of the explicit method: K̂^l = (1/n) Z^lᵀZ^l and (1/n) φ(Z^l)ᵀφ(Z^l)
// for every network of the chunk, written to out_z / out_phi at [(net·R + slot)·P + p].
// Dispatch: one workgroup of RED_WG threads per network (x). Includes lib/sizes.wgsl,
// lib/activations.wgsl, lib/pair_reduce.wgsl.

struct ReduceParams {
  n: u32,
  slot: u32,        // index of this layer in job.recordLayers
  slots: u32,       // R = job.recordLayers.length
  recordPhi: u32,
}

@group(0) @binding(0) var<uniform> rparams: ReduceParams;
@group(0) @binding(1) var<storage, read> state: array<f32>;
@group(0) @binding(2) var<storage, read_write> out_z: array<f32>;
@group(0) @binding(3) var<storage, read_write> out_phi: array<f32>;

@compute @workgroup_size(RED_WG)
fn kernel_reduce(@builtin(local_invocation_index) t: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let net = wid.x;
  pair_reduce(t, net, rparams.n);
  let P = pair_count();
  if (t < P) {
    let o = (net * rparams.slots + rparams.slot) * P + t;
    out_z[o] = red_z[t];
    if (rparams.recordPhi == 1u) {
      out_phi[o] = red_h[t];
    }
  }
}
