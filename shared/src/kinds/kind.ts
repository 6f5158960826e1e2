import type { z } from 'zod';
import type { CelContext } from '../cel/env.js';
import type { NodeKind } from './names.js';

/** One CEL expression inside a node's config, as the validator and the editor need it. */
export interface KindExpression {
  /** The config path inside the node, e.g. `expression` or `emits.0.payload`. */
  field: string;
  source: unknown;
  context: CelContext;
}

/** Which edges may leave a node of this kind, and the sentences that explain a refusal. */
export interface ConnectionRules {
  /** Kinds an ordinary edge from this kind may point at. */
  to: readonly NodeKind[];
  /** Why an edge from this kind to a kind not in `to` is refused, when more can be said than "cannot". */
  whyNot?: Partial<Record<NodeKind, string>>;
  /** Why nothing of any kind may point at this kind (used when the source names no reason of its own). */
  into?: string;
  /** Kinds a dead-letter edge from this kind may point at; absent means this kind never dead-letters. */
  deadLetterTo?: readonly NodeKind[];
  /** Kinds a service-call edge from this kind may point at; absent means this kind never calls. */
  callTo?: readonly NodeKind[];
  /** Kinds a query edge (a read of one row, decision 0029) from this kind may point at. */
  queryTo?: readonly NodeKind[];
}

/**
 * Everything the document knows about one kind: its config schema, the node schema built from it, the edges
 * it may have and the CEL it holds. The engine and the client keep their own registries next to this one.
 */
export interface SharedKind<K extends NodeKind> {
  kind: K;
  /** Human name, e.g. "Producer": new nodes are labelled with it, the canvas heads nodes with it. */
  title: string;
  /** The config with every default; live updates and generated forms validate against it. */
  config: z.ZodObject;
  /** The node in a flow file (`kindNode(kind, config)`; a config that may be left out uses `prefault`). */
  node: z.ZodObject;
  /** Values for the required config fields of a freshly drawn node; the schema fills in the rest. */
  starter: Record<string, unknown>;
  connects: ConnectionRules;
  /** The CEL expressions in a (possibly invalid) config, in document order. */
  expressions: (config: Record<string, unknown>) => KindExpression[];
}
