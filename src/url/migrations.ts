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

/** Registered migrations, by source version. */
export const MIGRATIONS: readonly Migration[] = [];

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
