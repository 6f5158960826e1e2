import { READ_MODEL_MAX, type AggregateView, type ReadModelRow, type ReadModelView } from '@eventflow/shared';
import type { Ctx } from '../../ctx.js';
import { eventIdOf } from '../../event-view.js';
import { feedOf, type ProjectionRow, type RtProjection, type RtStore } from '../event-store/model.js';

/** How many of `seqs` (ascending) are ≤ `seq`. */
export function countUpTo(seqs: readonly number[], seq: number): number {
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (seqs[mid]! <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The rows as of hop `seq`: the newest change of each row at or before it. */
export function rowsAsOf(p: RtProjection, seq: number): Map<string, ProjectionRow> {
  const rows = new Map<string, ProjectionRow>();
  for (const c of p.changes) {
    if (c.seq > seq) break;
    rows.set(c.aggregate, c.row);
  }
  return rows;
}

/**
 * A projection's read model as the trace stood right after hop `seq` (its time `t`): the rows, how far the
 * projection trailed its store, each aggregate whose newer version was written but not yet applied, and a
 * rebuild under way. Computed from the changes kept per row, so stepping back costs no replay.
 */
export function readModelAt(s: Ctx, p: RtProjection, seq: number, t: number): ReadModelView {
  const rows = rowsAsOf(p, seq);
  const entries = feedOf(s, p).entries;
  const written = countUpTo(
    entries.map((e) => e.seq),
    seq,
  );
  const applied = Math.min(written, countUpTo(p.appliedSeqs, seq));
  const ahead: ReadModelView['ahead'] = {};
  for (let k = applied; k < written; k++) {
    const e = entries[k]!;
    if ((rows.get(e.aggregate)?.version ?? 0) < e.version)
      ahead[e.aggregate] = { version: e.version, msAgo: t - e.t };
  }
  const sorted = [...rows.keys()].sort();
  const out: ReadModelRow[] = sorted.slice(0, READ_MODEL_MAX).map((aggregate) => {
    const r = rows.get(aggregate)!;
    return { aggregate, version: r.version, state: r.state as ReadModelRow['state'], t: r.t };
  });
  const view: ReadModelView = {
    nodeId: s.nodeIds[p.node]!,
    seq,
    t,
    rows: out,
    total: sorted.length,
    written,
    applied,
    behindMs: applied < written ? Math.max(0, t - entries[applied]!.t) : 0,
    ahead,
  };
  const steps = p.rebuildSteps.filter((x) => x.seq <= seq);
  const last = steps[steps.length - 1];
  if (last && last.done >= 0) view.rebuilding = { done: last.done, of: last.of };
  return view;
}

/** The audit of one aggregate: its events in version order, with who caused each. */
export function aggregateView(s: Ctx, st: RtStore, aggregate: string): AggregateView {
  const positions = st.byAggregate.get(aggregate) ?? [];
  return {
    nodeId: s.nodeIds[st.node]!,
    aggregate,
    entries: positions.slice(0, READ_MODEL_MAX).map((pos) => {
      const e = st.entries[pos]!;
      const env = e.envelope;
      return {
        position: e.position,
        version: e.version,
        t: e.t,
        seq: e.seq,
        eventId: eventIdOf(e.event),
        type: env.type,
        source: env.source.replace(/^\/nodes\//, ''),
        ...(env.causationid === undefined ? {} : { causationId: env.causationid }),
        correlationId: env.correlationid ?? env.id,
        data: (env.data ?? null) as AggregateView['entries'][number]['data'],
      };
    }),
    conflicts: st.conflicts.get(aggregate) ?? 0,
  };
}
