import mqtt, { type IPublishPacket } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerTransport, Delivery } from '../transport.js';
import { brokerReachable, brokersRequired, until } from '../test-support.js';
import { mqttTransportFactory } from './mqtt-transport.js';
import { messageTopic, messagesOf, partitionTopic, splitMessageTopic } from './names.js';

const URL = 'mqtt://127.0.0.1:1883';
const up = await brokerReachable(URL);

describe('a message topic', () => {
  it.each(['e17', 'ev-1', 'a/b', '+', '#', '100%', '%2f', 'x\0y', 'ünï', ''])(
    'carries the id %j as one level and gives it back',
    (id) => {
      const topic = messageTopic('eventflow/r/orders/0', id);
      expect(topic.split('/')).toHaveLength(5);
      expect(topic.slice('eventflow/r/orders/0/'.length)).not.toMatch(/[/+#\0]/);
      expect(splitMessageTopic(topic)).toEqual({ resource: 'eventflow/r/orders/0', messageId: id });
    },
  );

  it('keeps a level someone else wrote with a stray % as it came', () => {
    expect(splitMessageTopic('eventflow/r/orders/0/50%off')).toEqual({
      resource: 'eventflow/r/orders/0',
      messageId: '50%off',
    });
  });
});

describe.skipIf(!up && !brokersRequired)('MQTT publications on the wire (real Mosquitto)', () => {
  const open: BrokerTransport[] = [];
  const clients: mqtt.MqttClient[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close({ keep: false });
    for (const c of clients.splice(0)) await c.endAsync();
  });

  it('name the event in the topic and carry no user property unless the event has a key', async () => {
    const run = `w${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    const t = await mqttTransportFactory.connect(URL, run);
    open.push(t);
    const reader = await mqtt.connectAsync(URL, { protocolVersion: 5, reconnectPeriod: 0 });
    clients.push(reader);
    const seen: Array<{ topic: string; packet: IPublishPacket }> = [];
    reader.on('message', (topic, _payload, packet) => seen.push({ topic, packet }));
    await reader.subscribeAsync(messagesOf(partitionTopic(run, 'orders', 0)), { qos: 1 });
    const sub = { topic: 'orders', partition: 0, group: 'g', instance: 'i' };
    await t.declare([{ topic: 'orders', partitions: 1 }], [sub]);
    const got: Delivery[] = [];
    await t.subscribe(sub, (d) => {
      got.push(d);
      void d.ack();
    });
    const body = new TextEncoder().encode('{}');
    await t.publish({ topic: 'orders', partition: 0, key: undefined, body, eventId: 'e1' });
    await t.publish({ topic: 'orders', partition: 0, key: 'acct-7', body, eventId: 'odd/id' });
    await until(() => seen.length === 2 && got.length === 2);
    const resource = partitionTopic(run, 'orders', 0);
    expect(seen.map((s) => s.topic).sort()).toEqual([`${resource}/e1`, `${resource}/odd%2fid`]);
    const props = (topic: string) => seen.find((s) => s.topic === topic)!.packet.properties?.userProperties;
    expect(props(`${resource}/e1`)).toBeUndefined();
    expect(props(`${resource}/odd%2fid`)).toEqual({ 'eventflow-key': 'acct-7' });
    expect(got.map((d) => d.location).sort((a, b) => a.messageId.localeCompare(b.messageId))).toEqual([
      { broker: 'mqtt', resource, messageId: 'e1', deliveryCount: 1 },
      { broker: 'mqtt', resource, messageId: 'odd/id', deliveryCount: 1 },
    ]);
  });
});
