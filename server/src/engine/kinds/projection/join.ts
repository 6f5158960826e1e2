import { H } from '../../hop-codes.js';
import { hop, TASK, type Ctx } from '../../ctx.js';
import { eventIdOf } from '../../event-view.js';
import { intern, reasonCode } from '../../state.js';
import { feedOf, type RtProjection } from '../event-store/model.js';
import { REBUILD_EVENT_TYPE, REBUILD_MS_PER_EVENT, reduce, sameRow } from './apply.js';

/**
 * The visible check of a late join: when a projection with the same source, initial state and reducer has been
 * there from the start and has applied exactly as far, whether their rows are equal. Empty when there is none
 * (or it is not at the same position, so comparing would say nothing).
 */
function twinCheck(s: Ctx, p: RtProjection): string {
  const feed = feedOf(s, p);
  const twin = s.projections.find(
    (q) =>
      q !== undefined &&
      q !== p &&
      q.joinsAtMs === 0 &&
      feedOf(s, q) === feed &&
      q.next === p.next &&
      q.reducer.source === p.reducer.source &&
      JSON.stringify(q.initial) === JSON.stringify(p.initial),
  );
  if (!twin) return '';
  const keys = [...new Set([...p.rows.keys(), ...twin.rows.keys()])].sort();
  const differing = keys.filter((k) => !sameRow(p.rows.get(k), twin.rows.get(k)));
  const name = s.nodeIds[twin.node]!;
  return differing.length === 0
    ? `; equal to ${name}, there from the start`
    : `; differing from ${name} in ${differing.length}: ${differing.slice(0, 5).join(', ')}`;
}

/**
 * A projection added mid-run (`joinsAtMs`, decision 0029). At its join it starts replaying its source from
 * position 0, one entry per simulated ms like a rebuild, straight into its (empty) read model; once it has
 * applied everything written so far, a `rebuilt` hop says so and it follows its source live. Writes made during
 * the catch-up are replayed by it too, so nothing is applied twice or skipped. Its steps are hops of one marker
 * event with no edge (like a rebuild's), so the counters and the summary count only its live steps.
 */
export function onJoin(s: Ctx, p: RtProjection) {
  if (p.live) return;
  const i = p.node;
  if (p.joinEvent < 0) {
    const type = intern(s.typeNames, s.typeIndex, REBUILD_EVENT_TYPE);
    const data = { projection: s.nodeIds[i], from: 0, join: true };
    p.joinEvent = s.events.add(type, i, s.now, -1, -1, 0, -1, data);
  }
  const marker = p.joinEvent;
  const entries = feedOf(s, p).entries;
  if (p.next < entries.length) {
    const e = entries[p.next]!;
    p.next++;
    const r = reduce(p, p.rows, e, s.now);
    const what = `caught up ${eventIdOf(e.event)}: ${e.aggregate} @ v${e.version}, joined at ${p.joinsAtMs} ms`;
    const code = 'error' in r ? H['projection-error'] : H.projected;
    hop(
      s,
      code,
      marker,
      i,
      -1,
      -1,
      -1,
      -1,
      e.position,
      0,
      reasonCode(s, 'error' in r ? `${what}: ${r.error}` : what),
    );
    if (!('error' in r)) p.changes.push({ seq: s.hops.last, aggregate: e.aggregate, row: r });
    p.appliedSeqs.push(s.hops.last);
    p.rebuildSteps.push({ seq: s.hops.last, done: p.next, of: entries.length });
    s.sched.push(s.now + REBUILD_MS_PER_EVENT, TASK.join, i, 0);
    return;
  }
  const why = `joined at ${p.joinsAtMs} ms: replayed ${entries.length} events from position 0 (${p.rows.size} rows${twinCheck(s, p)}), now follows live`;
  hop(s, H.rebuilt, marker, i, -1, -1, -1, -1, p.next, 0, reasonCode(s, why));
  p.rebuildSteps.push({ seq: s.hops.last, done: -1, of: -1 });
  p.live = true;
}
