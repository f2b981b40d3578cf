import { describe, expect, it } from 'vitest';
import { decodeSpec } from '../../src/url/codec.ts';
import { PARAM_BY_KEY } from '../../src/core/spec.ts';
import { LESSONS } from '../presets.ts';
import { lessonOf, neighbours } from './lesson.ts';
import { runKeyOf } from './pageKeys.ts';

describe('lessons on the page', () => {
  it('recognises each lesson by its experiment, whatever the page-only keys', () => {
    for (const l of LESSONS) {
      for (const extra of ['', '&proj=1', '&embed=1', '&predict=1', '&proj=1&embed=1']) {
        expect(lessonOf(decodeSpec(l.url + extra).spec)?.id, l.id + extra).toBe(l.id);
      }
    }
    expect(lessonOf(decodeSpec('L=7&n=33').spec)).toBeUndefined();
  });

  it('every lesson has numbered steps and names only controls that exist', () => {
    for (const l of LESSONS) {
      expect(l.steps.length, l.id).toBeGreaterThan(0);
      expect(l.controls.length, l.id).toBeGreaterThan(0);
      for (const k of l.controls) expect(PARAM_BY_KEY.has(k), `${l.id}: ${k}`).toBe(true);
    }
  });

  it('links each lesson to the previous and next one in menu order', () => {
    const ids = LESSONS.map((l) => l.id);
    expect(neighbours(ids[0]).previous).toBeUndefined();
    expect(neighbours(ids[0]).next?.id).toBe(ids[1]);
    expect(neighbours(ids[ids.length - 1]).next).toBeUndefined();
    expect(neighbours(ids[2]).previous?.id).toBe(ids[1]);
  });

  it('embed, like proj and predict, never enters the run key (no rerun, same experiment)', () => {
    const spec = decodeSpec('L=7&M=30').spec;
    expect(runKeyOf({ ...spec, embed: true })).toBe(runKeyOf(spec));
    expect(runKeyOf({ ...spec, embed: true, proj: true, predict: true })).toBe(runKeyOf(spec));
  });
});
