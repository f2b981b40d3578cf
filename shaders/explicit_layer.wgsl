// One layer of the explicit method for many networks at once (DESIGN.md §3, src/backends/types.ts):
//   out[i, a] = weightScale · Σ_j W_ij h[j, a] + biasScale · b_i            (mlp, shaped, Y⁰)
//   out[i, a] = in[i, a] + branch · (weightScale · Σ_j W_ij h[j, a] + biasScale · b_i)   (resnet)
// with h = φ(z^{l−1}) (or the inputs x for the first layer) and weightScale = scale/√n_in.
// W_ij is drawn on the fly from Philox (seed, weightDomain, net, layer, i, j) and never stored.
//
// Dispatch: workgroup (x = tile of WG output rows, y = network of the chunk). Thread i owns row i:
// one Philox call gives its 4 weights W_i,4q…4q+3, used for all K inputs. The source h is staged in
// workgroup memory WG rows × K at a time (φ applied once per entry, shared by the WG threads).
// Includes lib/sizes.wgsl, lib/rng.wgsl, lib/activations.wgsl.

override WG: u32 = 64u;            // rows per workgroup; a multiple of 4 (whole Philox quads)
override WEIGHT_KIND: u32 = 0u;    // 0 gaussian, 1 rademacher, 2 sparse (src/core/weights.ts)

struct LayerParams {
  seed: u32,
  weightDomain: u32,   // Domain.weight, or Domain.inputWeight for the resnet's W⁰
  biasDomain: u32,
  maskDomain: u32,
  layer: u32,          // Philox layer index of W^l and b^l
  n: u32,              // output width (rows)
  nIn: u32,            // source width: the input dimension d for the first layer, else n
  fromInput: u32,      // 1: the source is x (d×K, not activated); 0: φ(src)
  accumulate: u32,     // 1: resnet update out = in + branch·(…)
  sparseThreshold: u32,// sparse:p keeps W_ij iff (mask word >> 8) < round(p·2^24)
  weightScale: f32,
  biasScale: f32,
  branch: f32,
  sparseScale: f32,    // 1/√p
}

struct ChunkParams {
  netBase: u32,        // global index of the chunk's first network (keys the randomness)
}

@group(0) @binding(0) var<uniform> params: LayerParams;
@group(0) @binding(1) var<uniform> chunk: ChunkParams;
@group(0) @binding(2) var<storage, read> src: array<f32>;
@group(0) @binding(3) var<storage, read_write> dst: array<f32>;
@group(0) @binding(4) var<storage, read> inputs: array<f32>; // x[c·K + a], c < d (the input dimension)

var<workgroup> tile: array<f32, WG * K>;

// W_i,4q…4q+3 of network `net` (global index).
fn weight_quad(net: u32, row: u32, quad: u32) -> vec4<f32> {
  switch WEIGHT_KIND {
    case 1u: {
      // rademacherSign: −1 iff the top bit of the Domain.weight word is set.
      let w = rng_words(params.seed, params.weightDomain, net, params.layer, row, quad);
      return select(vec4<f32>(1.0), vec4<f32>(-1.0), (w >> vec4<u32>(31u)) == vec4<u32>(1u));
    }
    case 2u: {
      let g = rng_normals4(params.seed, params.weightDomain, net, params.layer, row, quad);
      let m = rng_words(params.seed, params.maskDomain, net, params.layer, row, quad);
      let keep = (m >> vec4<u32>(8u)) < vec4<u32>(params.sparseThreshold);
      return select(vec4<f32>(0.0), g * params.sparseScale, keep);
    }
    default: {
      return rng_normals4(params.seed, params.weightDomain, net, params.layer, row, quad);
    }
  }
}

@compute @workgroup_size(WG)
fn explicit_layer(@builtin(local_invocation_index) t: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let n = params.n;
  let nIn = params.nIn;
  let row = wid.x * WG + t;
  let net = wid.y;
  let netG = chunk.netBase + net;
  var acc: array<f32, MAX_K>;
  for (var j0 = 0u; j0 < nIn; j0 += WG) {
    // Stage h[j0 … j0 + WG − 1, ·]; entries past n_in are 0 so a partial last quad adds nothing.
    let j = j0 + t;
    for (var a = 0u; a < K; a++) {
      var h = 0.0;
      if (j < nIn) {
        if (params.fromInput == 1u) {
          h = inputs[j * K + a];
        } else {
          h = act_phi(src[(net * K + a) * nIn + j]);
        }
      }
      tile[t * K + a] = h;
    }
    workgroupBarrier();
    if (row < n) {
      let quads = (min(WG, nIn - j0) + 3u) / 4u;
      for (var q = 0u; q < quads; q++) {
        let w = weight_quad(netG, row, (j0 >> 2u) + q);
        let base = 4u * q * K;
        for (var a = 0u; a < K; a++) {
          acc[a] += w.x * tile[base + a] + w.y * tile[base + K + a] + w.z * tile[base + 2u * K + a] + w.w * tile[base + 3u * K + a];
        }
      }
    }
    workgroupBarrier();
  }
  if (row < n) {
    var b = 0.0;
    if (params.biasScale != 0.0) {
      // b_i = NormalStream(seed, Domain.bias).normal(net, layer, i, 0): normal 0 of quad 0.
      b = params.biasScale * rng_normals4(params.seed, params.biasDomain, netG, params.layer, row, 0u).x;
    }
    for (var a = 0u; a < K; a++) {
      let o = (net * K + a) * n + row;
      let v = params.weightScale * acc[a] + b;
      if (params.accumulate == 1u) {
        dst[o] = src[o] + params.branch * v;
      } else {
        dst[o] = v;
      }
    }
  }
}
