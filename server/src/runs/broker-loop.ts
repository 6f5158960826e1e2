import { queryStart } from './query-start.js';
import {
  createCountsFold,
  fail,
  ok,
  traceToOtlp,
  type BrokerKind,
  type EdgeMetrics,
  type NodeMetrics,
  type Result,
  type RunStatus,
  type RunSummary,
} from '@eventflow/shared';
import { TRANSPORTS } from '../brokers/registry.js';
import { displayUrl } from '../brokers/broker-url.js';
import { runOnBroker } from '../brokers/runtime/broker-run.js';
import { planBrokerRun } from '../brokers/runtime/plan.js';
import { BrokerUnavailableError } from '../brokers/transport.js';
import { createEngine } from '../engine/index.js';
import { countsAtSeq } from './counts-at-seq.js';
import { createHopStream } from './hop-stream.js';
import type { RunLoop } from './run-loop.js';
import { readPage } from './trace-page.js';
import { createTraceIndex } from './trace-index.js';
import type { LoopInit, RunCommand, StreamMessage } from './worker-protocol.js';

export interface BrokerLoopDeps {
  init: LoopInit & { broker: { kind: BrokerKind; url: string } };
  post: (msg: StreamMessage) => void;
  heapBytes: () => number;
  /** Names the run's resources on the broker (`eventflow.<run>.<topic>`). */
  runName: string;
}

/**
 * A run on a real broker inside its worker: the broker runtime drives the flow, every hop goes into a trace index
 * that answers the same commands the engine's trace does (events list, paths, counts as of a hop, pages), and the
 * same stream of hops, metrics and states reaches the run's room. What only a simulated run can do (pause, step,
 * speed, faults by hand, replays) is refused with the reason.
 */
