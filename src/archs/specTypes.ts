/**
 * An architecture's declaration for the URL schema (types.ts has the whole module). It lives apart
 * because the schema (core/spec.ts) reads the declarations: they import core/ only.
 */
import type { Param } from '../core/params.ts';
import type { Spec, SpecIssue } from '../core/spec.ts';
import type { ViewSpec } from '../core/views.ts';

/**
 * What the URL schema needs to know about an architecture: imports core/ only (core/spec.ts reads
 * it to build PARAMS, so it must not pull the theory in).
 */
export interface ArchSpecModule<Id extends string = string> {
  /** The value of the `arch` URL key (a contract: never renamed). */
  readonly id: Id;
  /** Short name for the page and messages ("MLP", "ResNet", "shaped MLP"). */
  readonly label: string;
  /** One sentence with the paper, for --help and the arch selector's tooltip. */
  readonly doc: string;
  /**
   * URL keys this architecture owns (schema entries: key, label, doc, default, range, message).
   * Their defaults must keep old links' numbers: a new key is read only by this architecture.
   */
  readonly params: readonly Param[];
  /**
   * The Network group's keys this architecture's network reads (the controls shown while it is
   * chosen), among act, n, L, sw2, sb2, weights and its own `params`: e.g. resnet ['act', 'n', 'L',
   * 'sw2', 'sb2', 'alpha', 'weights']. Network keys not listed are hidden (unless the view asks for
   * them); keys of other groups (k, M, …) are always shown.
   */
  readonly controls: readonly (keyof Spec & string)[];
  /**
   * Views of this architecture's own (declared like core/views.ts CORE_VIEW_SPECS; appended to the
   * `view` values). Their ids also extend ArchViewId (specTypes.ts) for the View type.
   */
  readonly viewSpecs?: readonly ViewSpec[];
  /** Cross-key validation of this architecture (ntk=1 where no NTK is defined, degenerate constants…). */
  issues(spec: Spec): SpecIssue[];
}

/**
 * Ids of views that architectures declare (ArchSpecModule.viewSpecs), for the View type: an
 * architecture adding a view widens it by declaration merging in its spec.ts, e.g.
 *   declare module '../specTypes.ts' { interface ArchViewIds { tokens: true } }
 */
export interface ArchViewIds {}
export type ArchViewId = keyof ArchViewIds & string;
