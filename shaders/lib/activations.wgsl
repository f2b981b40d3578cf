// Activations φ and φ' in f32, one branch per registry family (src/core/activations.ts,
// WGSL_KIND). The pipeline sets ACT_KIND / ACT_P0 / ACT_P1 as override constants, so the switch
// folds away. Checked against the TypeScript registry on the GPU (activations.wgsl.test.ts).
// Uses lib/trig.wgsl (sin/cos).

override ACT_KIND: u32 = 0u;
override ACT_P0: f32 = 1.0; // piecewise-linear: slope s+ for x > 0
override ACT_P1: f32 = 0.0; // piecewise-linear: slope s- for x < 0

// Abramowitz & Stegun 7.1.26: |error| <= 1.5e-7, at the resolution of an f32 result.
fn ll_erf(x: f32) -> f32 {
  let a = abs(x);
  let t = 1.0 / (1.0 + 0.3275911 * a);
  let poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  return sign(x) * (1.0 - poly * exp(-a * a));
}

fn ll_normal_cdf(x: f32) -> f32 {
  return 0.5 * (1.0 + ll_erf(x * 0.70710678118654752));
}

fn ll_sigmoid(x: f32) -> f32 {
  if (x >= 0.0) {
    return 1.0 / (1.0 + exp(-x));
  }
  let e = exp(x);
  return e / (1.0 + e);
}

fn ll_softplus(x: f32) -> f32 {
  return max(x, 0.0) + log(1.0 + exp(-abs(x)));
}

// tanh(x) with x clamped to ±15 (tanh 15 = 1 − 2e-13, 1.0 in f32): some drivers build tanh from
// exp(±x)/(…) and return NaN once exp overflows.
fn ll_tanh(x: f32) -> f32 {
  return tanh(clamp(x, -15.0, 15.0));
}

fn act_phi(x: f32) -> f32 {
  switch ACT_KIND {
    case 1u: { return ll_tanh(x); }
    case 2u: { return ll_erf(x); }
    case 3u: { return x * ll_normal_cdf(x); }
    case 4u: { return x * ll_sigmoid(x); }
    case 5u: { return ll_softplus(x); }
    case 6u: { return trig_sincos(x).x; }
    default: { return select(ACT_P1 * x, ACT_P0 * x, x > 0.0); }
  }
}

fn act_dphi(x: f32) -> f32 {
  switch ACT_KIND {
    case 1u: { let t = ll_tanh(x); return 1.0 - t * t; }
    case 2u: { return 1.1283791670955126 * exp(-x * x); }
    case 3u: { return ll_normal_cdf(x) + x * 0.3989422804014327 * exp(-0.5 * x * x); }
    case 4u: { let s = ll_sigmoid(x); return s * (1.0 + x * (1.0 - s)); }
    case 5u: { return ll_sigmoid(x); }
    case 6u: { return trig_sincos(x).y; }
    default: { return select(ACT_P1, ACT_P0, x > 0.0); }
  }
}
