import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlow, type FlowDoc, type Hop } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { TRANSPORTS } from '../registry.js';
import { brokerReachable, brokersRequired } from '../test-support.js';
import { BrokerUnavailableError, type BrokerKind, type BrokerTransport } from '../transport.js';
import { runOnBroker, type BrokerRunResult } from './broker-run.js';
import { brokerRunProblems, planBrokerRun } from './plan.js';

const URLS: Record<BrokerKind, string> = {
  nats: 'nats://127.0.0.1:4222',
  redis: 'redis://127.0.0.1:6379',
  rabbitmq: 'amqp://guest:guest@127.0.0.1:5672',
  mqtt: 'mqtt://127.0.0.1:1883',
};

const flowOf = (file: string): FlowDoc => {
  const r = parseFlow(JSON.parse(readFileSync(join('examples', file), 'utf8')));
  if (!r.ok) throw new Error(`${file} is invalid`);
  return r.flow;
};

/** Every example a broker run can carry (the others are refused with a reason, tested below). */
const CARRIED = readdirSync('examples')
  .filter((f) => f.endsWith('.flow.json'))
  .sort()
  .filter((f) => brokerRunProblems(flowOf(f)).length === 0);

let runs = 0;
async function run(kind: BrokerKind, flow: FlowDoc, seed = flow.seed ?? 1): Promise<BrokerRunResult> {
  const transport = await TRANSPORTS[kind].connect(URLS[kind], `t${Date.now().toString(36)}${runs++}`);
  // Eight times the flow's speed: the examples' seconds of traffic take a fraction of one.
  return runOnBroker({ plan: planBrokerRun(flow, kind), seed, transport, speed: 8, idleMs: 1500 });
}

const hopsOf = (r: BrokerRunResult, f: (h: Hop) => boolean) => r.hops.filter(f);

for (const [kind, url] of Object.entries(URLS) as [BrokerKind, string][]) {
  const reachable = await brokerReachable(url);
  if (!reachable && !brokersRequired)
    console.info(`${kind} broker-run tests skipped: nothing answers at ${new URL(url).host}`);

  describe.skipIf(!reachable && !brokersRequired)(`a drawn flow on ${kind}`, () => {
    it.each(CARRIED)('%s: every publication × subscription ends in exactly one outcome', async (file) => {
      const flow = flowOf(file);
      const r = await run(kind, flow);
      expect(r.rejected).toEqual([]);
      expect(r.summary.doubleOutcomes).toEqual([]);
      expect(r.summary.conservation.ok).toBe(true);
      const o = r.summary.outcomes;
      const settled = o.acked + o.filtered + o.dropped + o.deadLettered + o.expired;
      // Retention is the broker's: what it removes unread is counted expired once the run goes quiet, but a
      // retry it trimmed stays in flight and the run ends stalled (docs/engine-semantics.md, "Broker runs").
      // Everything else ends idle with none.
      const retains = flow.nodes.some(
        (n) =>
          n.kind === 'topic' && (n.config.retention.maxEvents ?? n.config.retention.maxAgeMs) !== undefined,
      );
      if (retains && r.end === 'stalled') expect(o.inFlight).toBeGreaterThan(0);
      else {
        expect(r.end).toBe('idle');
        expect(o.inFlight).toBe(0);
      }
      expect(settled + o.inFlight).toBe(r.summary.conservation.expected);
      // Every delivery came from the broker, and says where to find it there.
      for (const h of hopsOf(r, (h) => h.type === 'delivered')) {
        expect(h.broker?.broker).toBe(kind);
        expect(h.broker?.resource).toMatch(/eventflow/);
      }
      // The same producers produced the same number of events as the simulator would.
      const produced = flow.nodes.reduce(
        (n, x) => n + (x.kind === 'producer' ? (x.config.count ?? 0) : 0),
        0,
      );
      expect(r.summary.events.produced).toBe(produced);
    });

    it.skipIf(kind === 'mqtt')(
      'counts what the broker’s retention removed unread as expired, saying so',
      async () => {
        // The example's loader, eight times slower: the broker trims unread entries however busy the machine is.
        const example = flowOf('retention-expiry.flow.json');
        const flow: FlowDoc = {
          ...example,
          nodes: example.nodes.map((n) =>
            n.kind === 'consumer' && n.id === 'warehouse'
              ? { ...n, config: { ...n.config, processingMs: 400 } }
              : n,
          ),
        };
        const r = await run(kind, flow);
        const expired = hopsOf(r, (h) => h.type === 'expired');
        expect(expired.length).toBeGreaterThan(0);
        expect(r.summary.outcomes.expired).toBe(expired.length);
        for (const h of expired) {
          expect(h.node).toBe('click-events');
          expect(h.reason).toBe(
            `never delivered: ${kind}'s retention (newest 25 per partition) removed it unread`,
          );
          // Never also delivered to the same group: an expired pair is one the group was never handed.
          expect(
            r.hops.some(
              (d) =>
                d.type === 'delivered' && d.group === h.group && d.offset === h.offset && d.event === h.event,
            ),
          ).toBe(false);
        }
        expect(r.summary.conservation.ok).toBe(true);
        expect(r.summary.outcomes.inFlight).toBe(0);
        expect(r.end).toBe('idle');
      },
    );

    it('fans out to every group and shares one group between its instances', async () => {
      const fan = await run(kind, flowOf('fan-out.flow.json'));
      expect(fan.summary.outcomes.acked).toBe(3 * fan.summary.events.produced);
      const comp = await run(kind, flowOf('competing-consumers.flow.json'));
      const a = comp.summary.nodes['resizer-a']?.in ?? 0;
      const b = comp.summary.nodes['resizer-b']?.in ?? 0;
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
      expect(a + b).toBe(comp.summary.events.produced);
    });

    it('retries are real redeliveries, and what gives up is dead-lettered through the broker', async () => {
      const r = await run(kind, flowOf('retries-dead-letter.flow.json'));
      const redelivered = hopsOf(r, (h) => h.type === 'delivered' && (h.attempt ?? 1) > 1);
      expect(redelivered.length).toBeGreaterThan(0);
      // The broker counted them (where it counts deliveries; MQTT's count is Eventflow's own header).
      expect(redelivered.every((h) => (h.broker?.deliveryCount ?? 0) >= 2)).toBe(true);
      const dead = r.summary.nodes['charger']?.deadLettered ?? 0;
      expect(dead).toBeGreaterThan(0);
      expect(r.summary.nodes['dlq-inspector']?.acked).toBe(dead);
      // The broker itself saw the DLQ topic's messages (stream length, queue or topic figures).
      const figures = Object.entries(r.broker);
      expect(figures.length).toBeGreaterThan(0);
    });

    it("an event the consumer cannot read fails with the simulator's schema reason, and is dead-lettered", async () => {
      const r = await run(kind, flowOf('schema-versions.flow.json'));
      const failed = hopsOf(r, (h) => h.type === 'failed' && h.node === 'billing');
      expect(failed.length).toBe(2 * r.summary.events.produced);
      for (const h of failed)
        expect(h.reason).toBe('schema: OrderPlaced v2 read as v1: data.amount is required');
      expect(r.summary.nodes['billing']?.deadLettered).toBe(r.summary.events.produced);
      expect(r.summary.nodes['shipping']?.acked).toBe(r.summary.events.produced);
    });

    it('the same seed makes the same decisions per attempt as on any broker', async () => {
      const flow = flowOf('retries-dead-letter.flow.json');
      const [x, y] = [await run(kind, flow, 7), await run(kind, flow, 7)];
      const failures = (r: BrokerRunResult) =>
        hopsOf(r, (h) => h.type === 'failed')
          .map((h) => `${h.event}#${h.attempt}`)
          .sort();
      expect(failures(x)).toEqual(failures(y));
    });
  });
}

