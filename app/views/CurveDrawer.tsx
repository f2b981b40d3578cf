/**
 * Draw your own input curve (issue 18 §1, "a user-drawn closed curve in a 2-D plane of input
 * space"): a stroke on a small canvas becomes its first Fourier harmonics (src/geometry/drawnCurve.ts,
 * fitDrawnCurve), written to the URL as curve=drawn:k:<code> with the current k; the canvas then
 * shows the curve the code describes (what the networks receive), its first point marked. The same
 * curve can be typed in the `curve` entry (keyboard users, links).
 */
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { parseCurve, formatCurve } from '../../src/geometry/curveSpec.ts';
import { DRAWN_HARMONICS_MAX, drawnPoint, drawnShape, fitDrawnCurve } from '../../src/geometry/drawnCurve.ts';
import { OKABE_ITO, ROLE_COLOR } from '../plots/theme.ts';
import { useLabActions } from '../state/useLab.ts';

/** Side of the drawing canvas (CSS px). */
const SIDE = 220;
/** k when the link has no curve yet. */
const DEFAULT_POINTS = 64;

/** The shape of a curve value on the canvas: a circle's, an ellipse's or a drawn curve's points (rms radius 1). */
function shapePoints(curve: string, n: number): { x: number[]; y: number[] } | undefined {
  const c = parseCurve(curve);
  if (!c.ok || c.value.kind === 'none') return undefined;
  const v = c.value;
  const x: number[] = [];
  const y: number[] = [];
  const shape = v.kind === 'drawn' ? drawnShape(v.coefficients) : undefined;
  const r = v.kind === 'ellipse' ? v.r : 1;
  const norm = Math.sqrt((1 + r * r) / 2);
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    if (shape) {
      const p = drawnPoint(shape, t);
      x.push(p.a);
      y.push(p.b);
    } else {
      x.push(Math.cos(t) / norm);
      y.push((r * Math.sin(t)) / norm);
    }
  }
  return { x, y };
}

export function CurveDrawer({ curve }: { curve: string }) {
  const { setParams } = useLabActions();
  const canvas = useRef<HTMLCanvasElement>(null);
  const stroke = useRef<{ x: number[]; y: number[] } | undefined>(undefined);
  const [problem, setProblem] = useState<string>();
  const parsed = parseCurve(curve);
  const k = parsed.ok && parsed.value.kind !== 'none' ? parsed.value.k : DEFAULT_POINTS;

  /** Draw the current curve (scaled so that its largest coordinate fills 40 % of the side). */
  const drawCurrent = () => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.current!.width = SIDE * dpr;
    canvas.current!.height = SIDE * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, SIDE, SIDE);
    ctx.strokeStyle = '#bbb';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(SIDE / 2, 0);
    ctx.lineTo(SIDE / 2, SIDE);
    ctx.moveTo(0, SIDE / 2);
    ctx.lineTo(SIDE, SIDE / 2);
    ctx.stroke();
    const pts = shapePoints(curve, 256);
    if (!pts) return;
    const R = Math.max(...pts.x.map(Math.abs), ...pts.y.map(Math.abs));
    const s = (0.4 * SIDE) / R;
    ctx.strokeStyle = ROLE_COLOR.limit;
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    pts.x.forEach((x, i) => (i === 0 ? ctx.moveTo(SIDE / 2 + s * x, SIDE / 2 - s * pts.y[i]) : ctx.lineTo(SIDE / 2 + s * x, SIDE / 2 - s * pts.y[i])));
    ctx.closePath();
    ctx.stroke();
    ctx.fillStyle = OKABE_ITO.black;
    ctx.beginPath();
    ctx.arc(SIDE / 2 + s * pts.x[0], SIDE / 2 - s * pts.y[0], 4, 0, 2 * Math.PI);
    ctx.fill();
  };
  useEffect(drawCurrent, [curve]);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = point(e);
    stroke.current = { x: [p.x], y: [p.y] };
    const ctx = e.currentTarget.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, SIDE, SIDE);
    ctx.strokeStyle = ROLE_COLOR.mc;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    const s = stroke.current;
    if (!s) return;
    const p = point(e);
    s.x.push(p.x);
    s.y.push(p.y);
    const ctx = e.currentTarget.getContext('2d');
    ctx?.lineTo(p.x, p.y);
    ctx?.stroke();
  };
  const up = () => {
    const s = stroke.current;
    stroke.current = undefined;
    if (!s) return;
    // Screen y points down; the curve's second axis points up.
    const fit = fitDrawnCurve(s.x, s.y.map((y) => -y));
    if (!fit.ok) {
      setProblem(`This drawing makes no input curve: ${fit.reason}.`);
      drawCurrent();
      return;
    }
    setProblem(undefined);
    const value = formatCurve({ kind: 'drawn', k, coefficients: fit.value });
    if (value === curve) drawCurrent();
    else setParams({ curve: value });
  };

  return (
    <div className="curve-drawer" data-testid="curve-drawer">
      <canvas
        ref={canvas}
        width={SIDE}
        height={SIDE}
        style={{ width: SIDE, height: SIDE, touchAction: 'none', cursor: 'crosshair', border: '1px solid #999' }}
        role="img"
        aria-label={`The input curve (${curve}) in its plane; draw a closed curve here to replace it`}
        data-testid="curve-drawer-canvas"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={() => {
          stroke.current = undefined;
          drawCurrent();
        }}
      />
      <p className="panel-note">
        Draw a closed curve around the centre (the end joins the start): its first {DRAWN_HARMONICS_MAX} Fourier harmonics become the input curve: {k} points at equal steps of θ (about equal steps of the drawing's length), mean squared radius q₁ (the link keeps them as curve=drawn:{k}:…). Shown: the curve the networks receive, its first point (θ = 0) marked.
      </p>
      {problem && (
        <p className="panel-note" role="alert" data-testid="curve-drawer-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
