/**
 * Predict, then reveal (spec.predict): the question above the target plot with the Reveal button,
 * and the guess marker over the plot. The marker moves with the pointer (click or drag anywhere in
 * the plot area) or the keyboard (↑/↓, Page Up/Down, Home/End on the focused marker); Reveal shows
 * the Monte Carlo with the guess drawn beside it and says how far off it was.
 */
import type { KeyboardEvent, PointerEvent } from 'react';
import { axisScale, type PlotGeometry } from '../plots/geometry.ts';
import { useLabActions } from '../state/useLab.ts';
import type { PredictionRound } from '../views/usePrediction.ts';

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));

export function PredictionBar({ round }: { round: PredictionRound }) {
  const { reveal } = useLabActions();
  const { guess, revealed, answer } = round;
  let outcome = '';
  if (revealed && answer && guess !== undefined) {
    const inside = answer.lo !== undefined && answer.hi !== undefined && guess >= answer.lo && guess <= answer.hi;
    const spread = answer.lo !== undefined && answer.hi !== undefined ? ` (${answer.spread}: ${fmt(answer.lo)} to ${fmt(answer.hi)})` : '';
    outcome = `Your guess ${fmt(guess)}; the networks: ${fmt(answer.value)}${spread}. ${inside ? 'Your guess is inside that range.' : 'Your guess is outside that range: why?'}`;
  }
  return (
    <div className="prediction-bar" data-testid="prediction" data-state={revealed ? 'revealed' : guess === undefined ? 'waiting' : 'placed'}>
      {!revealed ? (
        <>
          <p>
            <strong>Predict first.</strong> Where will {round.question} land? Click or drag on the plot (or focus the marker and use ↑/↓), then reveal the networks.
          </p>
          <button type="button" className="reveal" data-testid="reveal" disabled={guess === undefined} onClick={reveal}>
            {guess === undefined ? 'Place a guess to reveal' : `Reveal (guess ${fmt(guess)})`}
          </button>
        </>
      ) : (
        <p data-testid="prediction-outcome">{answer ? outcome : 'Revealed: the networks appear when they are sampled…'}</p>
      )}
    </div>
  );
}

export function PredictionOverlay({ round, geometry }: { round: PredictionRound; geometry: PlotGeometry }) {
  const { placeGuess } = useLabActions();
  const y = axisScale(geometry.y, geometry.height, true);
  const x = axisScale(geometry.x, geometry.width, false);
  const [lo, hi] = round.range;
  const clamp = (v: number) => Math.min(hi, Math.max(lo, v));
  const placed = round.guess !== undefined;
  const value = round.guess ?? (lo + hi) / 2;
  const py = y(clamp(value));
  const px = Math.min(geometry.width, Math.max(0, x(round.x)));

  const fromPointer = (e: PointerEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    placeGuess(Number(clamp(y.invert(e.clientY - rect.top)).toPrecision(3)));
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = (hi - lo) / 100;
    const moves: Record<string, number> = { ArrowUp: step, ArrowRight: step, ArrowDown: -step, ArrowLeft: -step, PageUp: 10 * step, PageDown: -10 * step };
    let next: number | undefined;
    if (e.key in moves) next = value + moves[e.key];
    else if (e.key === 'Home') next = lo;
    else if (e.key === 'End') next = hi;
    if (next === undefined) return;
    e.preventDefault();
    placeGuess(Number(clamp(next).toPrecision(3)));
  };
  return (
    <div
      className="prediction-overlay"
      data-testid="prediction-area"
      style={{ left: geometry.left, top: geometry.top, width: geometry.width, height: geometry.height }}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        fromPointer(e);
      }}
      onPointerMove={(e) => {
        if (e.currentTarget.hasPointerCapture(e.pointerId)) fromPointer(e);
      }}
    >
      {placed && <div className="prediction-line" style={{ top: py }} />}
      <div
        className={placed ? 'prediction-marker' : 'prediction-marker prediction-marker-ghost'}
        data-testid="prediction-marker"
        role="slider"
        tabIndex={0}
        aria-label={`Your guess: ${round.question}`}
        aria-valuemin={Number(lo.toPrecision(3))}
        aria-valuemax={Number(hi.toPrecision(3))}
        aria-valuenow={Number(value.toPrecision(3))}
        aria-valuetext={placed ? fmt(value) : 'not placed yet'}
        style={{ left: px, top: py }}
        onKeyDown={onKey}
      />
      {!placed && (
        <span className="prediction-hint" style={{ top: Math.max(4, py - 44) }}>
          click or drag to place your guess
        </span>
      )}
    </div>
  );
}
