/**
 * The critical line χ₁ = 1 of the phase diagram (phaseDiagram.ts) by both root finders of
 * theory/criticality.ts: criticalSw2 (Brent on σw² ↦ χ₁(q*(σw²)) − 1, q* the attracting fixed point
 * of the length map reached from q = 1) and criticalSw2ByQ (Illinois on one equation in q). The
 * second solves χ₁ = 1 at *any* fixed point of the length map; where that fixed point is repelling
 * (𝒱'(q) > 1, e.g. silu, gelu at small σb²) the network never reaches it, so it is flagged and left
 * out of the agreement of the two methods.
 */
import type { Activation } from '../core/activations.ts';
import { criticalSw2, criticalSw2ByQ, lengthMapSlope } from '../theory/criticality.ts';
import type { Precision } from '../theory/dual.ts';

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

export interface CriticalLine {
  readonly sb2: number[];
  /** criticalSw2 (method 1); null where it finds no root (reason in `notes`). */
  readonly sw2: (number | null)[];
  /** criticalSw2ByQ (method 2); null where it finds no root. */
  readonly sw2ByQ: (number | null)[];
  /** q* on the line (method 2's root; method 1's where only it succeeds). */
  readonly qStar: (number | null)[];
  /** Where method 2's root is a repelling fixed point of the length map (χ_q > 1): not the edge of chaos of the network. */
  readonly byQRepelling: boolean[];
  /** max |method 1 − method 2| over σb² where both succeed on an attracting fixed point. */
  readonly maxDisagreement: number;
  readonly agreeingPoints: number;
}

/** The critical line on `count` σb² values in [0, sb2max], both methods. */
export function criticalLine(act: Activation, sb2max: number, count: number, precision: Precision = 'exact'): { line: CriticalLine; reasons: string[] } {
  const line = { sb2: [] as number[], sw2: [] as (number | null)[], sw2ByQ: [] as (number | null)[], qStar: [] as (number | null)[], byQRepelling: [] as boolean[], maxDisagreement: 0, agreeingPoints: 0 };
  const reasons = new Set<string>();
  for (let j = 0; j < count; j++) {
    const sb2 = (sb2max * j) / (count - 1);
    const m1 = criticalSw2(act, sb2, { precision });
    const m2 = criticalSw2ByQ(act, sb2, { precision });
    // Method 2 solves χ₁ = 1 at any fixed point of the length map; the network sees the attracting
    // one (method 1). A repelling root (𝒱'(q) > 1, e.g. silu) is kept but flagged.
    const repelling = m2.ok && Number.isFinite(m2.qStar) && lengthMapSlope(act, m2.sw2, m2.qStar, precision) > 1 + 1e-9;
    line.sb2.push(sb2);
    line.sw2.push(m1.ok ? m1.sw2 : null);
    line.sw2ByQ.push(m2.ok ? m2.sw2 : null);
    line.qStar.push(m2.ok ? orNull(m2.qStar) : m1.ok ? orNull(m1.qStar) : null);
    line.byQRepelling.push(repelling);
    if (!m1.ok) reasons.add(m1.reason.replace(/σb² = [^ ]+/, 'σb² = …'));
    if (m1.ok && m2.ok && !repelling) {
      line.maxDisagreement = Math.max(line.maxDisagreement, Math.abs(m1.sw2 - m2.sw2));
      line.agreeingPoints++;
    }
  }
  return { line, reasons: [...reasons] };
}

