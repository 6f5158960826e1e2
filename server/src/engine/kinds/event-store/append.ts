import { H } from '../../hop-codes.js';
import { errorMessage, hop, TASK, type Ctx } from '../../ctx.js';
import { appendToFeed } from './feed.js';
import { reasonCode } from '../../state.js';
import type { RtStore } from './model.js';

/** The aggregate an event belongs to, or why it has none. */
function aggregateOf(s: Ctx, st: RtStore, event: number): string | { error: string } {
  try {
    const a = st.aggregate.evaluate(s.vars.forEvent(event));
    if (a === null) return { error: `aggregate id ${st.aggregate.source} gave null` };
    return String(a);
  } catch (e) {
    return { error: `aggregate id ${st.aggregate.source}: ${errorMessage(e)}` };
  }
}

/** The version the writer expects (undefined: none), or why the expectation cannot be read. */
function expectationOf(s: Ctx, st: RtStore, event: number): number | undefined | { error: string } {
  if (!st.expected) return undefined;
  let v: unknown;
  try {
    v = st.expected.evaluate(s.vars.forEvent(event));
  } catch (e) {
    return { error: `expected version ${st.expected.source}: ${errorMessage(e)}` };
  }
  if (v === null) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    return { error: `expected version ${st.expected.source} gave ${JSON.stringify(v)}, not a version ≥ 0` };
  return n;
}

/**
 * A write arriving at a store: appended as the aggregate's next version, or refused with its own hop when the
 * writer expected an older version (optimistic concurrency) or its aggregate id cannot be evaluated. Each
 * projection the store feeds is scheduled to apply it `lagMs` later: the eventual consistency one sees.
 */
export function appendToStore(s: Ctx, event: number, node: number, edge: number) {
  const st = s.stores[node]!;
  s.counters.nodeIn[node]!++;
  const aggregate = aggregateOf(s, st, event);
  const expected = typeof aggregate === 'string' ? expectationOf(s, st, event) : undefined;
  const failure =
    typeof aggregate !== 'string' ? aggregate : typeof expected === 'object' ? expected : undefined;
  if (failure) {
    hop(s, H['store-error'], event, node, edge, -1, -1, -1, -1, 0, reasonCode(s, failure.error));
    s.counters.nodeFailed[node]!++;
    return;
  }
  const id = aggregate as string;
  const current = st.versions.get(id) ?? 0;
  if (typeof expected === 'number' && expected !== current) {
    const why = `expected version ${expected} of ${id}, it is at version ${current}`;
    hop(s, H['store-conflict'], event, node, edge, -1, -1, -1, -1, 0, reasonCode(s, why));
    st.conflicts.set(id, (st.conflicts.get(id) ?? 0) + 1);
    s.counters.nodeFailed[node]!++;
    return;
  }
  const version = current + 1;
  const position = st.entries.length;
  hop(s, H.stored, event, node, edge, -1, -1, -1, position, 0, reasonCode(s, `${id} @ v${version}`));
  // After the `stored` hop, so the entry's seq is that hop's.
  appendToFeed(s, st, id, event);
  s.counters.nodeOut[node]!++;
  for (const { target } of st.projections) {
    const p = s.projections[target]!;
    // A projection that has not joined yet (decision 0029) replays this entry when it does.
    if (!p.live) continue;
    // Its `projected` hop links to the event, so the event stays in the table until then.
    s.events.ref(event, 1);
    s.sched.push(s.now + p.lagMs, TASK.project, target, 0);
  }
}
