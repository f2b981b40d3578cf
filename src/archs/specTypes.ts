/**
 * An architecture's declaration for the URL schema (types.ts has the whole module). It lives apart
 * because the schema (core/spec.ts) reads the declarations: they import core/ only.
 */
import type { Param } from '../core/params.ts';
import type { Spec, SpecIssue } from '../core/spec.ts';

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
   * Keys of the spec this architecture's network reads (the "Network" controls shown while it is
   * chosen): e.g. resnet ['act', 'n', 'L', 'sw2', 'sb2', 'alpha', 'weights']. Keys not listed
   * are hidden from the Network group (unless the view asks for them).
   */
  readonly controls: readonly (keyof Spec & string)[];
  /** Cross-key validation of this architecture (ntk=1 where no NTK is defined, degenerate constants…). */
  issues(spec: Spec): SpecIssue[];
}

