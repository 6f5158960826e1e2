import { validateExpression } from '../cel/index.js';
import type { Problem } from '../protocol/result.js';
import { dataShapeFor, inferArrivingData } from './data-flow.js';
import type { LooseEdge, LooseNode } from './loose-flow.js';

const err = (path: string, message: string): Problem => ({ path, message, severity: 'error' });
const warn = (path: string, message: string): Problem => ({ path, message, severity: 'warning' });

const usesRow = (source: unknown) => typeof source === 'string' && /(^|[^\w.])row\b/.test(source);

/**
 * Query rules over edges whose kinds already passed `canConnect` (projection → consumer, decision 0029): a
 * consumer reads at most one projection (its emits see one `row`), the key is typed like an aggregate id over
 * the event the consumer consumes, and an emit that reads `row` without a query always sees null.
 */
export function validateQueries(nodes: readonly LooseNode[], edges: readonly LooseEdge[]): Problem[] {
  const out: Problem[] = [];
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const first = new Map<string, LooseEdge>();
  const arriving = inferArrivingData(nodes, edges);
  for (const e of edges) {
    if (e.role !== 'query') continue;
    const at = `edges[${e.index}]`;
    const reader = byId.get(e.target);
    if (!reader) continue;
    const other = first.get(e.target);
    if (other) {
      out.push(
        err(
          at,
          `consumer '${e.target}' already reads projection '${other.source}' (edges[${other.index}]): a consumer reads one projection`,
        ),
      );
      continue;
    }
    first.set(e.target, e);
    if (e.queryKey === undefined) continue;
    if (typeof e.queryKey !== 'string' || e.queryKey.trim() === '') {
      out.push(err(`${at}.query.key`, 'must be a CEL expression'));
      continue;
    }
    for (const p of validateExpression(e.queryKey, 'aggregate', dataShapeFor(reader, 'filter', arriving))) {
      const where = p.column === undefined ? '' : ` at column ${p.column}`;
      out.push({ path: `${at}.query.key`, message: `${p.message}${where}`, severity: p.severity });
    }
  }
  for (const n of nodes) {
    if (n.kind !== 'consumer' || first.has(n.id) || !Array.isArray(n.config.emits)) continue;
    n.config.emits.forEach((emit: unknown, j) => {
      const payload =
        typeof emit === 'object' && emit !== null ? (emit as { payload?: unknown }).payload : undefined;
      if (usesRow(payload))
        out.push(
          warn(
            `nodes[${n.index}].config.emits[${j}].payload`,
            `consumer '${n.id}' reads no projection, so row is always null: draw a query edge from a projection to it`,
          ),
        );
    });
  }
  return out;
}
