import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { brokerReachable, brokersRequired } from '../test-support.js';
import { BrokerUnavailableError, type BrokerTransport, type Delivery } from '../transport.js';
import { redisTransportFactory } from './redis-transport.js';

const URL_ = 'redis://127.0.0.1:6379';
const reachable = await brokerReachable(URL_);
if (!reachable && !brokersRequired) console.info('redis tests skipped: nothing answers at 127.0.0.1:6379');

const probe = new Redis(URL_, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
afterAll(() => probe.disconnect());

const body = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

async function open(): Promise<{ t: BrokerTransport; run: string }> {
  const run = `t${randomUUID().slice(0, 8)}`;
  return { t: await redisTransportFactory.connect(URL_, run), run };
}

describe.skipIf(!reachable && !brokersRequired)('redis streams transport', () => {
  it('delivers a publication with its location', async () => {
    const { t, run } = await open();
    const sub = { topic: 'orders', partition: 0, group: 'billing', instance: 'b1' };
    await t.declare([{ topic: 'orders', partitions: 1 }], [sub]);
    const got: Delivery[] = [];
    await t.subscribe(sub, (d) => got.push(d));
    const loc = await t.publish({
      topic: 'orders',
      partition: 0,
      key: 'k',
      body: body('hello'),
      eventId: 'e1',
    });
    await until(() => got.length === 1);
    expect(text(got[0]!.body)).toBe('hello');
    expect(got[0]!.location).toEqual({
      broker: 'redis',
      resource: `eventflow:${run}:orders:0`,
      messageId: loc.messageId,
      deliveryCount: 1,
    });
    await got[0]!.ack();
    await t.close({ keep: false });
  });

  it('fans out to two groups and shares within one group', async () => {
    const { t } = await open();
    const subs = [
      { topic: 'o', partition: 0, group: 'a', instance: 'a1' },
      { topic: 'o', partition: 0, group: 'a', instance: 'a2' },
      { topic: 'o', partition: 0, group: 'b', instance: 'b1' },
    ];
    await t.declare([{ topic: 'o', partitions: 1 }], subs);
    const seen = new Map<string, string[]>();
    for (const s of subs)
      await t.subscribe(s, (d) => {
        seen.set(s.instance, [...(seen.get(s.instance) ?? []), text(d.body)]);
        void d.ack();
      });
    for (let i = 0; i < 20; i++)
      await t.publish({ topic: 'o', partition: 0, key: undefined, body: body(`m${i}`), eventId: `e${i}` });
    const groupA = () => [...(seen.get('a1') ?? []), ...(seen.get('a2') ?? [])];
    await until(() => groupA().length === 20 && (seen.get('b1')?.length ?? 0) === 20);
    expect(new Set(groupA()).size).toBe(20);
    expect(groupA()).toHaveLength(20);
    expect(seen.get('b1')).toHaveLength(20);
    await t.close({ keep: false });
  });

  it('redelivers a nak after the delay with deliveryCount 2, dead-letters, inspects and cleans up', async () => {
    const { t, run } = await open();
    const sub = { topic: 'p', partition: 0, group: 'g', instance: 'i1' };
    await t.declare([{ topic: 'p', partitions: 1 }], [sub]);
    const got: Delivery[] = [];
    await t.subscribe(sub, (d) => got.push(d));
    await t.publish({ topic: 'p', partition: 0, key: undefined, body: body('x'), eventId: 'e' });
    await until(() => got.length === 1);
    const started = Date.now();
    await got[0]!.nak(200);
    await until(() => got.length === 2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(got[1]!.location.deliveryCount).toBe(2);
    expect(got[1]!.location.messageId).toBe(got[0]!.location.messageId);

    const key = `eventflow:${run}:p:0`;
    await probe.connect();
    let figures = await t.inspect();
    expect(figures[`xlen:${key}`]).toBe(await probe.xlen(key));
    expect(figures[`xpending:${key}:g`]).toBe(1);
    await got[1]!.ack();
    figures = await t.inspect();
    expect(figures[`xpending:${key}:g`]).toBe(0);

    const dl = await t.deadLetter('p', body('gone'), 'retries exhausted');
    const [entry] = await probe.xrange(`eventflow:${run}:dlq`, '-', '+');
    expect(entry?.[0]).toBe(dl.messageId);
    expect(entry?.[1]).toEqual(['topic', 'p', 'reason', 'retries exhausted', 'body', 'gone']);

    await t.close({ keep: false });
    expect(await probe.exists(key, `eventflow:${run}:dlq`)).toBe(0);
    const [, left] = await probe.scan('0', 'MATCH', `eventflow:${run}:*`, 'COUNT', 1000);
    expect(left).toEqual([]);
  });

  it('names the broker, address and fix when nothing listens', async () => {
    const started = Date.now();
    const error = await redisTransportFactory.connect('redis://127.0.0.1:1', 'r').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokerUnavailableError);
    expect(String(error)).toMatch(/redis at redis:\/\/127\.0\.0\.1:1.*redis-server/);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
