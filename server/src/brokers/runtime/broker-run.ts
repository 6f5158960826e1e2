import { summarizeTrace, toPlainJson, type FlowEvent, type Hop, type TraceSummary } from '@eventflow/shared';
import type { BrokerTransport, SubscriptionSpec, TopicSpec } from '../transport.js';
import { wallClock, type RunClock } from './clock.js';
import { laneOf, onDelivery, type BrokerInstance, type Lane } from './consume.js';
import { celRand, elapsed, errorMessage, record, type RunCtx } from './ctx.js';
import { producerRandom } from './decide.js';
import type { BrokerPlan } from './plan.js';
import { createEvent, route } from './publish-path.js';
import { expireTrimmed, retains } from './retention.js';
import { SentLog } from './sent.js';

export interface BrokerRunOptions {
  readonly plan: BrokerPlan;
  readonly seed: number;
  readonly transport: BrokerTransport;
  readonly clock?: RunClock;
  /** Wall ms after which the run stops, whatever is still in flight. Default 120 s. */
  readonly maxMs?: number;
  /** Wall ms without a hop, once producers are done, after which the run is called stalled. Default 5 s. */
  readonly idleMs?: number;
  readonly maxChainDepth?: number;
  /**
   * Wall time runs this many times faster than the flow's own ms: producer pacing, processing times and retry
   * backoffs are divided by it (default 1). Lets tests and demos run a long design in seconds.
   */
  readonly speed?: number;
  /** Keep the run's streams, keys, queues and topics on the broker for its own tools to read afterwards. */
  readonly keep?: boolean;
  readonly onHop?: (hop: Hop) => void;
  /** Called with each event as it is created, before its first hop. */
  readonly onEvent?: (event: FlowEvent) => void;
  /** Aborting ends the run as `stopped`, keeping the trace so far. */
  readonly signal?: AbortSignal;
}

/**
 * How a broker run ended: every pair had its outcome (`idle`); nothing happened for `idleMs` with pairs still
 * owed one (`stalled`: the broker removed or withheld messages); `until` (maxMs); `stopped` by the user; or
 * `lost`: the broker failed under the run, whose trace so far is kept.
 */
export type BrokerRunEnd = 'idle' | 'stalled' | 'until' | 'stopped' | 'lost';

export interface BrokerRunResult {
  readonly end: BrokerRunEnd;
  /** The broker's explanation when `end` is `lost`. */
  readonly reason?: string;
  readonly hops: readonly Hop[];
  readonly summary: TraceSummary;
  /** Figures the broker itself reported at the end (stream info, XLEN/XPENDING, queue depth). */
  readonly broker: Readonly<Record<string, number>>;
  readonly events: ReadonlyMap<string, FlowEvent>;
  readonly rejected: readonly string[];
  /** Epoch ms of the run's t = 0 (hop times are ms after it). */
  readonly startedAtEpoch: number;
}

/**
 * Runs a planned flow on a real broker: Eventflow's producers publish through the transport, Eventflow's
 * consumer instances receive what the broker delivers and decide (from the seed) what processing does, and
 * every step is a hop in the same trace format a simulated run writes, with where it happened on the broker.
 */
