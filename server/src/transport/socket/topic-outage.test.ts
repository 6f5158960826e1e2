import type { FlowDocInput, Hop } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { send, startRun, useTestServer, value, waitFor } from './socket-support.js';

const startServer = useTestServer();

/** One order every 100 ms, held by the producer while the topic is down. */
const bufferingFlow: FlowDocInput = {
  format: 'eventflow.flow',
  version: 1,
  name: 'Orders through a broker that can go down',
  nodes: [
    {
      id: 'shop',
      kind: 'producer',
      config: { eventType: 'OrderPlaced', rate: 10, count: 10, onTopicDown: 'buffer' },
    },
    { id: 'orders', kind: 'topic' },
    { id: 'billing', kind: 'consumer', config: { processingMs: 5 } },
  ],
  edges: [
    { id: 'e1', source: 'shop', target: 'orders' },
    { id: 'e2', source: 'orders', target: 'billing' },
  ],
};

describe('run:topic-outage over socket.io', { timeout: 60_000 }, () => {
  it('the owner takes a topic down (events are held, the canvas sees it) and brings it back (they are published)', async () => {
    const server = await startServer();
    const client = await server.connect();
    const { rec, runId } = await startRun(client, { flow: bufferingFlow, paused: true });
    value(await send(client, 'run:advance', { runId, ms: 150 }));
    value(await send(client, 'run:topic-outage', { runId, nodeId: 'orders', down: true }));
    await waitFor(() => rec.nodes.orders?.down === true, 10_000, 'the topic reported down');
    value(await send(client, 'run:advance', { runId, ms: 300 }));
    await waitFor(() => rec.nodes.shop?.buffered === 3, 10_000, 'three events held');
    value(await send(client, 'run:topic-outage', { runId, nodeId: 'orders', down: false }));
    value(await send(client, 'run:advance', { runId, ms: 5_000 }));
    await waitFor(() => rec.hops.filter((h) => h.type === 'acked').length === 10, 10_000, 'all acked');
    const { hops } = value(await send<{ hops: Hop[] }>(client, 'run:resync', { runId, fromSeq: 1 }));
    const buffered = hops.filter((h) => h.type === 'buffered');
    expect(buffered.map((h) => [h.event, h.node, h.t])).toEqual([
      ['e3', 'shop', 200],
      ['e4', 'shop', 300],
      ['e5', 'shop', 400],
    ]);
    const e3 = hops.filter((h) => h.event === 'e3').map((h) => h.type);
    expect(e3.slice(0, 3)).toEqual(['produced', 'buffered', 'published']);
    expect(rec.nodes.shop?.buffered).toBe(0);
    expect(rec.nodes.orders?.down).toBeUndefined();
  });

  it('refuses a session that does not own the run, a node that is not a topic and a bad payload', async () => {
    const server = await startServer();
    const owner = await server.connect();
    const { runId } = await startRun(owner, { flow: bufferingFlow, paused: true });
    const other = await server.connect();
    expect(await send(other, 'run:topic-outage', { runId, nodeId: 'orders', down: true })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    // Shared read-only, the other session still may not take the broker down.
    const { viewKey } = value(await send<{ viewKey: string }>(owner, 'run:share', { runId }));
    value(await send(other, 'run:watch', { runId, viewKey, fromSeq: 1 }));
    expect(await send(other, 'run:topic-outage', { runId, nodeId: 'orders', down: true })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await send(owner, 'run:topic-outage', { runId, nodeId: 'shop', down: true })).toMatchObject({
      ok: false,
      code: 'unknown-node',
    });
    for (const bad of [
      { runId, nodeId: 'orders' },
      { runId, nodeId: 'orders', down: 'yes' },
      { runId, nodeId: 'orders', down: true, extra: 1 },
    ])
      expect(await send(owner, 'run:topic-outage', bad)).toMatchObject({
        ok: false,
        code: 'invalid-payload',
      });
    expect(await send(owner, 'run:topic-outage', { runId, nodeId: 'orders', down: true })).toEqual({
      ok: true,
      value: null,
    });
  });
});
