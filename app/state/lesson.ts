/**
 * Which lesson a spec belongs to: a lesson is recognised by its experiment (the query without the
 * page-only keys), so `?<lesson url>&proj=1` or `&embed=1` is the same lesson. The page keeps the
 * lesson it was opened with while the class follows its steps (labStore.lessonId), until the banner
 * is closed.
 */
import type { Spec } from '../../src/core/spec.ts';
import { decodeSpec, encodeSpec } from '../../src/url/codec.ts';
import { LESSONS, type Lesson } from '../presets.ts';
import { experimentOf } from './pageKeys.ts';

const BY_EXPERIMENT = new Map(LESSONS.map((l) => [encodeSpec(experimentOf(decodeSpec(l.url).spec)), l]));

export function lessonOf(spec: Spec): Lesson | undefined {
  return BY_EXPERIMENT.get(encodeSpec(experimentOf(spec)));
}

export function lessonById(id: string | undefined): Lesson | undefined {
  return id === undefined ? undefined : LESSONS.find((l) => l.id === id);
}

/** The lessons before and after this one in the menu's order. */
export function neighbours(id: string): { previous?: Lesson; next?: Lesson } {
  const i = LESSONS.findIndex((l) => l.id === id);
  if (i < 0) return {};
  return { previous: LESSONS[i - 1], next: LESSONS[i + 1] };
}
