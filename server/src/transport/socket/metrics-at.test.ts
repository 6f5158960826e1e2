import type { CountsAt, Hop } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { chainFlow } from '../test-support.js';
import { lastState, send, startRun, useTestServer, value, waitFor } from './socket-support.js';

const startServer = useTestServer();

/** A run of the chain flow to its end, with every hop (read back, not sampled) and its final metrics. */
async function advancedToEnd() {
  const server = await startServer();
  const client = await server.connect();
  const { rec, runId } = await startRun(client, { flow: chainFlow, paused: true });
  value(await send(client, 'run:advance', { runId, ms: 60_000 }));
  await waitFor(() => lastState(rec) === 'completed', 15_000, 'completion');
  const { hops, complete } = value(
    await send<{ hops: Hop[]; complete: boolean }>(client, 'run:resync', { runId, fromSeq: 1 }),
  );
  expect(complete).toBe(true);
  return { server, client, runId, hops, metrics: () => rec.nodes };
}

const at = (client: Parameters<typeof send>[0], runId: string, seq: number) =>
  send<CountsAt>(client, 'run:metrics-at', { runId, seq });

const count = (hops: Hop[], type: Hop['type'], node: string) =>
  hops.filter((h) => h.type === type && h.node === node).length;

describe('run:metrics-at over socket.io', { timeout: 60_000 }, () => {
  it('at the last hop it answers what run:metrics said; earlier, the counts of that moment', async () => {
    const { client, runId, hops, metrics } = await advancedToEnd();
    const last = hops.at(-1)!;
    const end = value(await at(client, runId, last.seq));
    expect(end).toMatchObject({ seq: last.seq, t: last.t, fromSeq: 1 });
    expect(Object.keys(metrics()).sort()).toEqual(Object.keys(end.nodes).sort());
    expect(Object.keys(end.nodes)).toHaveLength(chainFlow.nodes.length);
    for (const [id, { rate: _rate, instances: _instances, ...live }] of Object.entries(metrics()))
      expect(end.nodes[id], id).toEqual(live);

    const mid = hops[Math.floor(hops.length / 2)]!;
    const before = hops.filter((h) => h.seq <= mid.seq);
    const past = value(await at(client, runId, mid.seq));
    expect(past).toMatchObject({ seq: mid.seq, t: mid.t });
    expect(past.nodes['order-events']).toMatchObject({ in: count(before, 'published', 'order-events') });
    expect(past.nodes.billing).toMatchObject({
      in: count(before, 'delivered', 'billing'),
      acked: count(before, 'acked', 'billing'),
      out: count(before, 'emitted', 'billing'),
    });
    expect(past.nodes.orders!.out).toBe(count(before, 'produced', 'orders'));
    expect(past.nodes.orders!.out).toBeLessThan(end.nodes.orders!.out);
    expect(past.nodes.mailer!.acked).toBeLessThan(end.nodes.mailer!.acked!);
    const published = (p: number) =>
      before.filter((h) => h.type === 'published' && h.node === 'order-events' && h.partition === p).length;
    expect(past.nodes['order-events']!.partitions!.map((p) => p.end)).toEqual([published(0), published(1)]);
    expect(past.edges.e1).toEqual({ count: count(before, 'published', 'order-events') });
  });

  it('refuses bad payloads, a hop the run does not have, and a session that may not view the run', async () => {
    const { server, client, runId, hops } = await advancedToEnd();
    for (const bad of [
      { runId },
      { runId, seq: 0 },
      { runId, seq: 1.5 },
      { runId, seq: '3' },
      { runId, seq: 3, extra: true },
    ])
      expect(await send(client, 'run:metrics-at', bad)).toMatchObject({ ok: false, code: 'invalid-payload' });
    expect(await at(client, runId, hops.length + 1)).toMatchObject({ ok: false, code: 'unknown-event' });
    expect(await at(client, 'run-nope', 1)).toMatchObject({ ok: false });

    const other = await server.connect();
    expect(await at(other, runId, 1)).toMatchObject({ ok: false, code: 'forbidden' });
    const { viewKey } = value(await send<{ viewKey: string }>(client, 'run:share', { runId }));
    value(await send(other, 'run:watch', { runId, viewKey, fromSeq: 1 }));
    // Read-only: a session the run was shared with may step back through it too.
    expect(value(await at(other, runId, 3)).seq).toBe(3);
  });
});
