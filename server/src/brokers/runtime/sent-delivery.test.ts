import { parseFlow, type FlowDoc } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { redisTransportFactory } from '../redis/redis-transport.js';
import { brokerReachable, brokersRequired } from '../test-support.js';
import type { BrokerTransport, OutgoingMessage } from '../transport.js';
import { runOnBroker } from './broker-run.js';
import { planBrokerRun } from './plan.js';

const URL_ = 'redis://127.0.0.1:6379';
const reachable = await brokerReachable(URL_);

const parsed = parseFlow({
  format: 'eventflow.flow',
  version: 1,
  name: 'tampered',
  nodes: [
    {
      id: 'p',
      kind: 'producer',
      label: 'P',
      position: { x: 0, y: 0 },
      config: { eventType: 'T', rate: 1000, count: 6 },
    },
    { id: 't', kind: 'topic', label: 'T', position: { x: 1, y: 0 }, config: { partitions: 2 } },
    {
      id: 'c',
      kind: 'consumer',
      label: 'C',
      position: { x: 2, y: 0 },
      config: { delivery: 'at-least-once' },
    },
  ],
  edges: [
    { id: 'e1', source: 'p', target: 't' },
    { id: 'e2', source: 't', target: 'c' },
  ],
});
if (!parsed.ok) throw new Error('the test flow is invalid');
const flow: FlowDoc = parsed.flow;

/** The real transport, except that what it writes for one event is not byte for byte what the run built. */
function tampering(
  real: BrokerTransport,
  eventId: string,
  damage: (json: string) => string,
): BrokerTransport {
  const publish = (m: OutgoingMessage) =>
    real.publish(
      m.eventId === eventId ? { ...m, body: Buffer.from(damage(Buffer.from(m.body).toString())) } : m,
    );
  return new Proxy(real, {
    get(target, prop: keyof BrokerTransport) {
      if (prop === 'publish') return publish;
      const v = target[prop];
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** The test flow on the real Redis, with what is written for `eventId` damaged by `damage`. */
async function runTampered(eventId: string, damage: (json: string) => string) {
  const real = await redisTransportFactory.connect(URL_, `tamper${Date.now().toString(36)}`);
  return runOnBroker({
    plan: planBrokerRun(flow, 'redis'),
    seed: 1,
    transport: tampering(real, eventId, damage),
    speed: 50,
    idleMs: 800,
  });
}

// A delivery is trusted without parsing only when its bytes equal what the run published at its offset
// (sent.ts). A message that differs, even with the same length and the same offset at its end, is parsed
// and checked as before: one that is not an envelope is settled and named with the path and the problem.
describe.skipIf(!reachable && !brokersRequired)('a delivery that is not the bytes the run published', () => {
  it('is checked against the envelope schema and rejected with its path and problem', async () => {
    const r = await runTampered('e3', (json) => json.replace('"specversion":"1.0"', '"specversion":"9.9"'));
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatch(/^eventflow:\S+:t:0 \S+: event\.specversion: /);
    // The other five were delivered as the bytes the run published and acked; e3's pair has no outcome.
    expect(
      r.hops
        .filter((h) => h.type === 'acked')
        .map((h) => h.event)
        .sort(),
    ).toEqual(['e1', 'e2', 'e4', 'e5', 'e6']);
    expect(r.end).toBe('stalled');
  });

  it('is processed as before when it is still a valid envelope', async () => {
    // Same length, same offset at the end, different bytes: a key added by another writer would look like this.
    const r = await runTampered('e2', (json) => json.replace('"type":"T"', '"type":"U"'));
    expect(r.rejected).toEqual([]);
    expect(r.end).toBe('idle');
    expect(r.hops.filter((h) => h.type === 'acked')).toHaveLength(6);
  });
});
