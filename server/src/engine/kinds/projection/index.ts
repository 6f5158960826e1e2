import { ok, type ProjectionConfig } from '@eventflow/shared';
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
}

/**
 * A read model per aggregate, folded from the events of the store it reads by a CEL reducer, `lagMs` after
 * each was stored. Stores schedule its steps (it never receives published events).
 */
export const projection: EngineKind<'projection'> = {
  compile(s, i, n, { where }) {
    let store = -1;
    let edge = -1;
    s.out.forEach((outs, from) => {
      for (const o of outs)
        if (o.target === i && s.nodes[from]!.kind === 'event-store' && store < 0) {
          store = from;
          edge = o.edge;
        }
    });
    s.projections[i] = {
      node: i,
      store,
      edge,
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
  applyConfig(s, i, config) {
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
    const entries = p.store < 0 ? [] : s.stores[p.store]!.entries;
    m.behind = entries.length - p.next;
    m.behindMs = p.next < entries.length ? s.now - entries[p.next]!.t : 0;
    m.inFlight = m.behind;
    if (p.rebuild) m.rebuilding = { done: p.rebuild.next - p.rebuild.from, of: p.next - p.rebuild.from };
  },
  latency: false,
};
