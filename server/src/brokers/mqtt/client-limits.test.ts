import mqtt, { type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { brokerReachable, brokersRequired, until } from '../test-support.js';
import { CLIENT_HOLDS_AT_MOST } from './mosquitto-limits.js';
import { TurnCork } from './turn-cork.js';

const URL_ = 'mqtt://127.0.0.1:1883';
const up = await brokerReachable(URL_);
if (!up && !brokersRequired)
  console.info(`MQTT client-limit tests skipped: nothing answers at 127.0.0.1:1883`);

type Done = (error: Error | number) => void;

describe.skipIf(!up && !brokersRequired)('Mosquitto’s per-client limit and the PUBACKs of a turn', () => {
  const open: MqttClient[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.endAsync().catch(() => c.end(true))));
  });
  const topic = () => `eventflow-test/limits/${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  async function client(options: mqtt.IClientOptions = {}): Promise<MqttClient> {
    const c = await mqtt.connectAsync(URL_, {
      protocolVersion: 5,
      reconnectPeriod: 0,
      clean: true,
      ...options,
    });
    open.push(c);
    return c;
  }
  async function publish(t: string, n: number): Promise<void> {
    const publisher = await client();
    await Promise.all(
      Array.from({ length: n }, (_, i) => publisher.publishAsync(t, Buffer.from(`m${i}`), { qos: 1 })),
    );
  }

  it('holds CLIENT_HOLDS_AT_MOST unacknowledged QoS 1 messages for one client and drops the rest', async () => {
    const t = topic();
    let received = 0;
    let holding = true;
    const held: Done[] = [];
    // The client reads no further packet until a delivery's PUBACK is given, so it holds one and Mosquitto the rest.
    await (
      await client({
        customHandleAcks: (_t, _p, _k, done) => {
          received++;
          if (holding) held.push(done);
          else done(0);
        },
      })
    ).subscribeAsync(t, { qos: 1 });
    await publish(t, CLIENT_HOLDS_AT_MOST + 80);
    await until(() => received === 1);
    holding = false;
    for (const done of held.splice(0)) done(0);
    await until(() => received >= CLIENT_HOLDS_AT_MOST);
    // Nothing more comes: Mosquitto dropped the 80 it had no room for.
    await new Promise((r) => setTimeout(r, 500));
    expect(received).toBe(CLIENT_HOLDS_AT_MOST);
  });

  it('writes the PUBACKs of one turn together and reports them once they have left', async () => {
    const t = topic();
    const n = 400;
    let handled = 0;
    let flushed = 0;
    const flushes: number[] = [];
    const corks: { cork?: TurnCork } = {};
    const consumer = await client({
      customHandleAcks: (_t, _p, _k, done) => {
        handled++;
        corks.cork?.hold();
        done(0);
      },
    });
    corks.cork = new TurnCork(consumer, (settled) => {
      // Told after the uncork, when the PUBACKs are with the socket and no longer held in the stream.
      expect(consumer.stream.writableCorked).toBe(0);
      flushed += settled;
      flushes.push(settled);
    });
    await consumer.subscribeAsync(t, { qos: 1 });
    await publish(t, n);
    await until(() => flushed === n);
    expect(handled).toBe(n);
    // A burst reaches the client many packets to a read, all handled in one turn.
    expect(flushes.length).toBeLessThan(n);
    expect(Math.max(...flushes)).toBeGreaterThan(1);
  });
});
