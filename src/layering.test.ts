/**
 * The engine's layers (docs/DESIGN.md, "Layers"), checked on the import statements of every
 * non-test source in src/ (type-only imports included):
 *
 *   core (and the architectures' URL declarations) → theory, url → archs → backends → experiments
 *
 * A file may import its own layer and the layers before it, never one after it: core imports no
 * theory, theory imports no experiments, backends import no experiments. Test harnesses and test
 * data live in test/, not in src/ (no non-test source in src/ imports vitest).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** Rank of a file under src/ (lower ranks may not import higher ones); undefined: outside src/. */
export function layerOf(file: string): number | undefined {
  if (!file.startsWith('src/')) return undefined;
  const rest = file.slice('src/'.length);
  // The architectures' declarations are read by the URL schema: they sit with core/.
  if (/^archs\/(specs|specTypes|ntkRefusal)\.ts$/.test(rest) || /^archs\/[^/]+\/spec\.ts$/.test(rest)) return 0;
  // The `curve` key's declaration (issue 18) likewise, with the drawn curve's code it validates; the rest
  // of geometry/ runs networks and builds result blocks.
  if (rest === 'geometry/curveSpec.ts' || rest === 'geometry/drawnCurve.ts') return 0;
  const top = rest.split('/')[0];
  const rank: Record<string, number> = { core: 0, 'version.ts': 0, forbidden: 0, theory: 1, url: 1, archs: 2, backends: 3, experiments: 4, geometry: 4 };
  return rank[top];
}

const LAYER_NAME = ['core', 'theory/url', 'archs', 'backends', 'experiments'];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** Module specifiers of every import/export … from '…' statement. */
export function importsOf(text: string): string[] {
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

function violations(): string[] {
  const out: string[] = [];
  for (const path of sources(join(ROOT, 'src'))) {
    const file = relative(ROOT, path).replaceAll('\\', '/');
    const from = layerOf(file);
    for (const spec of importsOf(readFileSync(path, 'utf8'))) {
      if (spec === 'vitest') out.push(`${file} imports vitest: test harnesses belong in test/`);
      if (!spec.startsWith('.')) continue;
      const target = normalize(join(dirname(file), spec)).replaceAll('\\', '/');
      const to = layerOf(target);
      if (target.startsWith('test/')) out.push(`${file} imports ${target}: src/ never imports test code`);
      if (from !== undefined && to !== undefined && to > from) out.push(`${file} (${LAYER_NAME[from]}) imports ${target} (${LAYER_NAME[to]})`);
    }
  }
  return out;
}

describe('layering of src/', () => {
  it('ranks the layers as documented, and reads imports of every form', () => {
    expect(layerOf('src/core/activations.ts')).toBe(0);
    expect(layerOf('src/archs/resnet/spec.ts')).toBe(0);
    expect(layerOf('src/archs/resnet/index.ts')).toBe(2);
    expect(layerOf('src/theory/nngp.ts')).toBeLessThan(layerOf('src/experiments/result.ts')!);
    expect(layerOf('src/backends/model.ts')).toBeLessThan(layerOf('src/experiments/runLab.ts')!);
    expect(importsOf("import type { A } from '../x.ts';\nexport { B } from './y.ts';\nimport {\n  c,\n} from '../z.ts';")).toEqual(['../x.ts', './y.ts', '../z.ts']);
  });

  it('no file imports a later layer, test code or vitest', () => {
    expect(violations()).toEqual([]);
  });
});
