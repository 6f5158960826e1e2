import { H } from '../../hop-codes.js';
import { errorMessage, hop, TASK, type Ctx } from '../../ctx.js';
import { eventIdOf } from '../../event-view.js';
import { intern, reasonCode } from '../../state.js';
import { feedOf, type ProjectionRow, type RtProjection, type StoreEntry } from '../event-store/model.js';

/** The CloudEvent type of a rebuild's marker event: it carries the rebuild's hops at the projection. */
export const REBUILD_EVENT_TYPE = 'eventflow.rebuild';
/** Simulated ms a rebuild takes per stored event: faster than live traffic, slow enough to watch. */
export const REBUILD_MS_PER_EVENT = 1;

/** Folds one stored event into a row: the reducer's result, or the error that left the row unchanged. */
export function reduce(
  p: RtProjection,
  rows: Map<string, ProjectionRow>,
  e: StoreEntry,
  t: number,
): ProjectionRow | { error: string } {
  const before = rows.get(e.aggregate);
  try {
    const state = p.reducer.evaluate({
      state: before ? before.state : p.initial,
      event: e.envelope,
      data: e.envelope.data,
      key: e.envelope.partitionkey ?? null,
    });
    const row = { state, version: e.version, t };
    rows.set(e.aggregate, row);
    return row;
  } catch (err) {
    return { error: `reducer ${p.reducer.source}: ${errorMessage(err)}` };
  }
}

const copyRows = (rows: Map<string, ProjectionRow>) => new Map(rows);

/** A scheduled live step: the projection applies the next stored event it has not applied yet. */
export function onProject(s: Ctx, p: RtProjection) {
  const e = feedOf(s, p).entries[p.next];
  if (!e) return;
  p.next++;
  const i = p.node;
  s.counters.nodeIn[i]!++;
  s.counters.edgeCount[p.edge]!++;
  const r = reduce(p, p.rows, e, s.now);
  if ('error' in r) {
    hop(s, H['projection-error'], e.event, i, p.edge, -1, -1, -1, e.position, 0, reasonCode(s, r.error));
    s.counters.nodeFailed[i]!++;
  } else {
    const what = p.own ? 'published' : 'stored';
    const why = `${e.aggregate} @ v${e.version}, ${s.now - e.t} ms after it was ${what}`;
    hop(s, H.projected, e.event, i, p.edge, -1, -1, -1, e.position, 0, reasonCode(s, why));
    p.changes.push({ seq: s.hops.last, aggregate: e.aggregate, row: r });
    s.counters.nodeOut[i]!++;
  }
  p.appliedSeqs.push(s.hops.last);
  s.events.ref(e.event, -1);
  if (p.snapshotEvery > 0 && p.next % p.snapshotEvery === 0)
    p.snapshot = { position: p.next, rows: copyRows(p.rows) };
}

/** Starts a rebuild of the read model (from 0, or from the newest snapshot); refused while one runs. */
export function startRebuild(s: Ctx, p: RtProjection, fromSnapshot: boolean): string | undefined {
  if (p.rebuild) return 'a rebuild of this projection is already under way';
  const snap = fromSnapshot ? p.snapshot : undefined;
  const from = snap?.position ?? 0;
  const type = intern(s.typeNames, s.typeIndex, REBUILD_EVENT_TYPE);
  const data = { projection: s.nodeIds[p.node], from, fromSnapshot: snap !== undefined };
  const event = s.events.add(type, p.node, s.now, -1, -1, 0, -1, data);
  p.rebuild = { next: from, from, rows: snap ? copyRows(snap.rows) : new Map(), event, startSeq: 0 };
  s.sched.push(s.now + REBUILD_MS_PER_EVENT, TASK.rebuild, p.node, 0);
  return undefined;
}

export const sameRow = (a: ProjectionRow | undefined, b: ProjectionRow | undefined) =>
  a !== undefined &&
  b !== undefined &&
  a.version === b.version &&
  JSON.stringify(a.state) === JSON.stringify(b.state);

/**
 * A rebuild step: replays the next stored event into the rebuilt rows, or, once it has reached the live
 * position, compares the rebuilt rows with the live ones, says whether they are equal, and puts them in place.
 */
export function onRebuild(s: Ctx, p: RtProjection) {
  const b = p.rebuild;
  if (!b) return;
  const i = p.node;
  if (b.next < p.next) {
    const e = feedOf(s, p).entries[b.next]!;
    b.next++;
    const r = reduce(p, b.rows, e, s.now);
    const what = `replayed ${eventIdOf(e.event)}: ${e.aggregate} @ v${e.version}`;
    const code = 'error' in r ? H['projection-error'] : H.projected;
    const why = 'error' in r ? `${what}: ${r.error}` : what;
    hop(s, code, b.event, i, -1, -1, -1, -1, e.position, 0, reasonCode(s, why));
    p.rebuildSteps.push({ seq: s.hops.last, done: b.next - b.from, of: p.next - b.from });
    s.sched.push(s.now + REBUILD_MS_PER_EVENT, TASK.rebuild, i, 0);
    return;
  }
  const differing = [...new Set([...p.rows.keys(), ...b.rows.keys()])]
    .sort()
    .filter((k) => !sameRow(p.rows.get(k), b.rows.get(k)));
  const start = b.from === 0 ? 'from position 0' : `from the snapshot at position ${b.from}`;
  const verdict =
    differing.length === 0
      ? `equals the live read model (${b.rows.size} rows)`
      : `differs from the live read model in ${differing.length} rows (${differing.slice(0, 5).join(', ')}), now in place`;
  hop(s, H.rebuilt, b.event, i, -1, -1, -1, -1, b.next, 0, reasonCode(s, `rebuilt ${start}: ${verdict}`));
  for (const k of differing) {
    const row = b.rows.get(k);
    if (row) p.changes.push({ seq: s.hops.last, aggregate: k, row });
  }
  p.rebuildSteps.push({ seq: s.hops.last, done: -1, of: -1 });
  p.rows = b.rows;
  p.rebuild = undefined;
}
