import type { FlowDoc } from '@eventflow/shared';
import { runOnBroker } from '../../server/src/brokers/runtime/broker-run.js';
import { planBrokerRun } from '../../server/src/brokers/runtime/plan.js';
import type { BrokerKind, TransportFactory } from '../../server/src/brokers/transport.js';

/**
 * Flow ms per wall ms: far above what the flow asks for, so producer pacing never waits. The run's own limit is in
 * flow ms, so it is raised by the same factor below.
 */
const SPEED = 1_000_000;
const MAX_WALL_MS = 60_000;

export interface EventflowRun {
  /** Wall ms from the first `published` hop to the last `acked` hop. */
  readonly ms: number;
  readonly acked: number;
  /** The CloudEvent envelope's size on the broker, for the bare loop to send the same. */
  readonly bodyBytes: number;
}

/** The flow through Eventflow's broker runtime on one broker; fails unless every event was acked. */
export async function runEventflow(
  flow: FlowDoc,
  kind: BrokerKind,
  factory: TransportFactory,
  url: string,
  runId: string,
): Promise<EventflowRun> {
  const transport = await factory.connect(url, runId);
  let first = 0;
  let last = 0;
  let acked = 0;
  const r = await runOnBroker({
    plan: planBrokerRun(flow, kind),
    seed: flow.seed ?? 1,
    transport,
    speed: SPEED,
    maxMs: MAX_WALL_MS * SPEED,
    idleMs: 5_000,
    onHop: (hop) => {
      if (hop.type === 'published' && first === 0) first = performance.now();
      else if (hop.type === 'acked') {
        acked++;
        last = performance.now();
      }
    },
  });
  const expected = r.summary.conservation.expected;
  if (r.end !== 'idle' || acked !== expected)
    throw new Error(
      `the run ended ${r.end} with ${acked} of ${expected} acked${r.reason ? `: ${r.reason}` : ''}`,
    );
  // Every envelope has the same fields; the middle event's stands for them all (offsets differ by a digit or two).
  const middle = r.events.get(`e${Math.ceil(r.events.size / 2)}`);
  const bodyBytes = middle
    ? JSON.stringify({ event: middle, offset: Math.floor(r.events.size / 4) }).length
    : 0;
  return { ms: last - first, acked, bodyBytes };
}
