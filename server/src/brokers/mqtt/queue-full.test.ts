import { readFileSync } from 'node:fs';
import { parseFlow, type FlowDoc } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { runOnBroker } from '../runtime/broker-run.js';
import { planBrokerRun } from '../runtime/plan.js';
import { brokerReachable, brokersRequired } from '../test-support.js';
import { mqttCapabilities, mqttTransportFactory } from './mqtt-transport.js';

const URL_ = 'mqtt://127.0.0.1:1883';
const up = await brokerReachable(URL_);
if (!up && !brokersRequired) console.info(`MQTT queue-full test skipped: nothing answers at 127.0.0.1:1883`);

/**
 * The bench's flow with one slow instance: 4,000 events at the highest rate against 3 ms each, so far more than
 * Mosquitto's max_queued_messages (1000 by default) wait for the one client, and Mosquitto drops the rest unread.
 */
function slowReader(): FlowDoc {
  const r = parseFlow(JSON.parse(readFileSync('bench/broker-reference.flow.json', 'utf8')));
  if (!r.ok) throw new Error('bench/broker-reference.flow.json is invalid');
  return {
    ...r.flow,
    nodes: r.flow.nodes.map((n) =>
      n.kind === 'producer'
        ? { ...n, config: { ...n.config, count: 4000 } }
        : n.kind === 'consumer'
          ? { ...n, config: { ...n.config, instances: 1, processingMs: 3 } }
          : n,
    ),
  };
}

describe.skipIf(!up && !brokersRequired)('MQTT: a reader whose queue is full', () => {
  it('records what Mosquitto dropped unread as expired at the topic, naming the queue bound', async () => {
    const flow = slowReader();
    const transport = await mqttTransportFactory.connect(URL_, `qf${Date.now().toString(36)}`);
    const r = await runOnBroker({ plan: planBrokerRun(flow, 'mqtt'), seed: 7, transport, idleMs: 1500 });
    const expired = r.hops.filter((h) => h.type === 'expired');
    const delivered = new Set(r.hops.filter((h) => h.type === 'delivered').map((h) => h.event));
    expect(expired.length).toBeGreaterThan(0);
    for (const h of expired) {
      expect(h.node).toBe('orders');
      expect(h.group).toBe('workers');
      expect(h.reason).toBe(`never delivered: ${mqttCapabilities.dropsWhenFull}`);
      // An expired pair is one the group was never handed.
      expect(delivered.has(h.event)).toBe(false);
    }
    // Every event ends once: acked if Mosquitto handed it over, expired if it dropped it; the run ends idle.
    expect(r.summary.outcomes.acked + r.summary.outcomes.expired).toBe(4000);
    expect(r.summary.outcomes.inFlight).toBe(0);
    expect(r.summary.conservation.ok).toBe(true);
    expect(r.end).toBe('idle');
  }, 60_000);
});
