import { nextRateChange, rateAt, type CelRand } from '@eventflow/shared';
import { H } from '../../hop-codes.js';
import { errorMessage, hop, TASK, type Ctx } from '../../ctx.js';
import { route } from '../../route.js';
import { reasonCode, type RtProducer } from '../../state.js';

/**
 * Schedules a producer's next tick from `from` (simulated ms), honouring its rate, rate schedule, arrival
 * model and count. A tick that would fall at or past the schedule's next change is replaced by a rate task
 * there, which restarts arrivals at the new rate (so each segment is its own fixed grid or Poisson stream).
 */
export function scheduleNext(s: Ctx, p: RtProducer, from: number, first = false) {
  const cfg = p.config;
  const rate = cfg.schedule ? rateAt(cfg.rate, cfg.schedule, from) : cfg.rate;
  const change = cfg.schedule ? nextRateChange(cfg.schedule, from) : Infinity;
  if (rate <= 0) {
    if (change < Infinity) s.sched.push(change, TASK.rate, p.node, p.gen);
    return;
  }
  if (cfg.count !== undefined && p.produced >= cfg.count) return;
  if (s.producedRoots >= s.maxEvents) {
    p.halted = true;
    return;
  }
  const mean = 1000 / rate;
  let at: number;
  if (cfg.arrival === 'poisson') at = from + s.rng.exponential(mean);
  else {
    if (first) {
      p.base = from;
      p.ticks = 0;
    } else p.ticks++;
    at = p.base + p.ticks * mean;
  }
  if (at >= change) s.sched.push(change, TASK.rate, p.node, p.gen);
  else s.sched.push(at, TASK.produce, p.node, p.gen);
}

/** The schedule changed the rate: arrivals restart from now (a fixed grid's first tick is now). */
export function onRate(s: Ctx, p: RtProducer, gen: number) {
  if (gen !== p.gen) return;
  scheduleNext(s, p, s.now, true);
}

export function onProduce(s: Ctx, p: RtProducer, gen: number) {
  if (gen !== p.gen) return;
  if (s.producedRoots >= s.maxEvents) {
    p.halted = true;
    return;
  }
  produce(s, p, undefined, false);
  scheduleNext(s, p, s.now);
}

// One reused variables object: a fresh one per event was a measurable share of GC time.
const producerVars: { seq: number; now: number; rand: CelRand | undefined; data: unknown; key: null } = {
  seq: 0,
  now: 0,
  rand: undefined,
  data: undefined,
  key: null,
};

/** Creates one root event from a producer (its payload expression, or `given` data) and routes it. */
export function produce(s: Ctx, p: RtProducer, given: unknown, hasGiven: boolean): number {
  const seq = ++p.produced;
  s.producedRoots++;
  const type = s.typeIndex.get(p.config.eventType)!;
  let data: unknown = { seq };
  let key: string | undefined;
  let error: string | undefined;
  const base = producerVars;
  base.seq = seq;
  base.now = Math.floor(s.now);
  base.rand = s.vars.rand;
  base.data = undefined;
  try {
    if (hasGiven) data = given;
    // A payload expression's result is plain JSON already (`CompiledExpr.evaluate`): no second copy.
    else if (p.payload) data = p.payload.evaluate(base);
  } catch (e) {
    error = `payload failed: ${errorMessage(e)}`;
  }
  if (!error && p.key) {
    try {
      base.data = data;
      const k = p.key.evaluate(base);
      key = typeof k === 'string' ? k : JSON.stringify(k);
    } catch (e) {
      error = `key failed: ${errorMessage(e)}`;
    }
  }
  const keyId = key === undefined ? -1 : s.events.internKey(key);
  const event = s.events.add(type, p.node, s.now, -1, -1, 0, keyId, error ? null : data);
  hop(s, H.produced, event, p.node);
  s.counters.produced++;
  s.counters.lastProducedAt = s.now;
  if (error) {
    hop(s, H.dropped, event, p.node, -1, -1, -1, -1, -1, 0, reasonCode(s, error));
    s.counters.nodeDropped[p.node]!++;
    return event;
  }
  s.counters.nodeOut[p.node]!++;
  route(s, event, p.node);
  return event;
}

/** Creates an event chained from `parent` (an emit); returns -1 when the chain is too deep (it is dropped). */
export function createChild(s: Ctx, parent: number, consumer: number, type: number, data: unknown): number {
  const depth = s.events.depth(parent) + 1;
  const child = s.events.add(
    type,
    consumer,
    s.now,
    parent,
    s.events.root(parent),
    Math.min(depth, 255),
    s.events.keyId(parent), // a chained event keeps its parent's key
    data,
  );
  hop(s, H.emitted, child, consumer);
  s.counters.emitted++;
  s.counters.nodeOut[consumer]!++;
  if (depth > s.maxChainDepth) {
    hop(
      s,
      H.dropped,
      child,
      consumer,
      -1,
      -1,
      -1,
      -1,
      -1,
      0,
      reasonCode(s, `chain depth ${depth} exceeds maxChainDepth ${s.maxChainDepth}`),
    );
    s.counters.nodeDropped[consumer]!++;
    return -1;
  }
  return child;
}
