import {
  BrokerEnvelope,
  toPlainJson,
  type CelRand,
  type FlowEvent,
  type SubscriptionPath,
} from '@eventflow/shared';
import type { Random } from '../../engine/random.js';
import type { Delivery } from '../transport.js';
import { call, celRand, errorMessage, record, type HopDraft, type RunCtx } from './ctx.js';
import { attemptRandom, backoffMs, sampleMs } from './decide.js';
import type { PlannedConsumer } from './plan.js';
import { createEvent, evaluate, eventVars, publish, route, traceOf } from './publish-path.js';
import { brokerSchemaFailure } from './schema-read.js';

/** One consumer instance on the broker: it handles one delivery at a time, as a simulated instance does. */
export interface BrokerInstance {
  readonly consumer: PlannedConsumer;
  readonly ordinal: number;
  readonly paths: readonly SubscriptionPath[];
  /** Deliveries wait here while the instance is busy (the broker hands over a batch, up to its prefetch). */
  readonly queue: { topic: string; partition: number; d: Delivery }[];
  busy: boolean;
}

/**
 * Per (group, topic, partition, offset): attempts so far and the path the event took into the group (undefined:
 * the group's filters dropped it on its first delivery).
 */
interface PairState {
  attempts: number;
  edge: string | undefined;
}

const pairs = new WeakMap<RunCtx, Map<string, PairState>>();
export const pairKeyOf = (group: string, topic: string, partition: number, offset: number) =>
  `${group}|${topic}|${partition}|${offset}`;

/** Every pair the broker has delivered at least once in this run. */
export const pairsOf = (c: RunCtx) => {
  let m = pairs.get(c);
  if (!m) pairs.set(c, (m = new Map()));
  return m;
};

/**
 * Sends an ack or nak without waiting for the broker's answer, as broker clients do: the instance goes on to its
 * next delivery while the settle travels. The run's idle check still waits for every answer (`pendingCalls`).
 */
const settle = call;

export function onDelivery(
  c: RunCtx,
  inst: BrokerInstance,
  topic: string,
  partition: number,
  d: Delivery,
): void {
  inst.queue.push({ topic, partition, d });
  if (!inst.busy) void drain(c, inst);
}

