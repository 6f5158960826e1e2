import { compileCel, type CelContext } from '../cel/index.js';
import type { Problem } from '../protocol/result.js';
import type { LooseNode } from './loose-flow.js';

/** Every CEL expression in the flow with its path and context, in document order. */
export function expressionsOf(
  nodes: readonly LooseNode[],
): { path: string; source: string; context: CelContext }[] {
  const out: { path: string; source: string; context: CelContext }[] = [];
  const add = (path: string, source: unknown, context: CelContext) => {
    if (typeof source === 'string' && source.length > 0) out.push({ path, source, context });
  };
  for (const n of nodes) {
    const at = `nodes[${n.index}].config`;
    if (n.kind === 'producer') {
      add(`${at}.key`, n.config.key, 'key');
      add(`${at}.payload`, n.config.payload, 'payload');
    } else if (n.kind === 'filter') add(`${at}.expression`, n.config.expression, 'filter');
    else if (n.kind === 'consumer' && Array.isArray(n.config.emits)) {
      n.config.emits.forEach((e: unknown, j) => {
        if (typeof e === 'object' && e !== null)
          add(`${at}.emits[${j}].payload`, (e as { payload?: unknown }).payload, 'emit');
      });
    }
  }
  return out;
}

/** Compiles every expression in its context; a failure becomes `path: message at column N`. */
export function validateExpressions(nodes: readonly LooseNode[]): Problem[] {
  const out: Problem[] = [];
  for (const { path, source, context } of expressionsOf(nodes)) {
    const r = compileCel(source, context);
    if (r.ok) continue;
    const where =
      r.column === undefined
        ? ''
        : r.line && r.line > 1
          ? ` at line ${r.line}, column ${r.column}`
          : ` at column ${r.column}`;
    out.push({ path, message: `${r.message}${where}`, severity: 'error' });
  }
  return out;
}
