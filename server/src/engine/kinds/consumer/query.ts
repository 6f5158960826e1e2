import { defaultQuery, type Topology } from '@eventflow/shared';
import { H } from '../../hop-codes.js';
import { errorMessage, type Ctx } from '../../ctx.js';
import {
  compileOrThrow,
  reasonCode,
  type Delivery,
  type RtConsumer,
  type RtInstance,
  type State,
} from '../../state.js';
import { feedOf } from '../event-store/model.js';
import { deliveryHop } from './consume.js';

/** Gives each consumer with a query edge (decision 0029) the projection it reads and its compiled key. */
export function compileQueries(
  s: State,
  topo: Topology,
  nodeIndex: ReadonlyMap<string, number>,
  edgeIndex: ReadonlyMap<string, number>,
) {
  for (const [reader, e] of topo.queries) {
    const c = s.consumers[nodeIndex.get(reader)!];
    if (!c) continue;
    const key = (e.query ?? defaultQuery()).key;
    c.query = {
      projection: nodeIndex.get(e.source)!,
      edge: edgeIndex.get(e.id)!,
      key: compileOrThrow(key, 'aggregate', `edges[${e.id}].query.key`),
      reads: 0,
      stale: 0,
    };
  }
}

/** The row's key for this event, or why there is none (the processing then fails with that reason). */
function keyOf(s: Ctx, c: RtConsumer, d: Delivery): string | { error: string } {
  const q = c.query!;
  try {
    const v = q.key.evaluate(s.vars.forEvent(d.event));
    return v === null ? { error: `query key ${q.key.source} gave null` } : String(v);
  } catch (e) {
    return { error: `query key ${q.key.source}: ${errorMessage(e)}` };
  }
}

/**
 * The consumer reads one row of its projection, right before it decides what to emit. The read is stale when
 * the projection has applied an older version of the row than its source holds now (a store's aggregate
 * version, or the topic feed's count for the key): the `stale-read` hop names both versions and how long ago
 * the newer one was written; otherwise a `read` hop says it was current. Returns the row's state (null when
 * the projection has no row for the key) for the emits' `row`, or why the key could not be evaluated.
 */
export function readRow(
  s: Ctx,
  inst: RtInstance,
  c: RtConsumer,
  d: Delivery,
): { row: unknown } | { error: string } {
  const q = c.query!;
  const key = keyOf(s, c, d);
  if (typeof key !== 'string') return key;
  const p = s.projections[q.projection]!;
  const feed = feedOf(s, p);
  const row = p.rows.get(key);
  const have = row?.version ?? 0;
  const written = feed.versions.get(key) ?? 0;
  const from = s.nodeIds[p.node]!;
  const what = row ? `read ${key} @ v${have} from ${from}` : `read ${key} from ${from}: no row`;
  q.reads++;
  if (have < written) {
    const positions = feed.byAggregate.get(key)!;
    const newest = feed.entries[positions[positions.length - 1]!]!;
    const behind = written - have;
    const why = `${what} while v${written} was written ${s.now - newest.t} ms earlier: stale, ${behind} version${behind === 1 ? '' : 's'} behind`;
    q.stale++;
    deliveryHop(s, H['stale-read'], inst, c, d, q.edge, reasonCode(s, why));
  } else {
    const why = row ? `${what}: current` : `${what}, none written: current`;
    deliveryHop(s, H.read, inst, c, d, q.edge, reasonCode(s, why));
  }
  return { row: row ? row.state : null };
}
