import { fail, ok, type AggregateView, type ReadModelView, type Result } from '@eventflow/shared';
import type { Ctx } from './ctx.js';
import { startRebuild } from './kinds/projection/apply.js';
import { aggregateView, readModelAt } from './kinds/projection/read.js';

/** The engine's event-sourcing reads and the rebuild command (`Engine` documents them). */
export function createEventSourcing(s: Ctx) {
  const projectionOf = (id: string) => {
    const i = s.nodeIndex.get(id);
    return i === undefined ? undefined : s.projections[i];
  };
  return {
    readProjection(nodeId: string, seq?: number): Result<ReadModelView> {
      const p = projectionOf(nodeId);
      if (!p) return fail('unknown-node', `no projection '${nodeId}' in this flow`);
      const at = seq ?? s.visible;
      if (at > s.visible) return fail('unknown-event', `no hop ${at} yet: the run is at hop ${s.visible}`);
      if (at > 0 && !s.hops.has(at)) return fail('unknown-event', `hop ${at} is no longer stored`);
      return ok(readModelAt(s, p, at, at === 0 ? 0 : s.hops.t(at)));
    },
    rebuildProjection(nodeId: string, fromSnapshot: boolean): Result<null> {
      const p = projectionOf(nodeId);
      if (!p) return fail('unknown-node', `no projection '${nodeId}' in this flow`);
      if (p.store < 0 && !p.own)
        return fail('invalid-payload', `projection '${nodeId}' reads no event store or topic`);
      if (!p.live)
        return fail(
          'invalid-payload',
          `projection '${nodeId}' has not caught up since it joined: rebuild it after that`,
        );
      const refused = startRebuild(s, p, fromSnapshot);
      return refused === undefined ? ok(null) : fail('invalid-payload', refused);
    },
    readAggregate(nodeId: string, aggregate: string): Result<AggregateView> {
      const i = s.nodeIndex.get(nodeId);
      const st = i === undefined ? undefined : s.stores[i];
      if (!st) return fail('unknown-node', `no event store '${nodeId}' in this flow`);
      return ok(aggregateView(s, st, aggregate));
    },
  };
}
