/**
 * Frames of the image-curve animation (issue 18 §2: the image of the input curve through depth, a
 * play button; ≥ 30 frames/s at k = 256). The principal coordinates of every layer come with the
 * run (computed once, in the Worker: geometry.image); here each layer is divided by its largest
 * coordinate R^ℓ once, into one Float32Array of interleaved (x, y), so that a frame is at most a
 * linear blend of two precomputed layers and one canvas path of k + 1 vertices — no React render,
 * no SVG rebuilt. Between whole layers the frame is a tween (each point moves on a straight line
 * from its place at layer ℓ to its place at ℓ + 1); only at whole layers is it a network's image.
 */

export interface CurveFrames {
  /** Points per layer. */
  readonly k: number;
  /** Layer indices (as in the geometry block). */
  readonly layers: readonly number[];
  /** Per layer: (x₀, y₀, x₁, y₁, …) divided by R^ℓ, in [−1, 1]; NaN where the network left f64. */
  readonly xy: readonly Float32Array[];
  /** R^ℓ = max_a max(|pc1[a]|, |pc2[a]|) (per √n); NaN where a coordinate is not finite. */
  readonly scale: readonly number[];
}

/** Divide each layer by its largest coordinate (a layer whose points all sit at 0 keeps R = 1). */
export function curveFrames(layers: readonly number[], pc1: readonly (readonly number[])[], pc2: readonly (readonly number[])[]): CurveFrames {
  const k = pc1[0]?.length ?? 0;
  const xy: Float32Array[] = [];
  const scale: number[] = [];
  for (let l = 0; l < layers.length; l++) {
    let R = 0;
    let finite = true;
    for (let a = 0; a < k; a++) {
      const x = pc1[l][a];
      const y = pc2[l][a];
      if (!Number.isFinite(x) || !Number.isFinite(y)) finite = false;
      R = Math.max(R, Math.abs(x), Math.abs(y));
    }
    const frame = new Float32Array(2 * k);
    if (!finite) {
      frame.fill(NaN);
      scale.push(NaN);
    } else {
      const s = R > 0 ? R : 1;
      for (let a = 0; a < k; a++) {
        frame[2 * a] = pc1[l][a] / s;
        frame[2 * a + 1] = pc2[l][a] / s;
      }
      scale.push(s);
    }
    xy.push(frame);
  }
  return { k, layers, xy, scale };
}

/**
 * The frame at position t ∈ [0, layers − 1] (a layer index, fractional between layers) into `out`
 * (length 2k): layer ⌊t⌋ blended with the next one. Returns the nearest whole layer's index.
 */
export function frameAt(frames: CurveFrames, t: number, out: Float32Array): number {
  const last = frames.xy.length - 1;
  const tt = Math.max(0, Math.min(last, t));
  const i = Math.min(last, Math.floor(tt));
  const f = tt - i;
  const a = frames.xy[i];
  if (f === 0 || i === last) out.set(a);
  else {
    const b = frames.xy[i + 1];
    const g = 1 - f;
    for (let j = 0; j < out.length; j++) out[j] = g * a[j] + f * b[j];
  }
  return Math.round(tt);
}

/** Where the plot area of the picture lies in the canvas (CSS pixels) and the value at its edges. */
export interface FrameBox {
  readonly width: number;
  readonly height: number;
  /** The plot's axes span [−extent, extent] on both axes. */
  readonly extent: number;
}

/**
 * Draw one frame: the closed curve through the k points and the image of θ = 0 (the same marks as
 * the still picture, imagePlot in views/geometryData.ts), on a cleared canvas of the box's size
 * (the context already scaled to CSS pixels). A frame with a non-finite point draws nothing.
 */
export function drawCurveFrame(ctx: CanvasRenderingContext2D, xy: Float32Array, box: FrameBox, style: { readonly line: number; readonly pointRadius: number; readonly curve: string; readonly start: string }): boolean {
  ctx.clearRect(0, 0, box.width, box.height);
  const k = xy.length / 2;
  for (let j = 0; j < xy.length; j++) if (!Number.isFinite(xy[j])) return false;
  const sx = box.width / (2 * box.extent);
  const sy = box.height / (2 * box.extent);
  const px = (x: number) => (x + box.extent) * sx;
  const py = (y: number) => (box.extent - y) * sy;
  ctx.beginPath();
  ctx.moveTo(px(xy[0]), py(xy[1]));
  for (let a = 1; a < k; a++) ctx.lineTo(px(xy[2 * a]), py(xy[2 * a + 1]));
  ctx.closePath();
  ctx.lineWidth = style.line;
  ctx.lineJoin = 'round';
  ctx.strokeStyle = style.curve;
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(px(xy[0]), py(xy[1]), style.pointRadius, 0, 2 * Math.PI);
  ctx.fillStyle = style.start;
  ctx.fill();
  return true;
}
