import { validateExpression, type CelContext, type ExpressionProblem } from '../cel/index.js';
import { sharedKinds } from '../kinds/registry.js';
import type { Problem } from '../protocol/result.js';
import { dataShapeFor, inferArrivingData } from './data-flow.js';
import type { LooseEdge, LooseNode } from './loose-flow.js';

/** One CEL expression of a flow: where it sits (`path`, and the config field inside its node) and its context. */
export interface FlowExpression {
  path: string;
  /** The config path inside the node, e.g. `expression` or `emits.0.payload`. */
  field: string;
  node: LooseNode;
  source: string;
  context: CelContext;
}

/** Every CEL expression in the flow with its path and context, in document order. */
export function expressionsOf(nodes: readonly LooseNode[]): FlowExpression[] {
  const out: FlowExpression[] = [];
  const add = (node: LooseNode, field: string, source: unknown, context: CelContext) => {
    const path = `nodes[${node.index}].config.${field.replace(/\.(\d+)\./g, '[$1].')}`;
    if (typeof source === 'string' && source.length > 0) out.push({ path, field, node, source, context });
  };
  for (const n of nodes)
    for (const { field, source, context } of sharedKinds[n.kind].expressions(n.config))
      add(n, field, source, context);
  return out;
}

/**
 * Compiles every expression in its context and types it against the data its upstream producers build
 * (`inferArrivingData`): a failure becomes `path: message at column N`, a field no producer sets a warning.
 */
export function validateExpressions(
  nodes: readonly LooseNode[],
  edges: readonly LooseEdge[] = [],
): Problem[] {
  const out: Problem[] = [];
  const arriving = inferArrivingData(nodes, edges);
  // Large flows repeat expressions (a copied chain, the same filter on every branch): each distinct
  // expression, context and arriving data is compiled and typed once.
  const seen = new Map<string, ExpressionProblem[]>();
  for (const { path, node, source, context } of expressionsOf(nodes)) {
    const data = dataShapeFor(node, context, arriving);
    const key = `${context}\u0000${source}\u0000${data === undefined ? '' : JSON.stringify(data)}`;
    let found = seen.get(key);
    if (!found) {
      found = validateExpression(source, context, data);
      seen.set(key, found);
    }
    for (const p of found) {
      const where =
        p.column === undefined
          ? ''
          : p.line && p.line > 1
            ? ` at line ${p.line}, column ${p.column}`
            : ` at column ${p.column}`;
      out.push({ path, message: `${p.message}${where}`, severity: p.severity });
    }
  }
  return out;
}
