import mqtt, { type IPublishPacket } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerTransport, Delivery, SubscriptionSpec } from '../transport.js';
import { BrokerUnavailableError } from '../transport.js';
import { brokerReachable, brokersRequired, until } from '../test-support.js';
import { mqttTransportFactory } from './mqtt-transport.js';
import { clientIdFor, dlqTopic, partitionTopic, publisherIdFor } from './names.js';

const URL = 'mqtt://127.0.0.1:1883';
const up = await brokerReachable(URL);
if (!up && !brokersRequired) console.log(`skipping MQTT transport tests: nothing answers at ${URL}`);

const encode = (s: string): Uint8Array => new TextEncoder().encode(s);
const decode = (b: Uint8Array): string => new TextDecoder().decode(b);

/** A plain client of our own, to look at the broker the way a user would. */
async function probe(options: mqtt.IClientOptions = {}): Promise<mqtt.MqttClient> {
  return mqtt.connectAsync(URL, { protocolVersion: 5, reconnectPeriod: 0, ...options });
}

const publishN = async (t: BrokerTransport, topic: string, n: number, key?: string) => {
  for (let i = 0; i < n; i++) {
    await t.publish({ topic, partition: 0, key, body: encode(`e${i}`), eventId: `e${i}` });
  }
};

describe.skipIf(!up && !brokersRequired)('MQTT transport (real Mosquitto)', () => {
  const open: BrokerTransport[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close({ keep: false });
  });
  async function connect(): Promise<{ t: BrokerTransport; run: string }> {
    const run = `t${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    const t = await mqttTransportFactory.connect(URL, run);
    open.push(t);
    return { t, run };
  }

  it('delivers with a location a user can find, even when published before subscribe()', async () => {
    const { t, run } = await connect();
    const sub = { topic: 'orders', partition: 0, group: 'billing', instance: 'b1' };
    await t.declare([{ topic: 'orders', partitions: 1 }], [sub]);
    const published = await t.publish({
      topic: 'orders',
      partition: 0,
      key: 'k',
      body: encode('hello'),
      eventId: 'ev-1',
    });
    expect(published).toEqual({
      broker: 'mqtt',
      resource: partitionTopic(run, 'orders', 0),
      messageId: 'ev-1',
      deliveryCount: 0,
    });
    const got: Delivery[] = [];
    await t.subscribe(sub, (d) => {
      got.push(d);
      void d.ack();
    });
    await until(() => got.length === 1);
    expect(decode(got[0]!.body)).toBe('hello');
    expect(got[0]!.location).toEqual({
      broker: 'mqtt',
      resource: `eventflow/${run}/orders/0`,
      messageId: 'ev-1',
      deliveryCount: 1,
    });
    const figures = await t.inspect();
    expect(figures['transport.published.orders']).toBe(1);
    expect(figures['transport.delivered.orders']).toBe(1);
  });

  it('reports Mosquitto’s own counters next to the transport’s', async () => {
    const { t } = await connect();
    let figures: Readonly<Record<string, number>> = {};
    // Mosquitto refreshes $SYS every sys_interval (10 s by default), so the first figures can take that long.
    const end = Date.now() + 12_000;
    while (figures['broker.messages.received'] === undefined && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 200));
      figures = await t.inspect();
    }
    expect(figures['broker.messages.received']).toBeGreaterThan(0);
    expect(figures['broker.publish.messages.sent']).toBeGreaterThanOrEqual(0);
  }, 15_000);

  it('fans out to every group and shares within a group', async () => {
    const { t } = await connect();
    const subs: SubscriptionSpec[] = [
      { topic: 'orders', partition: 0, group: 'billing', instance: 'b1' },
      { topic: 'orders', partition: 0, group: 'shipping', instance: 's1' },
      { topic: 'orders', partition: 0, group: 'shipping', instance: 's2' },
    ];
    await t.declare([{ topic: 'orders', partitions: 1 }], subs);
    const got: Record<string, string[]> = { b1: [], s1: [], s2: [] };
    for (const s of subs) {
      await t.subscribe(s, (d) => {
        got[s.instance]!.push(decode(d.body));
        void d.ack();
      });
    }
    await publishN(t, 'orders', 20);
    await until(() => got.b1!.length === 20 && got.s1!.length + got.s2!.length === 20);
    expect([...got.b1!].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `e${i}`).sort());
    expect(new Set([...got.s1!, ...got.s2!]).size).toBe(20);
    expect(got.s1!.length).toBeGreaterThan(0);
    expect(got.s2!.length).toBeGreaterThan(0);
  });

  it('serves several partitions to one instance over its one client, each to its own handler', async () => {
    const { t, run } = await connect();
    const subs = [0, 1].map((partition) => ({ topic: 'orders', partition, group: 'g', instance: 'i1' }));
    await t.declare([{ topic: 'orders', partitions: 2 }], subs);
    const got: string[] = [];
    for (const s of subs) {
      await t.subscribe(s, (d) => {
        got.push(`${s.partition}:${d.location.resource}:${decode(d.body)}`);
        void d.ack();
      });
    }
    for (const partition of [0, 1]) {
      await t.publish({
        topic: 'orders',
        partition,
        key: undefined,
        body: encode(`p${partition}`),
        eventId: `p${partition}`,
      });
    }
    await until(() => got.length === 2);
    expect(got.sort()).toEqual([`0:eventflow/${run}/orders/0:p0`, `1:eventflow/${run}/orders/1:p1`]);
  });

  it('redelivers a nak to its group only, after the delay, with delivery count 2', async () => {
    const { t } = await connect();
    const sub = { topic: 'pay', partition: 0, group: 'g', instance: 'i1' };
    const other = { topic: 'pay', partition: 0, group: 'h', instance: 'j1' };
    await t.declare([{ topic: 'pay', partitions: 1 }], [sub, other]);
    const seen: Array<{ count: number; at: number; id: string }> = [];
    const otherSeen: number[] = [];
    await t.subscribe(sub, (d) => {
      seen.push({ count: d.location.deliveryCount, at: Date.now(), id: d.location.messageId });
      void (d.location.deliveryCount === 1 ? d.nak(300) : d.ack());
    });
    await t.subscribe(other, (d) => {
      otherSeen.push(d.location.deliveryCount);
      void d.ack();
    });
    await t.publish({ topic: 'pay', partition: 0, key: 'k', body: encode('x'), eventId: 'x1' });
    await until(() => seen.length === 2);
    expect(seen.map((s) => s.count)).toEqual([1, 2]);
    expect(seen.map((s) => s.id)).toEqual(['x1', 'x1']);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(300);
    await new Promise((r) => setTimeout(r, 100));
    expect(otherSeen).toEqual([1]);
  });

  it('dead-letters to the run’s DLQ topic with the reason, readable by another client', async () => {
    const { t, run } = await connect();
    const reader = await probe();
    const got: Array<{ topic: string; body: string; packet: IPublishPacket }> = [];
    reader.on('message', (topic, payload, packet) => got.push({ topic, body: payload.toString(), packet }));
    await reader.subscribeAsync(dlqTopic(run, 'pay'), { qos: 1 });
    const location = await t.deadLetter('pay', encode('poison'), 'gave up after 3 attempts');
    expect(location.resource).toBe(`eventflow/${run}/pay/dlq`);
    await until(() => got.length === 1);
    expect(got[0]!.topic).toBe(location.resource);
    expect(got[0]!.body).toBe('poison');
    expect(got[0]!.packet.properties?.userProperties?.['eventflow-reason']).toBe('gave up after 3 attempts');
    expect(got[0]!.packet.properties?.userProperties?.['eventflow-event-id']).toBe(location.messageId);
    await reader.endAsync();
  });

  it('keeps per-key order within a partition for one instance', async () => {
    const { t } = await connect();
    const sub = { topic: 'ledger', partition: 0, group: 'g', instance: 'only' };
    await t.declare([{ topic: 'ledger', partitions: 1 }], [sub]);
    const order: string[] = [];
    await t.subscribe(sub, (d) => {
      order.push(decode(d.body));
      // Settled later, so the next delivery waits for this ack (manual PUBACK).
      setTimeout(() => void d.ack(), 1);
    });
    await publishN(t, 'ledger', 50, 'same-key');
    await until(() => order.length === 50);
    expect(order).toEqual(Array.from({ length: 50 }, (_, i) => `e${i}`));
  });

  it('close ends the clients and their sessions unless kept', async () => {
    const run = `t${Date.now()}c`;
    const sub = { topic: 'o', partition: 0, group: 'g', instance: 'i' };
    for (const keep of [false, true]) {
      const t = await mqttTransportFactory.connect(URL, `${run}${keep}`);
      await t.declare([{ topic: 'o', partitions: 1 }], [sub]);
      await t.close({ keep });
      const clientId = clientIdFor(`${run}${keep}`, 'g', 'i');
      const again = mqtt.connect(URL, {
        protocolVersion: 5,
        reconnectPeriod: 0,
        clientId,
        clean: false,
        properties: { sessionExpiryInterval: 10 },
      });
      const present = await new Promise<boolean>((resolve) =>
        again.once('connect', (connack) => resolve(connack.sessionPresent)),
      );
      // A kept session is still at Mosquitto; one not kept is gone.
      expect(present).toBe(keep);
      await again.endAsync({ properties: { sessionExpiryInterval: 0 } });
    }
  });

  it('close ends the session even while a delivery is still unacked', async () => {
    const run = `t${Date.now()}h`;
    const sub = { topic: 'o', partition: 0, group: 'g', instance: 'i' };
    const t = await mqttTransportFactory.connect(URL, run);
    await t.declare([{ topic: 'o', partitions: 1 }], [sub]);
    let held = 0;
    await t.subscribe(sub, () => void held++);
    await publishN(t, 'o', 3);
    await until(() => held === 1);
    await t.close({ keep: false });
    const again = mqtt.connect(URL, {
      protocolVersion: 5,
      reconnectPeriod: 0,
      clientId: clientIdFor(run, 'g', 'i'),
      clean: false,
      properties: { sessionExpiryInterval: 10 },
    });
    const present = await new Promise<boolean>((resolve) =>
      again.once('connect', (connack) => resolve(connack.sessionPresent)),
    );
    expect(present).toBe(false);
    await again.endAsync({ properties: { sessionExpiryInterval: 0 } });
  });

  it('reports a connection lost mid-run through onLost', async () => {
    const { t, run } = await connect();
    const sub = { topic: 'o', partition: 0, group: 'g', instance: 'i' };
    await t.declare([{ topic: 'o', partitions: 1 }], [sub]);
    const lost: BrokerUnavailableError[] = [];
    t.onLost?.((e) => lost.push(e));
    // Mosquitto disconnects a client whose id another connection takes over: a real mid-run loss.
    const thief = await probe({ clientId: clientIdFor(run, 'g', 'i'), clean: true });
    await until(() => lost.length > 0);
    expect(lost[0]).toBeInstanceOf(BrokerUnavailableError);
    expect(lost[0]!.fix).toMatch(/Mosquitto/);
    await thief.endAsync();
  });

  it('fails a publication on a lost connection at once instead of hanging', async () => {
    const { t, run } = await connect();
    const lost: BrokerUnavailableError[] = [];
    t.onLost?.((e) => lost.push(e));
    const thief = await probe({ clientId: publisherIdFor(run), clean: true });
    await until(() => lost.length > 0);
    await expect(
      t.publish({ topic: 'o', partition: 0, key: undefined, body: encode('late'), eventId: 'late' }),
    ).rejects.toBeInstanceOf(BrokerUnavailableError);
    await thief.endAsync();
  });

  it('names the broker, the address and the fix when nothing answers', async () => {
    const started = Date.now();
    const error = await mqttTransportFactory.connect('mqtt://127.0.0.1:1', 'r').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokerUnavailableError);
    expect((error as BrokerUnavailableError).message).toMatch(
      /mqtt at mqtt:\/\/127\.0\.0\.1:1.*start Mosquitto/,
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
