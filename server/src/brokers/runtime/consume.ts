import { BrokerEnvelope, type CelRand, type FlowEvent, type SubscriptionPath } from '@eventflow/shared';
import type { Delivery } from '../transport.js';
import { commit } from './commit.js';
import { celRand, errorMessage, record, type HopDraft, type RunCtx } from './ctx.js';
import { attemptRandom, sampleMs } from './decide.js';
import { settle, skipDuplicate } from './outcome.js';
import type { PlannedConsumer } from './plan.js';
import { evaluate, eventVars, traceOf } from './publish-path.js';
import { SentLog, tailOffset } from './sent.js';

/**
 * A delivery from the broker, up to processing: parsed, passed through the group's filters on its first delivery,
 * traced `delivered`, then processed after the attempt's processing time (commit.ts), whose outcome is an ack, a
 * redelivery or a give-up (give-up.ts).
 */

/** One consumer instance on the broker: it handles one delivery at a time, as a simulated instance does. */
export interface BrokerInstance {
  readonly consumer: PlannedConsumer;
  readonly ordinal: number;
  readonly paths: readonly SubscriptionPath[];
  /** Deliveries wait here while the instance is busy (the broker hands over a batch, up to its prefetch). */
  readonly queue: { lane: Lane; d: Delivery }[];
  busy: boolean;
}

/**
 * Per pair, once the broker has delivered it: attempts so far and the path the event took into the group
 * (undefined: the group's filters dropped it on its first delivery).
 */
interface PairState {
  attempts: number;
  edge: string | undefined;
}

/**
 * One (group, topic, partition): its pairs by offset. Eventflow gives a partition's offsets densely from 0, so an
 * array indexed by offset holds them, and a delivery finds its pair without building a key. Every instance of the
 * group reading the partition shares the lane: a redelivery can go to another instance.
 */
export interface Lane {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly pairs: (PairState | undefined)[];
  /** What the run published on this topic and partition, for deliveries to be matched against. */
  readonly sent: SentLog;
}

const lanes = new WeakMap<RunCtx, Map<string, Lane>>();

/** The run's lane for (group, topic, partition), made on first use. */
export function laneOf(c: RunCtx, group: string, topic: string, partition: number): Lane {
  let m = lanes.get(c);
  if (!m) lanes.set(c, (m = new Map()));
  const key = `${group}|${topic}|${partition}`;
  let lane = m.get(key);
  const sent = c.topicState.get(topic)?.sent[partition] ?? new SentLog();
  if (!lane) m.set(key, (lane = { group, topic, partition, pairs: [], sent }));
  return lane;
}

/** Whether the broker has delivered this pair at least once in this run. */
export const wasDelivered = (c: RunCtx, group: string, topic: string, partition: number, offset: number) =>
  lanes.get(c)?.get(`${group}|${topic}|${partition}`)?.pairs[offset] !== undefined;

/**
 * A delivery for an instance. An idle instance handles it within the transport's callback, with no queue entry
 * and no promise; a busy one queues it.
 */
export function onDelivery(c: RunCtx, inst: BrokerInstance, lane: Lane, d: Delivery): void {
  if (inst.busy) {
    inst.queue.push({ lane, d });
    return;
  }
  inst.busy = true;
  let waits: Promise<void> | undefined;
  try {
    waits = handle(c, inst, lane, d);
  } catch (e) {
    c.failure ??= errorMessage(e);
  }
  if (waits)
    void waits.then(
      () => drain(c, inst),
      (e: unknown) => {
        c.failure ??= errorMessage(e);
        inst.busy = false;
      },
    );
  else if (inst.queue.length > 0) void drain(c, inst);
  else inst.busy = false;
}

/** Handles the instance's queued deliveries in arrival order, one at a time, until none waits. */
async function drain(c: RunCtx, inst: BrokerInstance): Promise<void> {
  inst.busy = true;
  try {
    for (let next = inst.queue.shift(); next; next = inst.queue.shift()) {
      const busy = handle(c, inst, next.lane, next.d);
      if (busy) await busy;
    }
  } catch (e) {
    c.failure ??= errorMessage(e);
  } finally {
    inst.busy = false;
  }
}

const utf8 = new TextDecoder();

/** Parses what the broker delivered: anything that is not an envelope Eventflow wrote is settled and named. */
function parse(d: Delivery): BrokerEnvelope | string {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(d.body));
  } catch {
    return 'the message is not JSON';
  }
  const r = BrokerEnvelope.safeParse(json);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  return `${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}`;
}

