// sin and cos accurate to a few f32 ulps. WGSL only promises an absolute error of 2^-11 for the
// builtins on [−π, π], and real implementations use it (SwiftShader: ~2e-4), which would make GPU
// normals and sin/cos activations differ from the CPU in the 4th digit. So: reduce to
// |x| ≤ π/4 exactly (or nearly), then Taylor polynomials (truncation < 2e-9 there).

// (sin x, cos x) for |x| ≤ π/4: sin to x^9/9!, cos to x^10/10!.
fn trig_sincos_small(x: f32) -> vec2<f32> {
  let x2 = x * x;
  let s = x * (1.0 + x2 * (-1.0 / 6.0 + x2 * (1.0 / 120.0 + x2 * (-1.0 / 5040.0 + x2 * (1.0 / 362880.0)))));
  let c = 1.0 + x2 * (-0.5 + x2 * (1.0 / 24.0 + x2 * (-1.0 / 720.0 + x2 * (1.0 / 40320.0 + x2 * (-1.0 / 3628800.0)))));
  return vec2<f32>(s, c);
}

// (sin, cos) of x + q·π/2 from (sin x, cos x).
fn trig_quadrant(sc: vec2<f32>, q: i32) -> vec2<f32> {
  switch (q & 3) {
    case 1: { return vec2<f32>(sc.y, -sc.x); }
    case 2: { return -sc; }
    case 3: { return vec2<f32>(-sc.y, sc.x); }
    default: { return sc; }
  }
}

// (sin 2πt, cos 2πt) for |t| ≤ 1/2 given in turns: t − q/4 is exact in f32, so the only rounding
// is that of 2π·f.
fn trig_sincos_turns(t: f32) -> vec2<f32> {
  let q = round(4.0 * t);
  let f = t - 0.25 * q;
  return trig_quadrant(trig_sincos_small(6.283185307179586 * f), i32(q));
}

// (sin x, cos x) for moderate |x| (≲ 2000): Cody–Waite reduction by π/2 = C1 + C2 + C3, with C1
// and C2 short enough that q·C1, q·C2 are exact.
fn trig_sincos(x: f32) -> vec2<f32> {
  let q = round(x * 0.6366197723675814);
  let r = ((x - q * 1.5703125) - q * 4.838109016418457e-4) - q * 1.5893254712295857e-8;
  return trig_quadrant(trig_sincos_small(r), i32(q));
}
