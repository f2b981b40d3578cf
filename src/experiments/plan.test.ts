/**
 * The cost model (issue 20 §2): what it refuses, which keys it names, what it states. No wall-clock
 * time is measured here (bench/costModel.ts measures the model's error); these tests check the
 * model's structure and that issue 20's inputs are refused or stated.
 */
import { describe, expect, it } from 'vitest';
import { costProfile, explicitFeatures, formatEstimate, gramFeatures, roundUpSeconds, simulationSeconds, type SimSize } from '../core/cost.ts';
import { CALIBRATION } from '../core/costCalibration.ts';
import { DEFAULT_SPEC, type Spec } from '../core/spec.ts';
import { decodeSpec } from '../url/codec.ts';
import { costContext, costIssues, DEFAULT_MAX_SECONDS, SLACK_SECONDS, estimateMaxSeconds, estimateRun, estimateRunSeconds, planSpec, theorySeconds } from './plan.ts';

const SWIFTSHADER = { name: 'webgpu', adapter: 'google swiftshader (SwiftShader driver 5.0.0)' } as const;
const spec = (query: string): Spec => {
  const d = decodeSpec(query);
  expect(d.issues).toEqual([]);
  return d.spec;
};

describe('cost model', () => {
  it('picks the profile from the backend and its adapter (SwiftShader is not a GPU)', () => {
    expect(costProfile('cpu')).toBe('cpu');
    expect(costProfile({ name: 'cpu', adapter: 'JavaScript (f64)' })).toBe('cpu');
    expect(costProfile(SWIFTSHADER)).toBe('webgpu-software');
    expect(costProfile({ name: 'webgpu', adapter: 'llvmpipe (LLVM 15)' })).toBe('webgpu-software');
    expect(costProfile({ name: 'webgpu', adapter: 'nvidia hopper' })).toBe('webgpu-hardware');
    expect(costProfile('webgpu')).toBe('webgpu-hardware'); // adapter not known yet: the optimistic estimate
  });

  it('the estimate is the sum of its parts and the theory, and grows with M, n, L and k', () => {
    // A width sweep draws no depth-profile networks (issue 14 §4): its own batches are the cost.
    const w = spec('view=width&n=256&L=64&M=100&nmin=8&nmax=512');
    const ew = estimateRun(w, 'cpu');
    expect(ew.parts.map((p) => p.keys[0])).toEqual(['nmax']);
    expect(ew.seconds).toBeCloseTo(ew.theorySeconds + ew.parts[0].seconds, 12);
    const s = spec('view=depth&n=256&L=64&M=100');
    const e = estimateRun(s, 'cpu');
    expect(e.parts.map((p) => p.keys[0])).toEqual(['M']);
    expect(e.seconds).toBeCloseTo(e.theorySeconds + e.parts[0].seconds, 12);
    expect(e.theorySeconds).toBeCloseTo(theorySeconds(s), 12);
    expect(estimateRunSeconds(s, 'cpu')).toBe(e.seconds);
    for (const key of ['M', 'n', 'L', 'k'] as const) {
      const more = { ...s, [key]: key === 'k' ? 8 : s[key] * 4 };
      expect(estimateRunSeconds(more, 'cpu'), key).toBeGreaterThan(e.seconds);
      expect(estimateMaxSeconds(more, 'cpu'), key).toBeGreaterThan(e.maxSeconds);
    }
  });

  it("the upper bound is the expected time × the grid's worst ratio × the stated headroom (costCalibration.ts)", () => {
    const s = spec('view=depth&n=256&L=64&M=100&act=tanh');
    const e = estimateRun(s, 'cpu');
    const cpu = CALIBRATION.profiles.cpu;
    expect(CALIBRATION.headroom).toBeGreaterThanOrEqual(1);
    expect(cpu.worstRatio).toBeGreaterThanOrEqual(1);
    expect(e.maxSeconds).toBeCloseTo(CALIBRATION.headroom * cpu.worstRatio * e.seconds + SLACK_SECONDS, 12);
    // On SwiftShader the theory (on the CPU) and the simulation have their own profile's ratio.
    const g = estimateRun(s, SWIFTSHADER);
    const sw = CALIBRATION.profiles['webgpu-software'];
    const sim = g.seconds - g.theorySeconds;
    expect(g.maxSeconds).toBeCloseTo(CALIBRATION.headroom * (cpu.worstRatio * g.theorySeconds + sw.worstRatio * sim) + SLACK_SECONDS, 12);
  });

  it('the cost depends on φ and the weight law where the engine does: transcendental φ per row, Haar-orthogonal reflectors', () => {
    const relu = estimateRun(spec('n=256&L=64&M=100&act=relu'), 'cpu');
    const tanh = estimateRun(spec('n=256&L=64&M=100&act=tanh'), 'cpu');
    expect(tanh.seconds - tanh.theorySeconds).toBeGreaterThan(relu.seconds - relu.theorySeconds);
    expect(costContext(spec('act=leaky:0.2'))).toEqual({ smoothPhi: false, orthogonal: false });
    // The shaped MLP runs its piecewise-linear φ_s whatever act says.
    expect(costContext(spec('arch=shaped&act=tanh')).smoothPhi).toBe(false);
    const gauss = estimateRun(spec('method=explicit&n=64&L=16&M=10'), 'cpu');
    const orth = estimateRun(spec('method=explicit&weights=orthogonal&n=64&L=16&M=10'), 'cpu');
    expect(orth.seconds).toBeGreaterThan(gauss.seconds);
  });

  it('CLI worker threads add their start-up and claim no speed-up (the bound holds on a busy machine too)', () => {
    const s = spec('n=1024&L=64&M=2000');
    const one = estimateRun(s, 'cpu');
    const four = estimateRun(s, 'cpu', { threads: 4 });
    expect(one.startSeconds).toBe(0);
    expect(four.startSeconds).toBeCloseTo(4 * CALIBRATION.threadStart, 12);
    expect(four.seconds).toBeCloseTo(one.seconds + four.startSeconds, 12);
    // Theory only (M = 0) starts no thread.
    expect(estimateRun(spec('M=0&L=100'), 'cpu', { threads: 4 }).startSeconds).toBe(0);
  });

  it('the limit applies to the upper bound: a run expected under it but possibly over it is refused, and says both', () => {
    const s = spec('n=1024&L=64&M=2000&backend=cpu');
    const e = estimateRun(s, 'cpu');
    expect(e.maxSeconds).toBeGreaterThan(e.seconds);
    const limit = (e.seconds + e.maxSeconds) / 2;
    const issues = costIssues(s, 'cpu', { maxSeconds: limit });
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/expected to take about [\d.]+ s, at most [\d.]+ s on the CPU backend, and the upper bound is over the limit/);
    expect(costIssues(s, 'cpu', { maxSeconds: e.maxSeconds * 1.01 })).toEqual([]);
  });

  it('a stated upper bound is rounded up, never down', () => {
    for (const x of [0.0123, 0.999, 1.01, 7.31, 9.99, 10.01, 123.4, 5e4]) {
      expect(roundUpSeconds(x), String(x)).toBeGreaterThanOrEqual(x);
      expect(roundUpSeconds(x), String(x)).toBeLessThan(x * 1.11);
    }
    expect(roundUpSeconds(7.31)).toBeCloseTo(7.4, 12);
    expect(formatEstimate(3.04, 7.31)).toBe('about 3 s, at most 7.4 s');
  });

  it('fixed costs per network-layer are in the model: n = 1 costs per layer, not per operation', () => {
    // M=100000&L=10000&n=1 is 3.6e10 "operations" (under the old 2e11 budget) but 10⁹ network-layers.
    const size: SimSize = { method: 'gram', n: 1, L: 10000, k: 2, M: 100000, recorded: 255 };
    const cpu = CALIBRATION.profiles.cpu;
    expect(gramFeatures(size).networkLayer).toBe(1e9);
    expect(cpu.gram.networkLayer).toBeGreaterThan(0);
    expect(simulationSeconds(size, cpu)).toBeGreaterThanOrEqual(gramFeatures(size).networkLayer * cpu.gram.networkLayer);
    // The explicit method's first layer has fan-in d = 1024.
    expect(explicitFeatures({ ...size, method: 'explicit', L: 1, M: 1, n: 4 }).weight).toBe(4 * 1024);
  });

  it('refuses M=100000&L=10000&n=1 on the CPU, naming M and stating the expected seconds (issue 20 §2)', () => {
    const issues = costIssues(spec('M=100000&L=10000&n=1&backend=cpu'), 'cpu');
    expect(issues).toHaveLength(1);
    expect(issues[0].key).toBe('M');
    expect(issues[0].message).toMatch(new RegExp(`^M=100000: this run is expected to take about \\d+ s .*, at most \\d+ s .* over the limit of ${DEFAULT_MAX_SECONDS} s`));
    expect(issues[0].message).toMatch(/--max-seconds S or --allow-long/);
    // n = 1 cannot be reduced: the message suggests M or L only.
    expect(issues[0].message).toMatch(/reduce M or L,/);
    // Allowed with the limit raised; never silently.
    expect(costIssues(spec('M=100000&L=10000&n=1&backend=cpu'), 'cpu', { maxSeconds: Infinity })).toEqual([]);
  });

  it('refuses n=65536&L=10000&M=1000 on a software adapter (SwiftShader), with the adapter named', () => {
    const s = spec('n=65536&L=10000&M=1000&backend=webgpu');
    const issues = costIssues(s, SWIFTSHADER);
    expect(issues.map((i) => i.key)).toEqual(['M']);
    expect(issues[0].message).toMatch(/software WebGPU adapter \(SwiftShader/);
    expect(estimateRunSeconds(s, SWIFTSHADER)).toBeGreaterThan(estimateRunSeconds(s, { name: 'webgpu', adapter: 'nvidia hopper' }));
  });

  it('states the per-layer cost of a deep narrow net on SwiftShader (act=relu&L=10000&M=20&n=16 ran > 150 s)', () => {
    const s = spec('act=relu&L=10000&M=20&n=16&backend=webgpu');
    const e = estimateRun(s, SWIFTSHADER);
    // Per network-layer and per dispatched layer terms carry most of it, not the rows.
    const size = planSpec(s).sizes[0];
    const c = CALIBRATION.profiles['webgpu-software'].gram;
    const fixed = gramFeatures(size).networkLayer * c.networkLayer + gramFeatures(size).layer * c.layer;
    expect(fixed).toBeGreaterThan(0.5 * (e.seconds - e.theorySeconds));
    // With a 30 s limit (the page asks before such runs) it is refused and names the driving keys.
    const issues = costIssues(s, SWIFTSHADER, { maxSeconds: 30 });
    expect(issues[0].message).toMatch(/reduce M or n or L/);
  });

  it('a commutation map is refused naming nmax and Lmax, not "M, n or L"', () => {
    const s = spec('view=commute&nmin=4&nmax=65536&Lmin=1&Lmax=10000&M=100&n=8&L=4&backend=cpu');
    const issues = costIssues(s, 'cpu');
    expect(issues[0].key).toBe('nmax');
    expect(issues[0].message).toMatch(/commutation map's networks \(nmax=65536, Lmax=10000, M=100/);
    expect(issues[0].message).toMatch(/reduce nmax or Lmax or M/);
    // The map is what costs (it draws no depth-profile networks).
    expect(estimateRun(s, 'cpu').parts.map((p) => p.keys)).toEqual([['nmax', 'Lmax', 'M']]);
  });

  it('weights only the CPU implements are estimated on the CPU even with backend=webgpu', () => {
    const s = spec('method=explicit&weights=orthogonal&n=256&L=8&M=10&backend=webgpu');
    expect(estimateRun(s, 'webgpu').profile).toBe('cpu');
    expect(estimateRun({ ...s, weights: 'rademacher' }, 'webgpu').profile).toBe('webgpu-hardware');
  });

  it('theory time: quadrature costs more per layer than a closed form, the NTK doubles it, the phase grid adds grid²', () => {
    const relu = theorySeconds({ ...DEFAULT_SPEC, act: 'relu', L: 10000 });
    const tanh = theorySeconds({ ...DEFAULT_SPEC, act: 'tanh', L: 10000 });
    expect(tanh).toBeGreaterThan(relu);
    const perRun = CALIBRATION.theory.run;
    expect(theorySeconds({ ...DEFAULT_SPEC, act: 'tanh', L: 10000, ntk: true }) - perRun).toBeCloseTo(2 * (tanh - perRun), 12);
    // The three-limits view computes three profiles and the ResNet ODE.
    expect(theorySeconds({ ...DEFAULT_SPEC, act: 'tanh', L: 10000, view: 'contrast' })).toBeCloseTo(perRun + CALIBRATION.theory.fixed + 3 * (tanh - perRun), 12);
    const phase = theorySeconds({ ...DEFAULT_SPEC, view: 'phase', grid: 201, L: 1 }) - theorySeconds({ ...DEFAULT_SPEC, L: 1 });
    expect(phase).toBeCloseTo(201 * 201 * CALIBRATION.theory.phasePoint, 12);
  });

  it('every lesson-sized default runs well within the limit on the CPU', () => {
    expect(estimateRunSeconds(DEFAULT_SPEC, 'cpu')).toBeLessThan(DEFAULT_MAX_SECONDS / 10);
  });

  it('the calibration is one table with every profile, positive where measured, and says where it was measured', () => {
    expect(Object.keys(CALIBRATION.profiles).sort()).toEqual(['cpu', 'webgpu-hardware', 'webgpu-software']);
    expect(CALIBRATION.measuredOn.length).toBeGreaterThan(0);
    for (const p of Object.values(CALIBRATION.profiles)) {
      for (const v of [...Object.values(p.gram), ...Object.values(p.explicit)]) expect(v).toBeGreaterThanOrEqual(0);
      // Each method has at least one per-size term (an estimate that ignored the size would be wrong).
      expect(p.gram.row + p.gram.rowPair).toBeGreaterThan(0);
      expect(p.explicit.weight + p.explicit.weightInput).toBeGreaterThan(0);
    }
  });
});
