import type { CelRand, FlowEvent, Hop } from '@eventflow/shared';
import type { Random } from '../../engine/random.js';
import type { BrokerTransport } from '../transport.js';
import type { RunClock } from './clock.js';
import type { BrokerPlan } from './plan.js';
import type { SentLog } from './sent.js';

/**
 * A hop before the recorder numbers and times it: built whole, with 0 for `seq` and `t` (first, so every hop's
 * fields come in the same order), which `record` then writes in place. One object per hop: a broker run writes five
 * or more per event, and a draft copied into the hop doubled that garbage.
 */
export type HopDraft = Hop;

/** An event the run created, with what its hops and children need from it. */
export interface EventEntry {
  readonly event: FlowEvent;
  /** Chain depth: 0 for a producer's event. */
  readonly depth: number;
  /** Index of the chain's root event: it seeds the W3C trace id. */
  readonly rootIndex: number;
  /** The W3C trace id (`traceOf(event)`). */
  readonly trace: string;
}

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
  readonly events: Map<string, EventEntry>;
  /** Events created so far (ids are `e<n>`, as in the simulator). */
  eventCount: number;
  /** The last event `time` made, and its epoch ms: events of one ms share the string. */
  isoMs: number;
  iso: string;
  /** Each node's CloudEvent `source` (`/nodes/<id>`). */
  readonly sources: Map<string, string>;
  /**
   * Per flow topic: the round-robin cursor, the next offset per partition and, on a topic with retention, the
   * event published at each offset (what the broker may remove unread: see retention.ts), and per partition the
   * envelopes not yet delivered to every group (sent.ts).
   */
  readonly topicState: Map<string, { roundRobin: number; next: number[]; ids?: string[][]; sent: SentLog[] }>;
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
  /** `call`'s handlers for an answer and for a failure. */
  readonly settled: () => void;
  readonly failed: (error: unknown) => void;
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

export function record(c: RunCtx, hop: HopDraft): Hop {
  // One clock read per hop: it is the hot path of a fast broker run.
  const now = c.clock.now();
  hop.seq = c.hops.length + 1;
  hop.t = elapsedAt(c, now);
  c.hops.push(hop);
  c.lastHopAt = now;
  c.onHop?.(hop);
  return hop;
}

/** CEL's `rand` over a seeded stream. */
export function celRand(rng: Random): CelRand {
  return {
    int: (lo, hi) => rng.int(lo, hi),
    float: () => rng.float(),
    pick: (xs) => xs[Math.floor(rng.float() * xs.length)],
    uuid: () => rng.uuid(),
  };
}

export const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * A broker call the run waits on (its idle check counts it); a failure ends the run with the broker's
 * explanation, never a stack. The handlers are made once per run: there is a call for every publish and ack.
 */
export function call(c: RunCtx, work: Promise<unknown>): void {
  c.pendingCalls++;
  void work.then(c.settled, c.failed);
}
