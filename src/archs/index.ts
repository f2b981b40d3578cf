/**
 * The architecture registry (issue 15 §1): every value of the `arch` key and its module
 * (types.ts). Code outside src/archs/ asks the module for what depends on the architecture,
 * never compares `spec.arch` with an id.
 *
 * Adding an architecture (docs/DESIGN.md, "How to add an architecture"): write
 * src/archs/<id>/spec.ts (URL keys, validation) and src/archs/<id>/index.ts (the ArchModule), then
 * add one line to archs/specs.ts and one line here.
 */
import type { Arch, Spec } from '../core/spec.ts';
import { specActivation } from '../core/activations.ts';
import { mlpModule } from './mlp/index.ts';
import { resnetModule } from './resnet/index.ts';
import { shapedModule } from './shaped/index.ts';
import { cresnetModule } from './cresnet/index.ts';
import { attentionModule, shapedAttnModule } from './attention/index.ts';
import { shapedTxModule } from './shapedtx/index.ts';
import { specWeights } from './denseChain.ts';
import { ARCH_SPECS } from './specs.ts';
import type { ArchModule, ResolvedSpec } from './types.ts';

export type { ArchModule, ArchSpecModule, NetworkModel, ResolvedSpec, LayerRecorder, CpuNetwork, Checkpoint } from './types.ts';

/** Every architecture, in the order of the `arch` values. */
export const ARCH_MODULES: readonly ArchModule<unknown, Arch>[] = [mlpModule, resnetModule, shapedModule, attentionModule, shapedAttnModule, cresnetModule, shapedTxModule] as readonly ArchModule<unknown, Arch>[];

const byId = new Map<string, ArchModule<unknown, Arch>>(ARCH_MODULES.map((m) => [m.id, m]));

// Each declaration in specs.ts has its module here, and no module lacks one (checked at load, so a
// half-registered architecture fails every test at once).
for (const s of ARCH_SPECS) if (!byId.has(s.id)) throw new Error(`archs/index.ts: arch '${s.id}' is declared in specs.ts but has no module`);
if (ARCH_MODULES.length !== ARCH_SPECS.length) throw new Error('archs/index.ts: a module is registered without its declaration in specs.ts');

/** The module of an architecture id; throws on an unknown id (a validated spec always has a known one). */
export function archModule(id: string): ArchModule<unknown, Arch> {
  const m = byId.get(id);
  if (!m) throw new RangeError(`unknown architecture '${id}'; allowed: ${ARCH_MODULES.map((a) => a.id).join(', ')}`);
  return m;
}

/** The module of a spec's architecture. */
export function archOf(spec: Pick<Spec, 'arch'>): ArchModule<unknown, Arch> {
  return archModule(spec.arch);
}

/** Resolutions by spec object: a spec is immutable (Readonly everywhere), so each is resolved once. */
const resolved = new WeakMap<Spec, ResolvedSpec>();

/**
 * The spec resolved once into typed objects: φ of `act`, the weight law, the architecture and its
 * parameters (a validated spec; memoised per spec object, so every consumer shares one resolution).
 */
export function resolveSpec(spec: Spec): ResolvedSpec {
  const hit = resolved.get(spec);
  if (hit) return hit;
  const arch = archOf(spec);
  const r: ResolvedSpec = { spec, activation: specActivation(spec), weights: specWeights(spec), arch, params: arch.resolve(spec) };
  resolved.set(spec, r);
  return r;
}

/** The first architecture whose networks a view shows (for "choose arch=…" fixes), if any. */
export function archForView(view: Spec['view']): ArchModule<unknown, Arch> | undefined {
  return ARCH_MODULES.find((m) => m.views.includes(view));
}