/**
 * One delivery, start to settle. Returns a promise only when the delivery waits (processing time, a retry): an
 * instant delivery is handled within the call, so a busy instance does not pay a promise per message.
 */
function handle(c: RunCtx, inst: BrokerInstance, lane: Lane, d: Delivery): Promise<void> | undefined {
  if (c.failure !== undefined) return;
  // The bytes this run published at that offset are that envelope, checked already; anything else is parsed.
  let offset = tailOffset(d.body);
  let known = offset >= 0 ? lane.sent.match(offset, d.body) : undefined;
  let event: FlowEvent;
  if (known) event = known.event;
  else {
    const env = parse(d);
    if (typeof env === 'string') {
      // Not ours (or damaged): settle it so the broker does not redeliver it forever, and say so once per message.
      c.rejected.push(`${d.location.resource} ${d.location.messageId}: ${env}`);
      settle(c, d.ack());
      return;
    }
    ({ event, offset } = env);
    // The hops name the event with the strings its own entry holds, so the delivered copy's id and traceparent
    // die young instead of being kept by every hop of the attempt.
    known = c.events.get(event.id);
  }
  const cons = inst.consumer;
  const cfg = cons.config;
  const { group, partition } = lane;
  let pair = lane.pairs[offset];
  const id = known?.event.id ?? event.id;
  const trace = known?.trace ?? traceOf(event);
  if (!pair) {
    lane.sent.firstDelivered(offset);
    const edge = passPaths(c, inst.paths, event, { event: id, trace, group, partition, offset });
    pair = { attempts: 0, edge };
    lane.pairs[offset] = pair;
    if (edge === undefined) c.accounted++;
  }
  // Filtered out (now or on an earlier delivery of the same message): its outcome is written already.
  if (pair.edge === undefined) {
    settle(c, d.ack());
    return;
  }
  const attempt = ++pair.attempts;
  // The attempt's place, written once: every hop of the attempt is a copy of it with its own type.
  const mine = {
    seq: 0,
    t: 0,
    type: 'delivered' as const,
    event: id,
    trace,
    group,
    partition,
    offset,
    node: cons.id,
    instance: inst.ordinal,
    attempt,
  };
  record(c, { ...mine, edge: pair.edge, broker: d.location });
  const processed = c.processed.get(group);
  // At-most-once acknowledges on delivery, for real: the broker will never hand this message over again.
  const onceAcked = cfg.delivery === 'at-most-once';
  if (onceAcked) settle(c, d.ack());
  if (cfg.delivery === 'exactly-once' && processed?.has(event.id)) return skipDuplicate(c, mine, d);
  // Seeded only for a consumer that draws: instant, never-failing processing draws nothing, and the draws are
  // the same either way.
  const rng = cons.draws ? attemptRandom(c.seed, event.id, group, attempt) : undefined;
  // A timer costs a millisecond or more even for 0 ms: instant processing does not wait for one.
  const ms =
    typeof cfg.processingMs === 'number' ? cfg.processingMs : rng ? sampleMs(rng, cfg.processingMs) : 0;
  if (ms > 0)
    return c.clock.sleep(ms).then(() => {
      if (c.failure === undefined) return commit(c, inst, d, mine, event, rng);
    });
  return commit(c, inst, d, mine, event, rng);
}

/** The subscription's filters for a first delivery: the arriving edge of the first path that passes. */
function passPaths(
  c: RunCtx,
  paths: readonly SubscriptionPath[],
  event: FlowEvent,
  at: Pick<HopDraft, 'event' | 'trace' | 'group' | 'partition' | 'offset'>,
): string | undefined {
  const group = at.group!;
  // Made only when a filter runs: most subscriptions have none.
  let rand: CelRand | undefined;
  for (const path of paths) {
    let passed = true;
    for (let f = 0; f < path.filters.length && passed; f++) {
      const filter = path.filters[f]!;
      const expr = c.plan.filters.get(filter)!;
      const edge = path.edges[f]!;
      rand ??= celRand(attemptRandom(c.seed, event.id, group, 1));
      const vars = eventVars(event, rand);
      const r = evaluate(() => expr.evaluate(vars), 'filter');
      if (r === true) record(c, { seq: 0, t: 0, ...at, node: filter, edge, type: 'routed' });
      else {
        passed = false;
        record(c, {
          seq: 0,
          t: 0,
          ...at,
          node: filter,
          edge,
          type: r === false ? 'filtered' : 'filter-error',
          reason: r === false ? `did not match ${expr.source}` : r,
        });
      }
    }
    if (passed) return path.edges[path.edges.length - 1]!;
  }
  return undefined;
}