/** Handles the instance's deliveries in arrival order, one at a time, until none waits. */
async function drain(c: RunCtx, inst: BrokerInstance): Promise<void> {
  inst.busy = true;
  try {
    for (let next = inst.queue.shift(); next; next = inst.queue.shift()) {
      const busy = handle(c, inst, next.topic, next.partition, next.d);
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
function handle(
  c: RunCtx,
  inst: BrokerInstance,
  topic: string,
  partition: number,
  d: Delivery,
): Promise<void> | undefined {
  if (c.failure !== undefined) return;
  const env = parse(d);
  if (typeof env === 'string') {
    // Not ours (or damaged): settle it so the broker does not redeliver it forever, and say so once per message.
    c.rejected.push(`${d.location.resource} ${d.location.messageId}: ${env}`);
    settle(c, d.ack());
    return;
  }
  const { event, offset } = env;
  const cons = inst.consumer;
  const cfg = cons.config;
  const group = cons.group;
  const pairKey = pairKeyOf(group, topic, partition, offset);
  const pairMap = pairsOf(c);
  let pair = pairMap.get(pairKey);
  const at = { event: event.id, trace: traceOf(event), group, partition, offset };
  if (!pair) {
    const edge = passPaths(c, inst.paths, event, at, group);
    pair = { attempts: 0, edge };
    pairMap.set(pairKey, pair);
    if (edge === undefined) c.accounted++;
  }
  // Filtered out (now or on an earlier delivery of the same message): its outcome is written already.
  if (pair.edge === undefined) {
    settle(c, d.ack());
    return;
  }
  const attempt = ++pair.attempts;
  const mine = { ...at, node: cons.id, instance: inst.ordinal, attempt };
  record(c, { ...mine, type: 'delivered', edge: pair.edge, broker: d.location });
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

function skipDuplicate(c: RunCtx, mine: Place, d: Delivery): undefined {
  record(c, { ...mine, type: 'duplicate-skipped', reason: 'already processed by this group' });
  finish(c, mine, 'acked');
  settle(c, d.ack());
  return undefined;
}

/** After processing time: the attempt's outcome (processed and acked, failed and retried, or given up). */
function commit(
  c: RunCtx,
  inst: BrokerInstance,
  d: Delivery,
  mine: Place & { attempt: number },
  event: FlowEvent,
  rng: Random | undefined,
): Promise<void> | undefined {
  const cons = inst.consumer;
  const cfg = cons.config;
  const onceAcked = cfg.delivery === 'at-most-once';
  const processed = c.processed.get(cons.group);
  // Checked again at commit: another instance may have processed the same event meanwhile.
  if (cfg.delivery === 'exactly-once' && processed?.has(event.id)) return skipDuplicate(c, mine, d);
  // As in the engine: an event it cannot read fails where processing would, and draws no failure. An upcaster
  // may call rand(), so a flow with schemas gets the attempt's stream even where nothing else draws.
  let failure = c.plan.flow.schemas?.length
    ? brokerSchemaFailure(
        c.plan,
        cons,
        event,
        celRand(rng ?? attemptRandom(c.seed, event.id, cons.group, mine.attempt)),
      )
    : undefined;
  if (!failure && rng && cfg.failureRate > 0 && rng.float() < cfg.failureRate)
    failure = `processing failed (failureRate ${cfg.failureRate})`;
  let payloads: unknown[] | undefined;
  if (!failure && rng && cons.emits.length) {
    try {
      const vars = eventVars(event, celRand(rng));
      payloads = cons.emits.map((e) => (e.payload ? toPlainJson(e.payload.evaluate(vars)) : event.data));
    } catch (e) {
      failure = `emit payload failed: ${errorMessage(e)}`;
    }
  }
  if (failure) {
    record(c, { ...mine, type: 'failed', reason: failure });
    if (onceAcked)
      giveUp(
        c,
        cons,
        mine,
        event,
        'at-most-once: acknowledged on delivery, so a failure loses the event',
        false,
      );
    else retryOrGiveUp(c, cons, mine, event, d, failure);
    return;
  }
  record(c, { ...mine, type: 'processed' });
  processed?.add(event.id);
  payloads?.forEach((data, i) => emitChild(c, cons, event, cons.emits[i]!.eventType, data, undefined));
  if (rng && !onceAcked && cfg.ackLossRate > 0 && rng.float() < cfg.ackLossRate) {
    retryOrGiveUp(c, cons, mine, event, d, 'ack lost after processing');
    return;
  }
  finish(c, mine, 'acked');
  if (!onceAcked) settle(c, d.ack());
}

type Place = Omit<HopDraft, 'type'> & { node: string };

/** The subscription's filters for a first delivery: the arriving edge of the first path that passes. */
function passPaths(
  c: RunCtx,
  paths: readonly SubscriptionPath[],
  event: FlowEvent,
  at: Omit<HopDraft, 'type' | 'node'>,
  group: string,
): string | undefined {
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
      if (r === true) record(c, { ...at, node: filter, edge, type: 'routed' });
      else {
        passed = false;
        record(c, {
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

function finish(
  c: RunCtx,
  at: Place,
  type: 'acked' | 'dropped' | 'dead-lettered',
  extra: Partial<HopDraft> = {},
) {
  record(c, { ...at, type, ...extra });
  c.accounted++;
}

function retryOrGiveUp(
  c: RunCtx,
  cons: PlannedConsumer,
  at: Place & { attempt: number },
  event: FlowEvent,
  d: Delivery,
  why: string,
): void {
  const cfg = cons.config;
  if (at.attempt >= cfg.maxAttempts) {
    giveUp(c, cons, at, event, `gave up after ${at.attempt} attempts: ${why}`, true);
    settle(c, d.ack());
    return;
  }
  const delay = backoffMs(cfg.backoffMs, at.attempt);
  record(c, {
    ...at,
    type: 'retry-scheduled',
    reason: `${why}; attempt ${at.attempt + 1} of ${cfg.maxAttempts} in ${delay} ms`,
  });
  // The broker holds the event for the backoff and redelivers it: the next attempt is a real redelivery.
  settle(c, d.nak(delay / c.speed));
}

/** Done without success: dead-lettered to the consumer's DLQ topic (published there for real) or dropped. */
function giveUp(
  c: RunCtx,
  cons: PlannedConsumer,
  at: Place,
  event: FlowEvent,
  why: string,
  deadLetter: boolean,
) {
  const dlq = deadLetter ? cons.deadLetter : undefined;
  if (dlq) {
    finish(c, at, 'dead-lettered', { edge: dlq.edge, reason: why });
    publish(c, event, dlq.topic, dlq.edge);
  } else finish(c, at, 'dropped', { reason: deadLetter ? `${why}; no dead-letter queue` : why });
  if (!cons.emitsOnGiveUp.length) return;
  const vars = eventVars(event, celRand(attemptRandom(c.seed, event.id, `${cons.group}:give-up`, 1)));
  for (const e of cons.emitsOnGiveUp) {
    let data: unknown;
    let error: string | undefined;
    try {
      data = e.payload ? toPlainJson(e.payload.evaluate(vars)) : event.data;
    } catch (err) {
      error = `compensation payload failed: ${errorMessage(err)}`;
    }
    emitChild(c, cons, event, e.eventType, error ? null : data, error);
  }
}

/** A child event from a consumer: emitted, then published along the consumer's out-edges (or dropped). */
function emitChild(
  c: RunCtx,
  cons: PlannedConsumer,
  parent: FlowEvent,
  type: string,
  data: unknown,
  error: string | undefined,
) {
  const { event, depth } = createEvent(c, cons.id, type, data, parent.partitionkey, parent);
  const base = { event: event.id, trace: traceOf(event), node: cons.id };
  record(c, { ...base, type: 'emitted', parent: parent.id });
  if (depth > c.maxChainDepth) {
    record(c, {
      ...base,
      type: 'dropped',
      reason: `chain depth ${depth} exceeds maxChainDepth ${c.maxChainDepth}`,
    });
    return;
  }
  if (error) {
    record(c, { ...base, type: 'dropped', reason: error });
    return;
  }
  route(c, event, cons.id, celRand(attemptRandom(c.seed, event.id, cons.group, 0)));
}
