import { queryStart } from './query-start.js';
import {
  createCountsFold,
  fail,
  ok,
  summarizeTrace,
  traceToOtlp,
  type EdgeMetrics,
  type FlowDoc,
  type Hop,
  type NodeMetrics,
  type Result,
} from '@eventflow/shared';
import { countsAtSeq } from './counts-at-seq.js';
import { createHopStream } from './hop-stream.js';
import type { RunLoop } from './run-loop.js';
import { readPage } from './trace-page.js';
import { createTraceIndex, type TypeOfHop } from './trace-index.js';
import type { LoopInit, RunCommand, StreamMessage } from './worker-protocol.js';

export interface RecordedLoopDeps {
  init: LoopInit & { recorded: readonly Hop[] };
  post: (msg: StreamMessage) => void;
  heapBytes: () => number;
}

const REASON = 'recorded: opened from a trace file, nothing was re-run';

/**
 * An event's type as the flow names it: a producer's `eventType`, or the one type a consumer emits. A trace file
 * carries no envelopes; where the flow leaves it open (a consumer emitting several types) it stays unknown.
 */
function typeFromFlow(flow: FlowDoc): TypeOfHop {
  const types = new Map<string, string>();
  for (const n of flow.nodes) {
    if (n.kind === 'producer') types.set(n.id, n.config.eventType);
    else if (n.kind === 'consumer' && n.config.emits.length === 1)
      types.set(n.id, n.config.emits[0]!.eventType);
  }
  return (first) =>
    first.type === 'produced' || first.type === 'emitted' ? types.get(first.node) : undefined;
}

/**
 * A run that already happened: the hops of a recorded trace (the CLI's `--trace`, the UI's export), checked
 * against the flow by the worker, go into a trace index that answers what the engine's trace answers (events
 * list, paths, counts as of a hop, pages, OTLP). It streams them once, reports `completed` with the summary
 * recounted from the hops, and refuses everything that would move a run, saying why.
 */
export function createRecordedLoop(deps: RecordedLoopDeps): RunLoop {
  const { init, post } = deps;
  const { flow, seed, recorded } = init;
  const index = createTraceIndex({ typeOf: typeFromFlow(flow) });
  const trace = index.reader;
  const totals = createCountsFold(flow);
  for (const h of recorded) {
    index.add(h);
    totals.add(h);
  }
  const lastT = recorded.at(-1)?.t ?? 0;
  const { doubleOutcomes: _pairs, ...summary } = summarizeTrace(flow, recorded, { seed });
  const stream = createHopStream(trace, init.stream, (hops, sampled) =>
    post({ kind: 'hops', hops, sampled }),
  );

  const counts = totals.counts();
  // A finished run moves nothing: every rate is 0, the counters are the run's totals.
  const nodes: Record<string, NodeMetrics> = {};
  for (const [id, c] of Object.entries(counts.nodes)) nodes[id] = { ...c, rate: 0 };
  const edges: Record<string, EdgeMetrics> = {};
  for (const [id, e] of Object.entries(counts.edges)) edges[id] = { count: e.count, rate: 0 };
  stream.flush(false);
  post({ kind: 'metrics', t: lastT, nodes, edges, heapBytes: deps.heapBytes() });
  post({ kind: 'state', status: 'completed', t: lastT, reason: REASON, summary });

  const recordedOnly = (what: string) =>
    fail('invalid-payload', `a recorded run cannot ${what}: it already happened; run the flow to do this`);

  const handlers: { [K in RunCommand['op']]: (c: Extract<RunCommand, { op: K }>) => Result<unknown> } = {
    pause: () => recordedOnly('pause'),
    resume: () => recordedOnly('resume'),
    step: () => recordedOnly('step further (step back through its hops instead)'),
    advance: () => recordedOnly('advance time'),
    stop: () => {
      post({ kind: 'state', status: 'stopped', t: lastT, reason: 'stopped by a client' });
      return ok(null);
    },
    reset: () => recordedOnly('reset'),
    speed: () => ok(null),
    seed: () => recordedOnly('change its seed'),
    fire: () => recordedOnly('fire a producer'),
    update: () => recordedOnly('change a node'),
    outage: () => recordedOnly('take a topic down'),
    down: () => recordedOnly('take a consumer down'),
    replay: () => recordedOnly('replay a group'),
    topic: () => recordedOnly('show a topic’s retained entries (a trace does not record them)'),
    // A trace records hops, not a store's entries or a projection's rows.
    projection: () => recordedOnly('show a projection’s read model (a trace does not record its rows)'),
    rebuild: () => recordedOnly('rebuild a projection'),
    aggregate: () => recordedOnly('show an aggregate’s history (a trace does not record event data)'),
    breakpoints: (c) =>
      c.breakpoints.length === 0 ? ok({ enabled: 0 }) : recordedOnly('pause at a breakpoint'),
    get: (c) => {
      // A trace file holds hops, not envelopes: an event is known by its hops.
      const path = trace.path(c.eventId);
      return path.hops.length
        ? ok(path)
        : fail('unknown-event', `no event ${c.eventId} in the recorded trace`);
    },
    query: (c) => ok(trace.query(c.filter, c.cursor, c.limit, queryStart(c))),
    resync: (c) => ok(stream.resync(c.fromSeq)),
    counts: (c) => countsAtSeq(trace, flow, c.seq),
    read: (c) => ok(readPage(trace, c, 0)),
    otlp: (c) => {
      const last = trace.lastSeq();
      const firstSeq = Math.max(trace.firstSeq(), last - Math.max(1, c.maxHops) + 1, 1);
      const hops = last >= firstSeq ? trace.read(firstSeq, last) : [];
      return ok({ json: JSON.stringify(traceToOtlp(flow, hops)), firstSeq, lastSeq: last, evicted: 0 });
    },
    summary: () => ok({ summary, finished: true }),
    fail: (c) => {
      post({ kind: 'state', status: 'failed', t: lastT, reason: c.reason });
      return ok(null);
    },
    export: () => recordedOnly('be shared as a replay: share the trace file itself'),
  };

  return {
    handle(command) {
      const handler = handlers[command.op] as (c: RunCommand) => Result<unknown>;
      return handler(command);
    },
    dispose() {},
  };
}
