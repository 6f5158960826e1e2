import type { CelRand, FlowEvent, Hop } from '@eventflow/shared';
import type { Random } from '../../engine/random.js';
import type { BrokerTransport } from '../transport.js';
import type { RunClock } from './clock.js';
import type { BrokerPlan } from './plan.js';

/** A hop before the recorder numbers and times it. */
export type HopDraft = Omit<Hop, 'seq' | 't'>;

/** What every part of one broker run shares. */
export interface RunCtx {
  readonly plan: BrokerPlan;
  readonly seed: number;
  readonly transport: BrokerTransport;
  readonly clock: RunClock;
  startedAt: number;
  startEpoch: number;
  readonly maxChainDepth: number;
  /** Flow ms per wall ms (`BrokerRunOptions.speed`). */
  readonly speed: number;
  readonly hops: Hop[];
  readonly events: Map<string, { event: FlowEvent; depth: number }>;
  /** Events created so far (ids are `e<n>`, as in the simulator). */
  eventCount: number;
  /** Root events so far: a root's index seeds its W3C trace id. */
  rootIndex: Map<string, number>;
  readonly topicState: Map<string, { roundRobin: number; next: number[] }>;
  /**
   * Per group with an exactly-once member: event ids processed (the idempotency record those consumers check).
   * Groups without one keep no record: nothing would read it.
   */
  readonly processed: Map<string, Set<string>>;
  /** (publication × subscription) pairs owed an outcome, and outcomes recorded. */
  expected: number;
  accounted: number;
  /** Broker calls not yet answered: the run is not idle while there are any. */
  pendingCalls: number;
  lastHopAt: number;
  /** Set when the broker failed under the run: the run ends with this reason. */
  failure: string | undefined;
  onHop: ((hop: Hop) => void) | undefined;
  onEvent: ((event: FlowEvent) => void) | undefined;
  /** Deliveries that were not an Eventflow envelope: settled, and listed in the result. */
  readonly rejected: string[];
}

/** Ms since the run started, to the microsecond: wall time (times `speed`, so it reads in the flow's ms). */
export const elapsed = (c: RunCtx) => elapsedAt(c, c.clock.now());
const elapsedAt = (c: RunCtx, now: number) => Math.round((now - c.startedAt) * c.speed * 1000) / 1000;

export function record(c: RunCtx, draft: HopDraft): Hop {
  // One clock read per hop: it is the hot path of a fast broker run.
  const now = c.clock.now();
  const hop: Hop = { seq: c.hops.length + 1, t: elapsedAt(c, now), ...draft };
  c.hops.push(hop);
  c.lastHopAt = now;
  c.onHop?.(hop);
  return hop;
}

/** CEL's `rand` over a seeded stream. */
export const celRand = (rng: Random): CelRand => lazyCelRand(() => rng);

/**
 * CEL's `rand` over a stream made on first use: most deliveries of a plain flow draw nothing, and seeding a
 * stream for each would cost more than the rest of the delivery. The draws are the same either way.
 */
export function lazyCelRand(make: () => Random): CelRand {
  let rng: Random | undefined;
  const get = () => (rng ??= make());
  return {
    int: (lo, hi) => get().int(lo, hi),
    float: () => get().float(),
    pick: (xs) => xs[Math.floor(get().float() * xs.length)],
    uuid: () => get().uuid(),
  };
}

export const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A broker call the run waits on; a failure ends the run with the broker's explanation, never a stack. */
export async function call<T>(c: RunCtx, work: Promise<T>): Promise<T | undefined> {
  c.pendingCalls++;
  try {
    return await work;
  } catch (e) {
    c.failure ??= errorMessage(e);
    return undefined;
  } finally {
    c.pendingCalls--;
  }
}
