import { ok } from '@eventflow/shared';
import type { State } from '../../model.js';
import { compileOrThrow } from '../../state.js';
import type { EngineKind } from '../kind.js';
import { appendToStore } from './append.js';

function compileExprs(
  s: State,
  i: number,
  c: { aggregateId: string; expectedVersion?: string },
  where: string,
) {
  const st = s.stores[i]!;
  st.aggregate = compileOrThrow(c.aggregateId, 'aggregate', `${where}.aggregateId`);
  st.expected =
    c.expectedVersion === undefined
      ? undefined
      : compileOrThrow(c.expectedVersion, 'aggregate', `${where}.expectedVersion`);
}

/** An append-only store of events per aggregate, with versions and optimistic concurrency. */
export const eventStore: EngineKind<'event-store'> = {
  compile(s, i, n, { where }) {
    s.stores[i] = {
      node: i,
      aggregate: compileOrThrow(n.config.aggregateId, 'aggregate', `${where}.aggregateId`),
      expected: undefined,
      entries: [],
      versions: new Map(),
      byAggregate: new Map(),
      conflicts: new Map(),
      projections: s.out[i]!.filter((o) => s.nodes[o.target]!.kind === 'projection'),
    };
    compileExprs(s, i, n.config, where);
  },
  applyConfig(s, i, config) {
    compileExprs(s, i, config, 'config');
    return ok(null);
  },
  receive: appendToStore,
  stats: (s, i) => ({
    in: s.counters.nodeIn[i]!,
    out: s.counters.nodeOut[i]!,
    failed: s.counters.nodeFailed[i]!,
  }),
  latency: false,
};
