/**
 * Issue 17's acceptance through the real command (DESIGN.md §5.3 blocks): the coord check's fitted
 * slopes within ±0.1 of docs/training.md Table 2 (typed in here, not read from exponents.ts), and
 * the NTK regime's distance slope within ±0.15 of −½ with µP not approaching the prediction. The
 * settings are docs/training.md §4 and §7's; on a quiet 2-core machine each run takes about 4 s.
 */
import { describe, expect, it } from 'vitest';
import { cli } from './cliHarness.ts';

async function run(query: string): Promise<Record<string, any>> {
  const r = await cli(['run', query, '--backend', 'cpu'], { timeout: 300_000 });
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

/** docs/training.md Table 2 (SGD, one step, L ≥ 2): exponents of mean|Δh¹|, mean|Δh²…|, |Δf|. */
const TABLE2_SGD: Record<string, number[]> = { sp: [-0.5, 0.5, 1], ntk: [-0.5, -0.5, 0], mup: [0, 0, 0], mf: [0, 0, 0] };

describe('limits-lab run view=coord', () => {
  it('acceptance: MLP, SGD, one step, widths 64…1024 on the CPU — every fitted slope within ±0.1 of Table 2', { timeout: 300_000 }, async () => {
    // docs/training.md §4's setting (tanh, σw² = 1, 8 inputs, 6 coupled nets); the link's auto η and targets.
    const j = await run('view=coord&act=tanh&sw2=1&nmin=64&nmax=1024&nets=6&ntrain=8&steps=1&param=sp,ntk,mup,mf');
    expect(j.coord.widths).toEqual([64, 128, 256, 512, 1024]);
    for (const p of j.coord.params) {
      const slopes = p.slopes[0].map((f: { slope: number }) => f.slope);
      TABLE2_SGD[p.param].forEach((e, l) => expect(Math.abs(slopes[l] - e), `${p.param} ${j.coord.layers[l]}: ${slopes[l]}`).toBeLessThan(0.1));
      // The errors are what makes ±0.1 meaningful: a wrong exponent (gaps ≥ ½) is > 10 SE away.
      for (const f of p.slopes[0]) expect(f.se).toBeLessThan(0.04);
    }
  });
});

describe('limits-lab run view=ntkreg', () => {
  it('acceptance: under NTK parametrisation the distance to the kernel prediction falls like n^−½ (±0.15); µP does not approach it; mean-field is listed as not applicable', { timeout: 300_000 }, async () => {
    // docs/training.md §7's setting: tanh, σw² = 1, 8 inputs, 10 steps at η = 1, 8 coupled nets, widths 64…512.
    const j = await run('view=ntkreg&act=tanh&sw2=1&nmin=64&nmax=512&nets=8&steps=10&ntrain=8&lr=1&param=ntk,mup,mf');
    const b = j.ntkreg;
    expect(b.widths).toEqual([64, 128, 256, 512]);
    expect(b.theoryDistanceExponent).toBe(-0.5);
    const [ntk, mup, mf] = b.params;
    expect(Math.abs(ntk.distanceSlope.slope - -0.5)).toBeLessThan(0.15);
    // µP levels off: its slope is far above −½ (measured −0.13 ± 0.03), by many standard errors.
    expect(mup.distanceSlope.slope - -0.5).toBeGreaterThan(4 * mup.distanceSlope.se);
    expect(mf.unavailable).toMatch(/c ≠ 0/);
    expect(mf.loss).toEqual([]);
    expect(b.predictedLoss).toHaveLength(11);
  });
});

