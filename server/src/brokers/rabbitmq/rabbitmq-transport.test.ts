import { randomUUID } from 'node:crypto';
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { connect, type ChannelModel } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerReachable, brokersRequired, until } from '../test-support.js';
import { BrokerUnavailableError, type BrokerTransport, type Delivery } from '../transport.js';
import { dlqExchange, dlqQueue, groupQueue, retryExchange, retryQueue, topicExchange } from './names.js';
import { rabbitmqTransportFactory } from './rabbitmq-transport.js';

const URL_ = 'amqp://guest:guest@127.0.0.1:5672';
const reachable = await brokerReachable(URL_);
if (!reachable && !brokersRequired) console.info('rabbitmq tests skipped: nothing answers at 127.0.0.1:5672');

const body = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const publish = (t: BrokerTransport, topic: string, id: string, key?: string, partition = 0) =>
  t.publish({ topic, partition, key, body: body(id), eventId: id });

async function open(): Promise<{ t: BrokerTransport; run: string }> {
  const run = `t${randomUUID().slice(0, 8)}`;
  return { t: await rabbitmqTransportFactory.connect(URL_, run), run };
}

describe.skipIf(!reachable && !brokersRequired)('rabbitmq transport (real broker)', () => {
  /** A separate connection that checks what the broker holds, independent of the transport under test. */
  let probe: ChannelModel;
  beforeAll(async () => {
    probe = await connect(URL_);
  });
  afterAll(async () => {
    await probe.close();
  });
  /** checkQueue/checkExchange on a missing resource closes the channel (404), so each check gets its own. */
  async function exists(check: 'checkQueue' | 'checkExchange', name: string): Promise<boolean> {
    const ch = await probe.createChannel();
    ch.on('error', () => undefined);
    try {
      await ch[check](name);
      await ch.close();
      return true;
    } catch {
      return false;
    }
  }

  it('delivers a publication with its location', async () => {
    const { t, run } = await open();
    const sub = { topic: 'orders', partition: 0, group: 'billing', instance: 'b1' };
    await t.declare([{ topic: 'orders', partitions: 1 }], [sub]);
    const got: Delivery[] = [];
    await t.subscribe(sub, (d) => got.push(d));
    const published = await publish(t, 'orders', 'e1', 'k');
    expect(published).toEqual({
      broker: 'rabbitmq',
      resource: topicExchange(run, 'orders'),
      messageId: 'e1',
      deliveryCount: 0,
    });
    await until(() => got.length === 1);
    expect(text(got[0]!.body)).toBe('e1');
    expect(got[0]!.location).toEqual({
      broker: 'rabbitmq',
      resource: `eventflow.${run}.orders.0.billing`,
      messageId: 'e1',
      deliveryCount: 1,
    });
    await got[0]!.ack();
    await expect(got[0]!.ack()).rejects.toThrow(/already settled/);
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
    const seen = new Map<string, string[]>(subs.map((s) => [s.instance, []]));
    const acks: Promise<void>[] = [];
    for (const s of subs)
      await t.subscribe(s, (d) => {
        seen.get(s.instance)!.push(text(d.body));
        // Settling later lets the broker hand the next messages to the other instance meanwhile.
        setTimeout(() => acks.push(d.ack()), 5);
      });
    for (let i = 0; i < 20; i++) await publish(t, 'o', `m${i}`);
    const groupA = () => [...seen.get('a1')!, ...seen.get('a2')!];
    await until(() => groupA().length === 20 && seen.get('b1')!.length === 20);
    expect(new Set(groupA()).size).toBe(20);
    expect(seen.get('a1')!.length).toBeGreaterThan(0);
    expect(seen.get('a2')!.length).toBeGreaterThan(0);
    expect(seen.get('b1')).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
    await until(() => acks.length === 40);
    await Promise.all(acks);
    await t.close({ keep: false });
  });

  it('keeps per-key order within one partition for a single instance', async () => {
    const { t } = await open();
    const sub = { topic: 'k', partition: 1, group: 'g', instance: 'i1' };
    await t.declare([{ topic: 'k', partitions: 2 }], [sub]);
    const got: string[] = [];
    await t.subscribe(sub, (d) => {
      got.push(text(d.body));
      void d.ack();
    });
    const sent = Array.from({ length: 30 }, (_, i) => `key${i % 3}:${i}`);
    for (const id of sent) await publish(t, 'k', id, id.split(':')[0], 1);
    await until(() => got.length === 30);
    for (const key of ['key0', 'key1', 'key2'])
      expect(got.filter((g) => g.startsWith(`${key}:`))).toEqual(sent.filter((s) => s.startsWith(`${key}:`)));
    await t.close({ keep: false });
  });

  it('redelivers a nak after its delay with deliveryCount 2, and keeps counting across requeues and retries', async () => {
    const { t, run } = await open();
    const sub = { topic: 'p', partition: 0, group: 'g', instance: 'i1' };
    await t.declare([{ topic: 'p', partitions: 1 }], [sub]);
    const got: Array<{ d: Delivery; at: number }> = [];
    await t.subscribe(sub, (d) => got.push({ d, at: Date.now() }));
    await publish(t, 'p', 'x1', 'k');
    await until(() => got.length === 1);
    const started = Date.now();
    await got[0]!.d.nak(500);
    expect(await t.inspect()).toMatchObject({ [`${retryQueue(run, 500)}.messages`]: 1 });
    await until(() => got.length === 2);
    expect(got[1]!.at - started).toBeGreaterThanOrEqual(500);
    expect(got[1]!.d.location).toMatchObject({
      resource: groupQueue(run, 'p', 0, 'g'),
      messageId: 'x1',
      deliveryCount: 2,
    });
    expect(text(got[1]!.d.body)).toBe('x1');
    await got[1]!.d.nak(0);
    await until(() => got.length === 3);
    expect(got[2]!.d.location.deliveryCount).toBe(3);
    // A second delayed retry: a new copy again, which carries the three deliveries so far.
    await got[2]!.d.nak(50);
    await until(() => got.length === 4);
    expect(got[3]!.d.location).toMatchObject({ messageId: 'x1', deliveryCount: 4 });
    await got[3]!.d.ack();
    const figures = await t.inspect();
    expect(figures[`${groupQueue(run, 'p', 0, 'g')}.messages`]).toBe(0);
    expect(figures[`${groupQueue(run, 'p', 0, 'g')}.consumers`]).toBe(1);
    await t.close({ keep: false });
  });

  it('redelivers each of many concurrent naks with different delays exactly once, across two partition queues', async () => {
    const { t, run } = await open();
    // One instance on two partitions: two consumer channels sharing the run's publishing channel.
    const subs = [0, 1].map((partition) => ({ topic: 'n', partition, group: 'g', instance: 'i1' }));
    await t.declare([{ topic: 'n', partitions: 2 }], subs);
    const delays = [25, 50, 100];
    const deliveries = new Map<string, number[]>();
    const settles: Promise<void>[] = [];
    for (const sub of subs)
      await t.subscribe(sub, (d) => {
        const id = d.location.messageId;
        const counts = deliveries.get(id) ?? [];
        counts.push(d.location.deliveryCount);
        deliveries.set(id, counts);
        // The first delivery is nak'ed at once, without waiting for the other naks in flight; the retry is acked.
        settles.push(counts.length === 1 ? d.nak(delays[Number(id.slice(1)) % delays.length]!) : d.ack());
      });
    const ids = Array.from({ length: 24 }, (_, i) => `m${i}`);
    await Promise.all(ids.map((id, i) => publish(t, 'n', id, undefined, i % 2)));
    const total = () => [...deliveries.values()].reduce((n, c) => n + c.length, 0);
    await until(() => total() >= ids.length * 2);
    // Longer than the longest delay again, so a second copy of any retry would have come back by now.
    await new Promise((r) => setTimeout(r, 400));
    await Promise.all(settles);
    expect(Object.fromEntries(deliveries)).toEqual(Object.fromEntries(ids.map((id) => [id, [1, 2]])));
    const figures = await t.inspect();
    for (const partition of [0, 1])
      expect(figures[`${groupQueue(run, 'n', partition, 'g')}.messages`]).toBe(0);
    for (const delay of delays) expect(figures[`${retryQueue(run, delay)}.messages`]).toBe(0);
    await t.close({ keep: false });
  });

  it('dead-letters to the topic DLQ with the reason as a header, read back from the broker', async () => {
    const { t, run } = await open();
    await t.declare([{ topic: 'pay', partitions: 1 }], []);
    const location = await t.deadLetter('pay', body('gone'), 'retries exhausted');
    expect(location).toMatchObject({ broker: 'rabbitmq', resource: dlqQueue(run, 'pay') });
    expect((await t.inspect())[`${dlqQueue(run, 'pay')}.messages`]).toBe(1);
    const ch = await probe.createChannel();
    const msg = await ch.get(dlqQueue(run, 'pay'), { noAck: true });
    await ch.close();
    expect(msg && text(msg.content)).toBe('gone');
    expect(msg && msg.properties.messageId).toBe(location.messageId);
    expect(msg && msg.properties.headers).toMatchObject({
      'x-eventflow-reason': 'retries exhausted',
      'x-eventflow-topic': 'pay',
    });
    await t.close({ keep: false });
  });

  it('lets the broker enforce retention by count (oldest dropped) and by age', async () => {
    const { t, run } = await open();
    const subs = [
      { topic: 'r', partition: 0, group: 'g', instance: 'i1' },
      { topic: 'a', partition: 0, group: 'g', instance: 'i1' },
    ];
    await t.declare(
      [
        { topic: 'r', partitions: 1, retention: { maxMessages: 3 } },
        { topic: 'a', partitions: 1, retention: { maxAgeMs: 100 } },
      ],
      subs,
    );
    for (let i = 0; i < 5; i++) await publish(t, 'r', `e${i}`);
    await publish(t, 'a', 'old');
    const ch = await probe.createChannel();
    expect((await ch.checkQueue(groupQueue(run, 'r', 0, 'g'))).messageCount).toBe(3);
    const kept: string[] = [];
    for (
      let m = await ch.get(groupQueue(run, 'r', 0, 'g'));
      m;
      m = await ch.get(groupQueue(run, 'r', 0, 'g'))
    ) {
      kept.push(text(m.content));
      ch.ack(m);
    }
    expect(kept).toEqual(['e2', 'e3', 'e4']);
    await new Promise((r) => setTimeout(r, 400));
    expect((await ch.checkQueue(groupQueue(run, 'a', 0, 'g'))).messageCount).toBe(0);
    await ch.close();
    await t.close({ keep: false });
  });

  it('removes every queue and exchange of the run at close, and keeps them when asked', async () => {
    const { t, run } = await open();
    const sub = { topic: 'c', partition: 0, group: 'g', instance: 'i1' };
    await t.declare([{ topic: 'c', partitions: 1 }], [sub]);
    // A nak with a long delay leaves the run's retry queue holding the message at close.
    const naks: Promise<void>[] = [];
    await t.subscribe(sub, (d) => naks.push(d.nak(60_000)));
    await publish(t, 'c', 'z');
    await t.deadLetter('c', body('z'), 'why');
    await until(() => naks.length === 1);
    await naks[0];
    const queues = [groupQueue(run, 'c', 0, 'g'), dlqQueue(run, 'c'), retryQueue(run, 60_000)];
    const exchanges = [topicExchange(run, 'c'), dlqExchange(run, 'c'), retryExchange(run)];
    for (const q of queues) expect(await exists('checkQueue', q)).toBe(true);
    await t.close({ keep: false });
    for (const q of queues) expect(await exists('checkQueue', q)).toBe(false);
    for (const e of exchanges) expect(await exists('checkExchange', e)).toBe(false);

    const kept = await open();
    await kept.t.declare([{ topic: 'c', partitions: 1 }], [sub]);
    await kept.t.close({ keep: true });
    const keptQueues = [groupQueue(kept.run, 'c', 0, 'g'), dlqQueue(kept.run, 'c')];
    for (const q of keptQueues) expect(await exists('checkQueue', q)).toBe(true);
    expect(await exists('checkExchange', topicExchange(kept.run, 'c'))).toBe(true);
    const ch = await probe.createChannel();
    for (const q of keptQueues) await ch.deleteQueue(q);
    for (const e of [topicExchange(kept.run, 'c'), dlqExchange(kept.run, 'c')]) await ch.deleteExchange(e);
    await ch.close();
  });

  it('names the broker, the address and the fix when nothing listens or the login is wrong', async () => {
    const down = await rabbitmqTransportFactory
      .connect('amqp://guest:guest@127.0.0.1:1', 'r')
      .catch((e: unknown) => e);
    expect(down).toBeInstanceOf(BrokerUnavailableError);
    expect(String(down)).toMatch(/rabbitmq at amqp:\/\/guest:\*\*\*@127\.0\.0\.1:1.*start RabbitMQ/);

    const refused = await rabbitmqTransportFactory
      .connect('amqp://guest:wrong-secret@127.0.0.1:5672', 'r')
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BrokerUnavailableError);
    expect(String(refused)).toMatch(/check user and password in the amqp:\/\/ URL/);
    expect(String(refused)).not.toContain('wrong-secret');
  });

  it('reports a consumer the broker cancels (its queue deleted under the run) through onLost', async () => {
    const { t, run } = await open();
    const sub = { topic: 'q', partition: 0, group: 'g', instance: 'i1' };
    await t.declare([{ topic: 'q', partitions: 1 }], [sub]);
    await t.subscribe(sub, () => undefined);
    const lost: BrokerUnavailableError[] = [];
    t.onLost?.((e) => lost.push(e));
    const ch = await probe.createChannel();
    await ch.deleteQueue(groupQueue(run, 'q', 0, 'g'));
    await ch.close();
    await until(() => lost.length === 1);
    expect(String(lost[0])).toMatch(/cancelled the consumer on eventflow\.t\w+\.q\.0\.g/);
    await t.close({ keep: false });
    expect(await exists('checkQueue', dlqQueue(run, 'q'))).toBe(false);
  });

  it('says which resource clashes when a queue of the run exists with other settings', async () => {
    const { t, run } = await open();
    const ch = await probe.createChannel();
    // A classic queue where the run wants a quorum one: the broker refuses the declaration (406).
    await ch.assertQueue(groupQueue(run, 'x', 0, 'g'), { durable: true });
    const lost: BrokerUnavailableError[] = [];
    t.onLost?.((e) => lost.push(e));
    const error = await t
      .declare([{ topic: 'x', partitions: 1 }], [{ topic: 'x', partition: 0, group: 'g', instance: 'i' }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokerUnavailableError);
    expect(String(error)).toMatch(/exists with other settings.*x-queue-type/);
    expect(lost).toEqual([error]);
    // The run's channel is gone, but close still removes what the run made, on a channel of its own.
    await t.close({ keep: false });
    expect(await exists('checkExchange', topicExchange(run, 'x'))).toBe(false);
    expect(await exists('checkQueue', dlqQueue(run, 'x'))).toBe(false);
    await ch.deleteQueue(groupQueue(run, 'x', 0, 'g'));
    await ch.close();
  });

  it('gives up within about two seconds on a port that accepts but never speaks AMQP', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const started = Date.now();
    const error = await rabbitmqTransportFactory
      .connect(`amqp://guest:guest@127.0.0.1:${port}`, 'r')
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(BrokerUnavailableError);
    for (const s of sockets) s.destroy();
    silent.close();
  });

  it('reports a connection lost mid-run through onLost, and later calls reject with it', async () => {
    // A TCP relay to the broker that the test can cut, standing in for a broker that goes away.
    const links: Socket[] = [];
    const relay = createServer((client) => {
      const upstream = tcpConnect(5672, '127.0.0.1');
      links.push(client, upstream);
      client.pipe(upstream).pipe(client);
      client.on('error', () => undefined);
      upstream.on('error', () => undefined);
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    const address = relay.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const run = `t${randomUUID().slice(0, 8)}`;
    const t = await rabbitmqTransportFactory.connect(`amqp://guest:guest@127.0.0.1:${port}`, run);
    await t.declare([{ topic: 'l', partitions: 1 }], []);
    const lost: BrokerUnavailableError[] = [];
    t.onLost?.((e) => lost.push(e));
    for (const s of links) s.destroy();
    relay.close();
    await until(() => lost.length === 1);
    expect(lost[0]).toBeInstanceOf(BrokerUnavailableError);
    expect(String(lost[0])).toMatch(/lost mid-run/);
    await expect(publish(t, 'l', 'after')).rejects.toBe(lost[0]);
    await t.close({ keep: false });
    // The transport could not clean up without its connection; the probe does.
    const ch = await probe.createChannel();
    await ch.deleteQueue(dlqQueue(run, 'l'));
    for (const e of [topicExchange(run, 'l'), dlqExchange(run, 'l')]) await ch.deleteExchange(e);
    await ch.close();
  });
});