export async function runOnBroker(options: BrokerRunOptions): Promise<BrokerRunResult> {
  const { plan, transport } = options;
  const base = options.clock ?? wallClock;
  const speed = options.speed ?? 1;
  const clock: RunClock = speed === 1 ? base : { ...base, sleep: (ms) => base.sleep(ms / speed) };
  const c: RunCtx = {
    plan,
    seed: options.seed >>> 0,
    transport,
    clock,
    startedAt: clock.now(),
    startEpoch: clock.epochMs(),
    maxChainDepth: options.maxChainDepth ?? 16,
    speed,
    hops: [],
    events: new Map(),
    eventCount: 0,
    isoMs: Number.NaN,
    iso: '',
    sources: new Map(),
    topicState: new Map(
      [...plan.topics].map(([id, t]) => [
        id,
        {
          roundRobin: 0,
          next: new Array<number>(t.partitions).fill(0),
          ids:
            retains(t) || transport.capabilities.dropsWhenFull
              ? Array.from({ length: t.partitions }, () => [])
              : undefined,
          sent: Array.from({ length: t.partitions }, () => new SentLog()),
        },
      ]),
    ),
    processed: new Map(
      [...plan.consumers.values()]
        .filter((k) => k.config.delivery === 'exactly-once')
        .map((k) => [k.group, new Set<string>()]),
    ),
    expected: 0,
    accounted: 0,
    pendingCalls: 0,
    settled: () => {
      c.pendingCalls--;
    },
    failed: (e) => {
      c.pendingCalls--;
      c.failure ??= errorMessage(e);
    },
    lastHopAt: clock.now(),
    failure: undefined,
    onHop: options.onHop,
    onEvent: options.onEvent,
    rejected: [],
  };
  transport.onLost?.((e) => (c.failure ??= e.message));
  let stopped = false;
  options.signal?.addEventListener('abort', () => (stopped = true), { once: true });

  const topics: TopicSpec[] = [...plan.topics].map(([topic, t]) => ({
    topic,
    partitions: t.partitions,
    retention: retains(t)
      ? { maxMessages: t.retention.maxEvents, maxAgeMs: t.retention.maxAgeMs }
      : undefined,
  }));
  const subscriptions: { spec: SubscriptionSpec; inst: BrokerInstance; lane: Lane }[] = [];
  for (const sub of plan.subscriptions) {
    const partitions = plan.topics.get(sub.topic)!.partitions;
    for (const member of sub.members) {
      const consumer = plan.consumers.get(member.consumer);
      if (!consumer) continue;
      for (let i = 0; i < consumer.config.instances; i++) {
        const inst: BrokerInstance = { consumer, ordinal: i, paths: member.paths, queue: [], busy: false };
        for (let p = 0; p < partitions; p++)
          subscriptions.push({
            spec: { topic: sub.topic, partition: p, group: sub.group, instance: `${consumer.id}.${i}` },
            inst,
            lane: laneOf(c, sub.group, sub.topic, p),
          });
      }
    }
  }

  let end: BrokerRunEnd = 'idle';
  try {
    // Everything exists before the first publication, so nothing is lost to a subscription that is not there yet.
    await transport.declare(
      topics,
      subscriptions.map((s) => s.spec),
    );
    for (const { spec, inst, lane } of subscriptions)
      await transport.subscribe(spec, (d) => onDelivery(c, inst, lane, d));
    c.startedAt = clock.now();
    c.startEpoch = clock.epochMs();
    c.lastHopAt = c.startedAt;
    let producing = plan.producers.length;
    for (const p of plan.producers) void produceAll(c, p, () => stopped).finally(() => producing--);
    const maxMs = options.maxMs ?? 120_000;
    const idleMs = options.idleMs ?? 5_000;
    for (;;) {
      await base.sleep(10);
      if (c.failure !== undefined) {
        end = 'lost';
        break;
      }
      if (stopped) {
        end = 'stopped';
        break;
      }
      const settled = producing === 0 && c.pendingCalls === 0 && c.accounted >= c.expected;
      if (settled) break;
      const now = clock.now();
      if ((now - c.startedAt) * speed > maxMs) {
        end = 'until';
        break;
      }
      if (producing === 0 && now - c.lastHopAt > idleMs) {
        // Quiet with pairs owed: on a topic with retention, what was never delivered is what the broker trimmed.
        expireTrimmed(c);
        end = c.pendingCalls === 0 && c.accounted >= c.expected ? 'idle' : 'stalled';
        break;
      }
    }
  } catch (e) {
    c.failure ??= errorMessage(e);
    end = 'lost';
  }
  const endMs = elapsed(c);
  let broker: Record<string, number> = {};
  if (end !== 'lost') broker = { ...(await transport.inspect().catch(() => ({}))) };
  await transport.close({ keep: options.keep ?? false }).catch(() => undefined);
  const events = new Map([...c.events].map(([id, e]) => [id, e.event]));
  return {
    end,
    reason: end === 'lost' ? c.failure : undefined,
    hops: c.hops,
    summary: summarizeTrace(plan.flow, c.hops, {
      seed: c.seed,
      endMs,
      keyOf: (id) => events.get(id)?.partitionkey,
    }),
    broker,
    events,
    rejected: c.rejected,
    startedAtEpoch: c.startEpoch,
  };
}

/** Broker calls in flight at most before producers wait: enough to pipeline, few enough to interleave. */
const MAX_PENDING_CALLS = 1024;

/** One producer's events, paced by wall time: a fixed grid or Poisson arrivals at its rate, up to its count. */
async function produceAll(c: RunCtx, p: BrokerPlan['producers'][number], stopped: () => boolean) {
  const { rate, count = 0, arrival, eventType } = p.config;
  if (rate <= 0) return;
  const rng = producerRandom(c.seed, p.id);
  const rand = celRand(rng);
  const mean = 1000 / rate;
  let due = 0;
  for (let seq = 1; seq <= count; seq++) {
    due = arrival === 'poisson' ? due + rng.exponential(mean) : (seq - 1) * mean;
    const wait = due - (c.clock.now() - c.startedAt) * c.speed;
    if (wait > 0) await c.clock.sleep(wait);
    if (stopped() || c.failure !== undefined) return;
    // Wait for the broker to take what was published already before adding more: a slow broker slows the run,
    // it never piles up unbounded unsent messages. A producer that is behind its schedule still gives the
    // broker's replies and deliveries a turn now and then, so consumers start while it catches up.
    while (c.pendingCalls > MAX_PENDING_CALLS) await c.clock.turn();
    if (seq % 128 === 0) await c.clock.turn();
    const now = Math.floor((c.clock.now() - c.startedAt) * c.speed);
    let data: unknown = { seq };
    let key: string | undefined;
    let error: string | undefined;
    try {
      if (p.payload) data = toPlainJson(p.payload.evaluate({ seq, now, rand }));
    } catch (e) {
      error = `payload failed: ${errorMessage(e)}`;
    }
    if (!error && p.key) {
      try {
        const k = toPlainJson(p.key.evaluate({ data, seq, now, rand }));
        key = typeof k === 'string' ? k : JSON.stringify(k);
      } catch (e) {
        error = `key failed: ${errorMessage(e)}`;
      }
    }
    const { event, trace } = createEvent(c, p.id, eventType, error ? null : data, key);
    record(c, { seq: 0, t: 0, type: 'produced', event: event.id, trace, node: p.id });
    if (error) {
      record(c, {
        seq: 0,
        t: 0,
        type: 'dropped',
        event: event.id,
        trace,
        node: p.id,
        reason: error,
      });
      continue;
    }
    route(c, event, trace, p.id, rand);
  }
}
