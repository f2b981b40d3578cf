import { describe, expect, it } from 'vitest';
import { PARAM_BY_KEY, VIEWS } from '../src/core/spec.ts';
import { costIssues } from '../src/experiments/plan.ts';
import { decodeSpec } from '../src/url/codec.ts';
import { LESSONS, TOPICS } from './presets.ts';
import { ASK_ABOVE_SECONDS, estimateRun } from './state/runEstimate.ts';

describe('lessons (app/presets.ts)', () => {
  it('every lesson link is accepted whole by the URL codec, with nothing migrated or dropped', () => {
    for (const lesson of LESSONS) {
      const decoded = decodeSpec(lesson.url);
      expect(decoded.issues, lesson.id).toEqual([]);
      expect(decoded.notes, lesson.id).toEqual([]);
      // Every key of the link reaches the spec (a typo would be an issue above; a default would be dropped silently).
      for (const [key, value] of new URLSearchParams(lesson.url)) {
        const param = PARAM_BY_KEY.get(key)!;
        expect(param.format((decoded.spec as unknown as Record<string, never>)[key]), `${lesson.id}: ${key}`).toBe(value);
      }
    }
  });

  it('every lesson runs on the CPU backend (the planner does not refuse it)', () => {
    for (const lesson of LESSONS) expect(costIssues(decodeSpec(lesson.url).spec, 'cpu'), lesson.id).toEqual([]);
  });

  it("no lesson or default view asks 'Run it?': the cost model's upper bound stays under the page's threshold", () => {
    // The model's statement, not a measured time (bench/defaultsTime.ts measures the runs).
    for (const query of [...LESSONS.map((l) => l.url), ...VIEWS.map((v) => `view=${v}`)]) {
      expect(estimateRun(decodeSpec(query).spec).maxSeconds, query).toBeLessThan(ASK_ABOVE_SECONDS);
    }
  });

  it("the training lessons (issue 17 §5) finish within 15 s on a 2-core CPU by the cost model's upper bound", () => {
    const training = LESSONS.filter((l) => l.topic === 'training');
    expect(training.map((l) => l.id).sort()).toEqual(['kernel-machine', 'mup-transfer']);
    for (const l of training) expect(estimateRun(decodeSpec(l.url).spec).maxSeconds, l.id).toBeLessThanOrEqual(15);
  });

  it('ids are unique, views exist, papers link to arXiv', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) {
      expect(VIEWS).toContain(decodeSpec(l.url).spec.view);
      expect(l.paper.href).toMatch(/^https:\/\/arxiv\.org\/abs\/\d{4}\.\d{5}$/);
      expect(l.question.endsWith('?') || l.question.endsWith('Predict it first.')).toBe(true);
      expect(l.claim.length).toBeGreaterThan(40);
    }
  });

  it('covers the eight lessons of issue 7, each topic, and offers predict-then-reveal', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(8);
    for (const id of ['nngp', 'relu-he', 'edge-of-chaos', 'branch-scaling', 'commute-mlp-resnet', 'fixed-width-3-vs-4', 'shaped-sde', 'finite-l-over-n']) {
      expect(LESSONS.map((l) => l.id)).toContain(id);
    }
    for (const topic of TOPICS) expect(LESSONS.some((l) => l.topic === topic), topic).toBe(true);
    const predicting = LESSONS.filter((l) => decodeSpec(l.url).spec.predict);
    expect(predicting.length).toBeGreaterThanOrEqual(2);
  });

  it('the commutation lesson compares the MLP with the ResNets on a grid with a proportional diagonal', () => {
    const commute = LESSONS.find((l) => l.id === 'commute-mlp-resnet')!;
    const spec = decodeSpec(commute.url).spec;
    expect(spec).toMatchObject({ view: 'commute', act: 'relu', sw2: 2, obs: 'logq', stat: 'sd' });
    // Square-ish log grid: at least 7 widths and depths.
    expect(Math.log2(spec.nmax / spec.nmin)).toBeGreaterThanOrEqual(6);
    expect(Math.log2(spec.Lmax / spec.Lmin)).toBeGreaterThanOrEqual(6);
  });
});
