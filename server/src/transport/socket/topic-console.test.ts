import type { TopicView } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { chainFlow } from '../test-support.js';
import { completedRun, lastState, send, useTestServer, value, waitFor } from './socket-support.js';

const startServer = useTestServer();

/** A server, its client and the completed run of the chain flow on it. */
async function chainRun() {
  const server = await startServer();
  const client = await server.connect();
  return { server, client, ...(await completedRun(client, { flow: chainFlow, speed: 'max' })) };
}

describe('topic:read and group:replay over socket.io', { timeout: 60_000 }, () => {
  it('lists what a topic retains per partition and where its groups read, for the run’s owner', async () => {
    const { client, rec, runId } = await chainRun();
    const v = value(
      await send<TopicView>(client, 'topic:read', { runId, nodeId: 'order-events', limit: 1000 }),
    );
    const published = rec.hops.filter((h) => h.type === 'published' && h.node === 'order-events');
    expect(v.nodeId).toBe('order-events');
    expect(v.partitions.map((p) => [p.partition, p.oldest, p.next])).toEqual([
      [0, 0, published.filter((h) => h.partition === 0).length],
      [1, 0, published.filter((h) => h.partition === 1).length],
    ]);
    expect(v.partitions.flatMap((p) => p.events.map((x) => x.eventId)).sort()).toEqual(
      published.map((h) => h.event).sort(),
    );
    expect(v.partitions[0]!.events[0]).toMatchObject({
      offset: 0,
      type: 'OrderPlaced',
      key: expect.any(String),
    });
    expect(v.groups).toEqual([
      {
        group: 'billing',
        consumerNodeId: 'billing',
        committed: v.partitions.map((p) => p.next),
        lag: [0, 0],
      },
    ]);
    const one = value(
      await send<TopicView>(client, 'topic:read', { runId, nodeId: 'order-events', partition: 1, limit: 2 }),
    );
    expect(one.partitions[0]!.events).toEqual([]);
    expect(one.partitions[1]!.events.map((x) => x.offset)).toEqual([
      one.partitions[1]!.next - 2,
      one.partitions[1]!.next - 1,
    ]);
  });

  it('replays a group from a simulated time: lag grows, then the run delivers those entries again', async () => {
    const { client, rec, runId } = await chainRun();
    const read = async () =>
      value(await send<TopicView>(client, 'topic:read', { runId, nodeId: 'order-events', limit: 1000 }));
    const before = await read();
    const fromTime = 1_000;
    const again = before.partitions.flatMap((p) =>
      p.events.filter((x) => x.t >= fromTime).map((x) => x.eventId),
    );
    expect(again.length).toBeGreaterThan(0);
    value(await send(client, 'group:replay', { runId, nodeId: 'billing', fromTime }));
    // A completed run waits, paused, until it is told to move again.
    await waitFor(() => lastState(rec) === 'paused', 5_000, 'paused after replay');
    const after = await read();
    expect(after.groups[0]!.lag.reduce((a, b) => a + b, 0)).toBe(again.length);
    const seen = rec.hops.length;
    value(await send(client, 'run:advance', { runId, ms: 10_000 }));
    await waitFor(() => rec.hops.length > seen, 5_000, 'replayed hops');
    const delivered = rec.hops.slice(seen).filter((h) => h.type === 'delivered' && h.node === 'billing');
    expect(delivered.map((h) => h.event).sort()).toEqual(again.sort());
    expect((await read()).groups[0]!.lag).toEqual([0, 0]);
  });

  it('refuses bad payloads, a node that is not a topic, and another session', async () => {
    const { server, client, runId } = await chainRun();
    for (const bad of [
      { runId, nodeId: 'order-events' },
      { runId, nodeId: 'order-events', limit: 0 },
      { runId, nodeId: 'order-events', limit: 1001 },
      { runId, nodeId: 'order-events', limit: 10, partition: -1 },
      { runId, nodeId: 'order-events', limit: 10, fromOffset: 1.5 },
      { runId, nodeId: 'order-events', limit: 10, extra: true },
    ])
      expect(await send(client, 'topic:read', bad)).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(await send(client, 'topic:read', { runId, nodeId: 'billing', limit: 10 })).toMatchObject({
      ok: false,
      code: 'unknown-node',
    });
    for (const bad of [
      { runId, nodeId: 'billing' },
      { runId, nodeId: 'billing', fromOffset: 0, fromTime: 0 },
      { runId, nodeId: 'billing', fromTime: -1 },
    ])
      expect(await send(client, 'group:replay', bad)).toMatchObject({ ok: false, code: 'invalid-payload' });
    const other = await server.connect();
    expect(await send(other, 'topic:read', { runId, nodeId: 'order-events', limit: 10 })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    const { viewKey } = value(await send<{ viewKey: string }>(client, 'run:share', { runId }));
    value(await send(other, 'run:watch', { runId, viewKey, fromSeq: 1 }));
    expect((await send(other, 'topic:read', { runId, nodeId: 'order-events', limit: 10 })).ok).toBe(true);
    expect(await send(other, 'group:replay', { runId, nodeId: 'billing', fromTime: 0 })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });
});