export function createBrokerLoop(deps: BrokerLoopDeps): RunLoop {
  const { init, post } = deps;
  const { flow, seed, broker } = init;
  const where = `${broker.kind} at ${displayUrl(broker.url)}`;
  const index = createTraceIndex();
  const trace = index.reader;
  const live = createCountsFold(flow);
  const stream = createHopStream(trace, init.stream, (hops, sampled) =>
    post({ kind: 'hops', hops, sampled }),
  );
  const abort = new AbortController();
  let status: RunStatus = 'running';
  let reason: string | undefined = `running on ${where}`;
  let summary: RunSummary | undefined;
  let simulator: RunSummary | undefined;
  let lastT = 0;
  let prev = { t: 0, nodes: new Map<string, number>(), edges: new Map<string, number>() };

  const postState = () =>
    post({
      kind: 'state',
      status,
      t: lastT,
      ...(reason ? { reason } : {}),
      ...(summary ? { summary } : {}),
      ...(simulator ? { broker: { kind: broker.kind, address: displayUrl(broker.url), simulator } } : {}),
    });

  const postMetrics = () => {
    const counts = live.counts();
    const dt = (lastT - prev.t) / 1000;
    const rate = (now: number, before = 0) => (dt > 0 ? (now - before) / dt : 0);
    const nodes: Record<string, NodeMetrics> = {};
    const next = { t: lastT, nodes: new Map<string, number>(), edges: new Map<string, number>() };
    for (const [id, c] of Object.entries(counts.nodes)) {
      const moved = c.in + c.out;
      nodes[id] = { ...c, rate: rate(moved, prev.nodes.get(id)) };
      next.nodes.set(id, moved);
    }
    const edges: Record<string, EdgeMetrics> = {};
    for (const [id, e] of Object.entries(counts.edges)) {
      edges[id] = { count: e.count, rate: rate(e.count, prev.edges.get(id)) };
      next.edges.set(id, e.count);
    }
    prev = next;
    post({ kind: 'metrics', t: lastT, nodes, edges, heapBytes: deps.heapBytes() });
  };

  const flushTimer = setInterval(() => stream.flush(false), init.stream.flushMs);
  const metricsTimer = setInterval(postMetrics, init.stream.metricsMs);
  const stopTimers = () => {
    clearInterval(flushTimer);
    clearInterval(metricsTimer);
  };

  const finish = (end: RunStatus, why: string | undefined) => {
    stopTimers();
    stream.flush(false);
    status = end;
    reason = why;
    postMetrics();
    postState();
  };

  postState();
  void (async () => {
    let transport;
    try {
      transport = await TRANSPORTS[broker.kind].connect(broker.url, deps.runName);
    } catch (e) {
      finish('failed', e instanceof BrokerUnavailableError ? e.message : `${where}: ${String(e)}`);
      return;
    }
    const result = await runOnBroker({
      plan: planBrokerRun(flow, broker.kind),
      seed,
      transport,
      signal: abort.signal,
      maxMs: init.limits.maxCpuMs,
      onEvent: (e) => index.addEvent(e),
      onHop: (h) => {
        index.add(h);
        live.add(h);
        lastT = h.t;
      },
    });
    const { doubleOutcomes: _pairs, ...counted } = result.summary;
    summary = counted;
    simulator = simulate();
    lastT = Math.max(lastT, counted.simulatedMs);
    if (result.end === 'lost') finish('failed', result.reason ?? `${where} was lost`);
    else if (result.end === 'stopped') finish('stopped', 'stopped by a client');
    else if (result.end === 'stalled')
      finish(
        'completed',
        `stalled on ${where}: ${counted.outcomes.inFlight} deliveries had no outcome when nothing moved (the broker removed or withheld them)`,
      );
    else if (result.end === 'until') finish('completed', `stopped at the run's time limit on ${where}`);
    else finish('completed', `completed on ${where}`);
  })();

  /** The same flow and seed in the simulator, to the end: the other side of the comparison. */
  function simulate(): RunSummary | undefined {
    try {
      const engine = createEngine({ flow, seed, storeCapacity: init.limits.storeCapacity });
      engine.run({ maxHops: init.limits.maxHops });
      return engine.summary();
    } catch {
      // A comparison that cannot be made leaves the broker run's own figures standing.
      return undefined;
    }
  }

  const simulatorOnly = (what: string) =>
    fail(
      'invalid-payload',
      `a run on ${where} cannot ${what}: only the simulator can; run it there to do this`,
    );

  const handlers: { [K in RunCommand['op']]: (c: Extract<RunCommand, { op: K }>) => Result<unknown> } = {
    pause: () => simulatorOnly('pause (the broker keeps delivering)'),
    resume: () => simulatorOnly('resume'),
    step: () => simulatorOnly('step hop by hop'),
    advance: () => simulatorOnly('advance time'),
    stop: () => {
      abort.abort();
      return ok(null);
    },
    reset: () => simulatorOnly('reset: start a new run instead'),
    // Wall time paces a broker run: there is no speed to set, and the request is harmless.
    speed: () => ok(null),
    seed: () => simulatorOnly('change its seed: start a new run instead'),
    fire: () => simulatorOnly('fire a producer by hand yet'),
    update: () => simulatorOnly('change a node while it runs'),
    outage: () => simulatorOnly('take a topic down: stop the broker itself'),
    down: () => simulatorOnly('take a consumer down by hand'),
    replay: () => simulatorOnly('replay a group yet'),
    topic: () => simulatorOnly('show a topic’s retained entries: read them with the broker’s own tools'),
    // The plan refuses event stores and projections, so a broker run never has one to read or rebuild.
    projection: () => simulatorOnly('read a projection'),
    rebuild: () => simulatorOnly('rebuild a projection'),
    aggregate: () => simulatorOnly('read an event store'),
    breakpoints: (c) =>
      c.breakpoints.length === 0 ? ok({ enabled: 0 }) : simulatorOnly('pause at a breakpoint'),
    get: (c) => {
      if (!trace.event(c.eventId)) return fail('unknown-event', `no event ${c.eventId} in the run's trace`);
      return ok(trace.path(c.eventId));
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
    summary: () =>
      summary
        ? ok({ summary, finished: true })
        : fail('invalid-payload', `the run on ${where} has not finished yet: its summary comes when it ends`),
    fail: (c) => {
      abort.abort();
      finish('failed', c.reason);
      return ok(null);
    },
    export: () => simulatorOnly('be shared as a replay: export its trace instead'),
  };

  return {
    handle(command) {
      const handler = handlers[command.op] as (c: RunCommand) => Result<unknown>;
      return handler(command);
    },
    dispose() {
      abort.abort();
      stopTimers();
    },
  };
}
