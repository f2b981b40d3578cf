/**
 * Migrations of old URL schema versions to the current one (SPEC_VERSION). Each entry rewrites the
 * raw key/value map of version `from` into version `from + 1` and explains what it changed, so that
 * an old link keeps reproducing its experiment and the page can say so.
 */
import type { SpecIssue } from '../core/spec.ts';

export interface Migration {
  readonly from: number;
  readonly describe: string;
  apply(raw: Map<string, string>): { notes: string[]; issues: SpecIssue[] };
}

/**
 * A migration for a changed default: a link of the old version that left `key` out relied on the
 * old default, so it gets that value written out (the link keeps meaning what it meant).
 */
export function oldDefaults(from: number, defaults: Readonly<Record<string, string>>, why: string): Migration {
  const listed = Object.entries(defaults).map(([k, v]) => `${k}=${v}`).join(', ');
  return {
    from,
    describe: `the defaults of ${listed} changed (${why}); this link keeps them`,
    apply(raw) {
      for (const [key, value] of Object.entries(defaults)) if (!raw.has(key)) raw.set(key, value);
      return { notes: [], issues: [] };
    },
  };
}

/** Registered migrations, by source version. */
export const MIGRATIONS: readonly Migration[] = [
  // v1 → v2 (issue 14 §4): smaller default grids so that the commutation map's default runs in
  // seconds on a CPU (it took minutes at n ≤ 1024, L ≤ 256).
  oldDefaults(1, { nmax: '1024', Lmax: '256' }, 'so that every default view runs in seconds on a CPU'),
];

export function migrate(
  version: number,
  target: number,
  raw: Map<string, string>,
  registry: readonly Migration[] = MIGRATIONS,
): { notes: string[]; issues: SpecIssue[] } {
  const notes: string[] = [];
  const issues: SpecIssue[] = [];
  for (let v = version; v < target; v++) {
    const m = registry.find((x) => x.from === v);
    if (!m) {
      issues.push({ key: 'v', value: String(version), message: `v=${version} cannot be migrated: no migration from v${v} to v${v + 1} is known; allowed: v in [${target}, ${target}]` });
      return { notes, issues };
    }
    const r = m.apply(raw);
    notes.push(`migrated this link from schema v${v} to v${v + 1}: ${m.describe}`, ...r.notes);
    issues.push(...r.issues);
  }
  return { notes, issues };
}
