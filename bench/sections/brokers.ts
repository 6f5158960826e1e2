import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { BROKER_KINDS, type FlowDoc } from '@eventflow/shared';
import { TRANSPORTS } from '../../server/src/brokers/registry.js';
import { brokerReachable } from '../../server/src/brokers/test-support.js';
import type { BrokerKind } from '../../server/src/brokers/transport.js';
import type { BareLoop } from '../brokers/bare.js';
import { bareMqtt } from '../brokers/bare-mqtt.js';
import { bareNats } from '../brokers/bare-nats.js';
import { bareRabbitmq } from '../brokers/bare-rabbitmq.js';
import { bareRedis } from '../brokers/bare-redis.js';
import { runEventflow } from '../brokers/eventflow-run.js';
import { fmt, median } from '../lib.js';
import { loadBenchFlow } from '../reference.js';
import type { BenchRow, BenchSection } from './section.js';

const GOAL_RATIO = 0.5;

/** The brokers the CI machine runs on 127.0.0.1, each with its hand-written client loop. */
const BROKERS: readonly { kind: BrokerKind; url: string; bare: BareLoop }[] = [
  { kind: 'redis', url: 'redis://127.0.0.1:6379', bare: bareRedis },
  { kind: 'nats', url: 'nats://127.0.0.1:4222', bare: bareNats },
  { kind: 'rabbitmq', url: 'amqp://guest:guest@127.0.0.1:5672', bare: bareRabbitmq },
  { kind: 'mqtt', url: 'mqtt://127.0.0.1:1883', bare: bareMqtt },
];

export interface BrokersOptions {
  /** Measured repetitions per broker after one warm-up (small: each is a real round trip through the broker). */
  readonly reps: number;
  /** Events the producer sends per run; the flow's own count when absent. */
  readonly events?: number;
  /** Only these brokers; every broker when absent. */
  readonly kinds?: readonly BrokerKind[];
}

const namespace = () => `eventflow-bench.${randomBytes(4).toString('hex')}`;
const range = (xs: readonly number[]) =>
  `${fmt(median(xs))} (min ${fmt(Math.min(...xs))}, max ${fmt(Math.max(...xs))})`;

function withCount(flow: FlowDoc, count: number | undefined): FlowDoc {
  if (count === undefined) return flow;
  return {
    ...flow,
    nodes: flow.nodes.map((n) => (n.kind === 'producer' ? { ...n, config: { ...n.config, count } } : n)),
  };
}

/** A JSON body of exactly `bytes` bytes, the size of Eventflow's envelope for the same event. */
function bodyOf(bytes: number): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ pad: 'x'.repeat(Math.max(0, bytes - 10)) }));
}

/**
 * Per broker: the broker reference flow's delivered events/s through Eventflow's broker runtime, against a bare
 * client loop doing publish + consume + ack with the same count, body size, partitions and consumers on the same
 * broker. Repetitions alternate the two so the machine's load lands on both alike.
 */
export function brokersSection({ reps, events, kinds }: BrokersOptions): BenchSection {
  return {
    name: 'brokers',
    async run() {
      const flow = withCount(loadBenchFlow('broker-reference.flow.json'), events);
      const rows: BenchRow[] = [];
      const metrics: Record<string, number | string | boolean> = {};
      const loadBefore = loadavg()[0]!;
      for (const { kind, url, bare } of BROKERS.filter((b) => !kinds || kinds.includes(b.kind))) {
        const factory = TRANSPORTS[kind];
        const host = new URL(url).host;
        if (!(await brokerReachable(url))) {
          rows.push({ metric: kind, value: `skipped: nothing answers at ${host}` });
          metrics[`${kind}Skipped`] = `nothing answers at ${host}`;
          continue;
        }
        try {
          // The warm-up also tells the envelope's size, which the bare loop then sends.
          const warm = await runEventflow(flow, kind, factory, url, namespace());
          const body = bodyOf(warm.bodyBytes);
          await bare({ url, namespace: namespace(), count: warm.acked, body });
          const eventflowRates: number[] = [];
          const bareRates: number[] = [];
          for (let r = 0; r < reps; r++) {
            const e = await runEventflow(flow, kind, factory, url, namespace());
            eventflowRates.push(e.acked / (e.ms / 1000));
            const b = await bare({ url, namespace: namespace(), count: warm.acked, body });
            bareRates.push(warm.acked / (b.ms / 1000));
          }
          const eventflow = median(eventflowRates);
          const baseline = median(bareRates);
          const ratio = eventflow / baseline;
          rows.push(
            {
              metric: `${kind} bare client msgs/s`,
              value: `${range(bareRates)} · ${reps} reps of ${warm.acked.toLocaleString('en-US')} × ${body.length} B`,
            },
            { metric: `${kind} Eventflow events/s`, value: range(eventflowRates) },
            {
              metric: `${kind} Eventflow / bare`,
              value: ratio.toFixed(3),
              goal: `≥ ${GOAL_RATIO}`,
              pass: ratio >= GOAL_RATIO,
            },
          );
          Object.assign(metrics, {
            [`${kind}BareMsgsPerSec`]: Math.round(baseline),
            [`${kind}EventflowEventsPerSec`]: Math.round(eventflow),
            [`${kind}Ratio`]: Number(ratio.toFixed(4)),
            [`${kind}GoalMet`]: ratio >= GOAL_RATIO,
          });
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          rows.push({ metric: kind, value: `skipped: ${why}` });
          metrics[`${kind}Skipped`] = why;
        }
      }
      // A broker kind added later shows up here until it has a bare loop to compare with.
      for (const kind of BROKER_KINDS.filter((k) => !BROKERS.some((b) => b.kind === k)))
        rows.push({ metric: kind, value: 'skipped: no bare client loop in this bench' });
      const loadAfter = loadavg()[0]!;
      rows.push({
        metric: 'machine load (1-min average, before → after)',
        value: `${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)} on ${availableParallelism()} cores`,
      });
      const produced = flow.nodes.reduce(
        (n, x) => n + (x.kind === 'producer' ? (x.config.count ?? 0) : 0),
        0,
      );
      Object.assign(metrics, {
        reps,
        events: produced,
        loadBefore,
        loadAfter,
        cores: availableParallelism(),
      });
      return { rows, metrics };
    },
  };
}
