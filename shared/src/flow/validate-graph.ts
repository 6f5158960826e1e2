import type { Problem } from '../protocol/result.js';
import { throughFiltersAndRouters } from './graph-walk.js';
import { canConnect } from './graph.js';
import type { LooseEdge, LooseNode } from './loose-flow.js';
import { isCalled, validateCalls } from './validate-calls.js';
import { chainCycles, instanceWarnings } from './validate-consumers.js';
import { filterRules } from './validate-filters.js';
import { validateQueries } from './validate-queries.js';
import { validateRoutes } from './validate-routes.js';

const err = (path: string, message: string): Problem => ({ path, message, severity: 'error' });
const warn = (path: string, message: string): Problem => ({ path, message, severity: 'warning' });

/** Graph rules: ids, edge ends, kinds, filter paths and cycles, dead-letter edges, and advisory warnings. */
export function validateGraph(nodes: readonly LooseNode[], edges: readonly LooseEdge[]): Problem[] {
  const out: Problem[] = [];
  const byId = new Map<string, LooseNode>();
  for (const n of nodes) {
    const first = byId.get(n.id);
    if (first)
      out.push(err(`nodes[${n.index}].id`, `duplicate node id '${n.id}' (also nodes[${first.index}])`));
    else byId.set(n.id, n);
  }
  const edgeIds = new Map<string, number>();
  const valid: LooseEdge[] = [];
  const deadLetters = new Map<string, number>();
  for (const e of edges) {
    const at = `edges[${e.index}]`;
    const seen = edgeIds.get(e.id);
    if (e.id && seen !== undefined)
      out.push(err(`${at}.id`, `duplicate edge id '${e.id}' (also edges[${seen}])`));
    else if (e.id) edgeIds.set(e.id, e.index);
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s) out.push(err(`${at}.source`, `no node '${e.source}'`));
    if (!t) out.push(err(`${at}.target`, `no node '${e.target}'`));
    if (!s || !t) continue;
    if (e.source === e.target) {
      out.push(err(at, 'an edge cannot connect a node to itself'));
      continue;
    }
    const check = canConnect(s.kind, t.kind, e.role);
    if (!check.ok) {
      out.push(err(at, check.reason));
      continue;
    }
    if (e.role === 'dead-letter') {
      const other = deadLetters.get(e.source);
      if (other !== undefined) {
        out.push(err(at, `consumer '${e.source}' already has a dead-letter edge (edges[${other}])`));
        continue;
      }
      deadLetters.set(e.source, e.index);
    }
    valid.push(e);
  }
  const normal = valid.filter((e) => e.role === 'normal');
  const outs = new Map<string, string[]>();
  const ins = new Map<string, string[]>();
  for (const e of normal) {
    outs.set(e.source, [...(outs.get(e.source) ?? []), e.target]);
    ins.set(e.target, [...(ins.get(e.target) ?? []), e.source]);
  }
  out.push(...validateRoutes(byId, normal));
  const through = throughFiltersAndRouters(byId);

  out.push(...filterRules(nodes, byId, outs, through));

  const topicsOf = new Map<string, LooseNode[]>();
  for (const n of nodes) {
    const at = `nodes[${n.index}]`;
    const down = through(n.id, outs);
    const up = through(n.id, ins);
    if (n.kind === 'producer' && !down.some((d) => d.kind === 'topic' || d.kind === 'event-store')) {
      out.push(warn(at, `producer '${n.id}' publishes to no topic`));
    }
    if (n.kind === 'projection') {
      // Its source is drawn straight into it: a store's log, or a topic it subscribes to (decision 0029).
      const sources = (ins.get(n.id) ?? []).flatMap((id) => {
        const k = byId.get(id)?.kind;
        return k === 'event-store' || k === 'topic' ? [`${k} '${id}'`] : [];
      });
      if (sources.length === 0)
        out.push(warn(at, `projection '${n.id}' reads no event store or topic: connect one to it`));
      else if (sources.length > 1)
        out.push(
          err(at, `projection '${n.id}' reads ${sources.join(' and ')}: a projection reads one source`),
        );
    }
    const subscriber = (d: LooseNode) =>
      d.kind === 'consumer' || d.kind === 'webhook' || d.kind === 'projection';
    if (n.kind === 'topic' && !down.some(subscriber))
      out.push(warn(at, `topic '${n.id}' has no subscribers`));
    if (n.kind === 'webhook') {
      const topics = up.filter((u) => u.kind === 'topic');
      topicsOf.set(n.id, topics);
      if (topics.length === 0) out.push(warn(at, `webhook '${n.id}' subscribes to no topic`));
      continue;
    }
    if (n.kind !== 'consumer') continue;
    const topics = up.filter((u) => u.kind === 'topic');
    topicsOf.set(n.id, topics);
    if (topics.length === 0 && !isCalled(n.id, valid))
      out.push(warn(at, `consumer '${n.id}' subscribes to no topic`));
    const emits =
      (Array.isArray(n.config.emits) ? n.config.emits.length : 0) +
      (Array.isArray(n.config.emitsOnGiveUp) ? n.config.emitsOnGiveUp.length : 0);
    const publishes = down.some((d) => d.kind === 'topic' || d.kind === 'event-store');
    if (emits > 0 && !publishes) {
      out.push(
        warn(
          `${at}.config.emits`,
          `consumer '${n.id}' emits events but has no out-edge to a topic: they go nowhere`,
        ),
      );
    }
    if (emits === 0 && publishes) out.push(warn(at, `consumer '${n.id}' has out-edges but emits nothing`));
    if (n.config.delivery === 'at-most-once') {
      for (const field of ['maxAttempts', 'backoffMs', 'retry'] as const) {
        if (n.config[field] !== undefined) {
          out.push(
            warn(`${at}.config.${field}`, `an at-most-once consumer never retries: ${field} has no effect`),
          );
        }
      }
      const dl = deadLetters.get(n.id);
      if (dl !== undefined)
        out.push(warn(`edges[${dl}]`, `an at-most-once consumer never dead-letters: failures are dropped`));
    }
  }
  for (const e of valid) {
    if (e.role !== 'dead-letter' || !topicsOf.get(e.source)?.some((t) => t.id === e.target)) continue;
    out.push(
      err(
        `edges[${e.index}]`,
        `${byId.get(e.source)?.kind ?? 'consumer'} '${e.source}' reads topic '${e.target}' itself: dead-lettering into it would redeliver a failing event forever`,
      ),
    );
  }
  out.push(...validateCalls(byId, valid, topicsOf));
  out.push(...validateQueries(nodes, valid));
  out.push(...instanceWarnings(nodes, topicsOf));
  out.push(...chainCycles(nodes, byId, topicsOf, through, outs));
  return out;
}
