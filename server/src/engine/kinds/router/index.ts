import { ok } from '@eventflow/shared';
import type { EngineKind } from '../kind.js';
import { receiveAtRouter } from './route-event.js';
import { compileRouter } from './rules.js';

/**
 * Content-based routing on a publish path, like an AMQP exchange: ordered rules (CEL conditions or topic
 * patterns over the event's key) pick the topics an event is published to; no match takes the default route
 * or ends the event with an `unrouted` hop.
 */
export const router: EngineKind<'router'> = {
  compile(s, i, n, { topo, where, edgeIndex }) {
    const edges = (topo.out.get(n.id) ?? []).map((e) => ({
      handle: e.sourceHandle ?? '',
      edge: edgeIndex.get(e.id)!,
      target: s.nodeIndex.get(e.target)!,
    }));
    s.routers[i] = compileRouter(s, i, n.config, edges, where);
  },
  applyConfig(s, i, config) {
    // Only the mode changes live: the rules are kind-defining (KIND_DEFINING_FIELDS), as edges hang off them.
    s.routers[i] = compileRouter(s, i, config, s.routers[i]!.edges, 'config');
    return ok(null);
  },
  receive: receiveAtRouter,
  stats: (s, i) => ({
    in: s.counters.nodeIn[i]!,
    out: s.counters.nodeOut[i]!,
    dropped: s.counters.nodeDropped[i]!,
    filterErrors: s.counters.nodeFilterErrors[i]!,
  }),
  metrics(s, i, m) {
    m.dropped = s.counters.nodeDropped[i]!;
    m.filterErrors = s.counters.nodeFilterErrors[i]!;
  },
  latency: false,
};
