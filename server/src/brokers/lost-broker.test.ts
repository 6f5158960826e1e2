import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlow, type FlowDoc } from '@eventflow/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { safeUrl } from './broker-url.js';
import { cutProxy, type CutProxy } from './cut-proxy.js';
import { TRANSPORTS } from './registry.js';
import { runOnBroker } from './runtime/broker-run.js';
import { planBrokerRun } from './runtime/plan.js';
import { brokerReachable, brokersRequired } from './test-support.js';
import type { BrokerKind } from './transport.js';

/**
 * A broker lost mid-run, for real: the run goes through a loopback proxy to the machine's broker, and the proxy
 * drops every connection while the run is still producing. (Redis is also tested by killing a server of its own
 * in unusable-broker.test.ts.) The run must end `lost` with a reason naming the broker and the address it used,
 * keep its trace so far, and not wait for the idle timeout.
 */
const BROKERS: readonly [BrokerKind, string][] = [
  ['nats', 'nats://127.0.0.1:4222'],
  ['rabbitmq', 'amqp://guest:guest@127.0.0.1:5672'],
  ['mqtt', 'mqtt://127.0.0.1:1883'],
  ['redis', 'redis://127.0.0.1:6379'],
];

const flow = flowOf('retries-dead-letter.flow.json');
const proxies: CutProxy[] = [];
afterEach(async () => {
  for (const p of proxies.splice(0)) await p.close();
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

for (const [kind, url] of BROKERS) {
  const up = await brokerReachable(url);
  if (!up && !brokersRequired) console.log(`skipping the lost-${kind} test: nothing answers at ${url}`);
  describe.skipIf(!up && !brokersRequired)(`${kind} lost mid-run (connections cut by a proxy)`, () => {
    it('ends the run `lost`, names the broker and the address, and keeps the trace so far', async () => {
      const proxy = await cutProxy(url);
      proxies.push(proxy);
      const transport = await TRANSPORTS[kind].connect(proxy.url, `lost${Date.now().toString(36)}`);
      let acked = 0;
      const started = Date.now();
      const r = await runOnBroker({
        plan: planBrokerRun(flow, kind),
        seed: 18,
        transport,
        // Slow enough that the run is still producing when the connections go.
        speed: 2,
        onHop: (h) => {
          if (h.type === 'acked' && ++acked === 3) proxy.cut();
        },
      });
      expect(r.end).toBe('lost');
      expect(r.reason).toMatch(new RegExp(`^${kind} at ${escape(safeUrl(proxy.url))} is not usable: `));
      expect(r.hops.filter((h) => h.type === 'acked').length).toBeGreaterThanOrEqual(3);
      expect(r.summary.events.produced).toBeGreaterThan(0);
      // Ended by the loss, not by the idle timeout (5 s) or the run's limit.
      expect(Date.now() - started).toBeLessThan(15_000);
    }, 30_000);
  });
}

function flowOf(file: string): FlowDoc {
  const r = parseFlow(JSON.parse(readFileSync(join('examples', file), 'utf8')));
  if (!r.ok) throw new Error(`${file} is invalid`);
  return r.flow;
}
