import { fail, ok, type ProjectionConfig } from '@eventflow/shared';
import { TASK } from '../../ctx.js';
import { feedOf } from '../event-store/model.js';
import type { State } from '../../model.js';
import { compileOrThrow } from '../../state.js';
import type { EngineKind } from '../kind.js';
import { receivesNothing } from '../kind.js';

/** The initial state is a constant of the run: evaluated once, with no event (seq and now are 0). */
function initialOf(source: string, where: string): unknown {
  return compileOrThrow(source, 'payload', `${where}.initial`).evaluate({ seq: 0, now: 0 });
}

function configure(s: State, i: number, c: ProjectionConfig, where: string) {
  const p = s.projections[i]!;
  p.initial = initialOf(c.initial, where);
  p.reducer = compileOrThrow(c.reducer, 'reducer', `${where}.reducer`);
  p.lagMs = c.lagMs;
  p.snapshotEvery = c.snapshotEvery;
  p.key = c.key === undefined ? undefined : compileOrThrow(c.key, 'aggregate', `${where}.key`);
}

/** The node it reads (a store or a topic, drawn into it; validation allows one) and the edge from it. */
function sourceOf(s: State, i: number): { from: number; edge: number } | undefined {
  for (let from = 0; from < s.out.length; from++)
    for (const o of s.out[from]!) {
      const kind = s.nodes[from]!.kind;
      if (o.target === i && (kind === 'event-store' || kind === 'topic')) return { from, edge: o.edge };
    }
  return undefined;
}

/**
 * A read model per aggregate, folded from the events of the store (or topic) it reads by a CEL reducer, `lagMs`
 * after each was stored (published). Its source schedules its steps (it never receives events by `route`).
 */
export const projection: EngineKind<'projection'> = {
  compile(s, i, n, { where }) {
    const src = sourceOf(s, i);
    const fromTopic = src !== undefined && s.nodes[src.from]!.kind === 'topic';
    s.projections[i] = {
      node: i,
      store: src && !fromTopic ? src.from : -1,
      edge: src?.edge ?? -1,
      topic: src && fromTopic ? src.from : -1,
      own: fromTopic ? { entries: [], versions: new Map(), byAggregate: new Map() } : undefined,
      key: n.config.key === undefined ? undefined : compileOrThrow(n.config.key, 'aggregate', `${where}.key`),
      joinsAtMs: n.config.joinsAtMs,
      live: n.config.joinsAtMs === 0,
      joinEvent: -1,
      initial: initialOf(n.config.initial, where),
      reducer: compileOrThrow(n.config.reducer, 'reducer', `${where}.reducer`),
      lagMs: n.config.lagMs,
      snapshotEvery: n.config.snapshotEvery,
      next: 0,
      rows: new Map(),
      changes: [],
      appliedSeqs: [],
      snapshot: undefined,
      rebuild: undefined,
      rebuildSteps: [],
    };
  },
  start(s, i) {
    const p = s.projections[i]!;
    if (p.topic >= 0) s.topics[p.topic]!.feeds.push(i);
    if (!p.live) s.sched.push(p.joinsAtMs, TASK.join, i, 0);
  },
  applyConfig(s, i, config) {
    if (config.joinsAtMs !== s.projections[i]!.joinsAtMs)
      return fail(
        'invalid-payload',
        'config.joinsAtMs: cannot change while the flow runs; reset the run instead',
      );
    configure(s, i, config, 'config');
    return ok(null);
  },
  receive: receivesNothing,
  stats: (s, i) => ({
    in: s.counters.nodeIn[i]!,
    out: s.counters.nodeOut[i]!,
    failed: s.counters.nodeFailed[i]!,
  }),
  metrics(s, i, m) {
    const p = s.projections[i]!;
    const entries = feedOf(s, p).entries;
    m.behind = entries.length - p.next;
    m.behindMs = p.next < entries.length ? s.now - entries[p.next]!.t : 0;
    m.inFlight = m.behind;
    if (p.rebuild) m.rebuilding = { done: p.rebuild.next - p.rebuild.from, of: p.next - p.rebuild.from };
    else if (!p.live && s.now >= p.joinsAtMs) m.rebuilding = { done: p.next, of: entries.length };
  },
  latency: false,
};