describe('what a broker run refuses', () => {
  it('names the node and what to do for each simulated-only feature', () => {
    expect(brokerRunProblems(flowOf('flaky-webhook.flow.json'))).toContainEqual({
      node: 'partner-api',
      message: 'webhook nodes run only in the simulator for now: remove it or run in the simulator',
    });
    expect(brokerRunProblems(flowOf('request-response-vs-events.flow.json'))).toContainEqual({
      node: 'checkout-rr',
      message:
        "service calls run only in the simulator: the call to 'inventory-rr' has no service behind it on a broker",
    });
    expect(brokerRunProblems(flowOf('broker-outage.flow.json')).map((p) => p.node)).toEqual(
      expect.arrayContaining(['orders', 'mobile']),
    );
  });
});

describe.skipIf(!(await brokerReachable(URLS.redis)) && !brokersRequired)('a broker lost mid-run', () => {
  it('ends the run with the broker’s reason and keeps the trace so far', async () => {
    const flow = flowOf('retries-dead-letter.flow.json');
    const real = await TRANSPORTS.redis.connect(URLS.redis, `lost${Date.now().toString(36)}`);
    let published = 0;
    // The real transport, with its eleventh publication failing as a dropped connection makes it fail.
    const lossy: BrokerTransport = {
      kind: real.kind,
      url: real.url,
      capabilities: real.capabilities,
      declare: (t, s) => real.declare(t, s),
      subscribe: (s, on) => real.subscribe(s, on),
      deadLetter: (t, b, r) => real.deadLetter(t, b, r),
      inspect: () => real.inspect(),
      close: (o) => real.close(o),
      publish: (m) =>
        ++published > 10
          ? Promise.reject(
              new BrokerUnavailableError(
                'redis',
                URLS.redis,
                'the connection was lost: is Redis still running?',
              ),
            )
          : real.publish(m),
    };
    const r = await runOnBroker({ plan: planBrokerRun(flow, 'redis'), seed: 18, transport: lossy, speed: 8 });
    expect(r.end).toBe('lost');
    expect(r.reason).toBe(
      'redis at redis://127.0.0.1:6379 is not usable: the connection was lost: is Redis still running?',
    );
    expect(r.hops.filter((h) => h.type === 'published').length).toBeGreaterThan(10);
    expect(r.hops.some((h) => h.type === 'acked')).toBe(true);
    expect(r.summary.events.produced).toBeLessThan(25);
  });
});
