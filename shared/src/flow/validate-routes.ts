import { DEFAULT_ROUTE } from '../kinds/router/index.js';
import type { Problem } from '../protocol/result.js';
import type { LooseEdge, LooseNode } from './loose-flow.js';

const err = (path: string, message: string): Problem => ({ path, message, severity: 'error' });
const warn = (path: string, message: string): Problem => ({ path, message, severity: 'warning' });

/** The rules of a (possibly invalid) router config that have a usable id, with their index. */
function rulesOf(n: LooseNode): { id: string; label: string; index: number }[] {
  if (!Array.isArray(n.config.rules)) return [];
  return (n.config.rules as unknown[]).flatMap((r, index) => {
    if (typeof r !== 'object' || r === null) return [];
    const { id, label } = r as { id?: unknown; label?: unknown };
    return typeof id === 'string' ? [{ id, label: typeof label === 'string' ? label : id, index }] : [];
  });
}

/**
 * Handles: an edge leaving a router names the rule (or the default route) it belongs to, so the canvas can
 * draw it from that rule's handle and the engine can send by it. Checked on edges the kinds already allow.
 */
export function validateRoutes(byId: ReadonlyMap<string, LooseNode>, edges: readonly LooseEdge[]): Problem[] {
  const out: Problem[] = [];
  const used = new Map<string, Set<string>>();
  const fed = new Set<string>();
  for (const e of edges) {
    const at = `edges[${e.index}]`;
    const s = byId.get(e.source);
    if (byId.get(e.target)?.kind === 'router') fed.add(e.target);
    if (!s) continue;
    if (s.kind !== 'router') {
      if (e.sourceHandle !== undefined)
        out.push(
          err(`${at}.sourceHandle`, `only edges leaving a router name a handle (${s.kind} '${s.id}')`),
        );
      continue;
    }
    if (e.sourceHandle === undefined) {
      out.push(
        err(at, `an edge leaving router '${s.id}' must leave from a rule's handle or the default handle`),
      );
      continue;
    }
    const ids = rulesOf(s).map((r) => r.id);
    if (e.sourceHandle !== DEFAULT_ROUTE && !ids.includes(e.sourceHandle)) {
      out.push(err(`${at}.sourceHandle`, `router '${s.id}' has no rule '${e.sourceHandle}'`));
      continue;
    }
    const set = used.get(s.id) ?? new Set<string>();
    set.add(e.sourceHandle);
    used.set(s.id, set);
  }
  for (const n of byId.values()) {
    if (n.kind !== 'router') continue;
    const at = `nodes[${n.index}]`;
    if (!fed.has(n.id))
      out.push(warn(at, `router '${n.id}' has no input: connect a producer or an emitting consumer to it`));
    const rules = rulesOf(n);
    if (rules.length === 0)
      out.push(
        warn(`${at}.config.rules`, `router '${n.id}' has no rules: every event takes the default route`),
      );
    for (const r of rules) {
      if (used.get(n.id)?.has(r.id)) continue;
      out.push(
        warn(
          `${at}.config.rules[${r.index}]`,
          `rule '${r.label}' of router '${n.id}' leads nowhere: connect its handle to a topic`,
        ),
      );
    }
  }
  return out;
}
