import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerTransport, Delivery } from '../transport.js';
import { BrokerUnavailableError } from '../transport.js';
import { brokerReachable, brokersRequired, until } from '../test-support.js';
import { natsTransportFactory } from './nats-transport.js';

const URL = 'nats://127.0.0.1:4222';
const up = await brokerReachable(URL);
if (!up && !brokersRequired) console.log(`skipping NATS transport tests: nothing answers at ${URL}`);

const encode = (s: string): Uint8Array => new TextEncoder().encode(s);
const decode = (b: Uint8Array): string => new TextDecoder().decode(b);

describe.skipIf(!up && !brokersRequired)('NATS JetStream transport (real broker)', () => {
  const open: BrokerTransport[] = [];
  afterEach(async () => {
    for (const t of open.splice(0)) await t.close({ keep: false });
  });
  async function connect(): Promise<BrokerTransport> {
    const t = await natsTransportFactory.connect(URL, `t${Date.now()}${Math.floor(Math.random() * 1e6)}`);
    open.push(t);
    return t;
  }

  it('delivers a publication to every group (fan-out) and shares it within a group (competing)', async () => {
    const t = await connect();
    const subs = [
      { topic: 'orders', partition: 0, group: 'billing', instance: 'b1' },
      { topic: 'orders', partition: 0, group: 'shipping', instance: 's1' },
      { topic: 'orders', partition: 0, group: 'shipping', instance: 's2' },
    ];
    await t.declare([{ topic: 'orders', partitions: 1 }], subs);
    const got: Record<string, string[]> = { b1: [], s1: [], s2: [] };
    for (const s of subs) {
      await t.subscribe(s, (d: Delivery) => {
        got[s.instance]!.push(decode(d.body));
        expect(d.location.broker).toBe('nats');
        expect(d.location.deliveryCount).toBe(1);
        void d.ack();
      });
    }
    for (let i = 0; i < 10; i++) {
      await t.publish({
        topic: 'orders',
        partition: 0,
        key: undefined,
        body: encode(`e${i}`),
        eventId: `e${i}`,
      });
    }
    await until(() => got.b1!.length === 10 && got.s1!.length + got.s2!.length === 10);
    expect([...got.b1!].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `e${i}`).sort());
    expect(new Set([...got.s1!, ...got.s2!]).size).toBe(10);
  });

  it('redelivers a nak after its delay with the delivery count the broker keeps', async () => {
    const t = await connect();
    const sub = { topic: 'pay', partition: 0, group: 'g', instance: 'i1' };
    await t.declare([{ topic: 'pay', partitions: 1 }], [sub]);
    const counts: number[] = [];
    await t.subscribe(sub, (d) => {
      counts.push(d.location.deliveryCount);
      void (d.location.deliveryCount === 1 ? d.nak(100) : d.ack());
    });
    await t.publish({ topic: 'pay', partition: 0, key: 'k', body: encode('x'), eventId: 'x1' });
    await until(() => counts.length === 2);
    expect(counts).toEqual([1, 2]);
  });

  it('de-duplicates a publication by event id, counted by the stream itself', async () => {
    const t = await connect();
    await t.declare([{ topic: 'dup', partitions: 1 }], []);
    await t.publish({ topic: 'dup', partition: 0, key: undefined, body: encode('a'), eventId: 'same' });
    await t.publish({ topic: 'dup', partition: 0, key: undefined, body: encode('a'), eventId: 'same' });
    const figures = await t.inspect();
    const messages = Object.entries(figures).filter(([k]) => k.includes('dup'));
    expect(messages.some(([, v]) => v === 1)).toBe(true);
  });

  it('names the broker, the address and the fix when nothing answers', async () => {
    await expect(natsTransportFactory.connect('nats://127.0.0.1:1', 'r')).rejects.toBeInstanceOf(
      BrokerUnavailableError,
    );
  });
});
