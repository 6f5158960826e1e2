import type { QueryReply } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { completedRun, send, useTestServer, value } from './socket-support.js';

const startServer = useTestServer();

const EVENTS = 1_000_000;
const millionEvents = {
  format: 'eventflow.flow',
  version: 1,
  name: 'A million events',
  nodes: [
    { id: 'sensor', kind: 'producer', config: { eventType: 'Reading', rate: 1_000_000, count: EVENTS } },
    { id: 'readings', kind: 'topic', config: { partitions: 4, latencyMs: 0.001 } },
    { id: 'store', kind: 'consumer', config: { instances: 4, processingMs: 0.0001 } },
  ],
  edges: [
    { id: 's1', source: 'sensor', target: 'readings' },
    { id: 's2', source: 'readings', target: 'store' },
  ],
};

const num = (id: string) => Number(id.slice(1));

describe('trace:query jumps to any row of a million-event run', { timeout: 240_000 }, () => {
  it('starts a page at a row or at an event id, and says which row it is', async () => {
    const server = await startServer();
    const client = await server.connect();
    const { runId } = await completedRun(client, { flow: millionEvents, speed: 'max' }, 200_000);
    const query = async (extra: Record<string, unknown>) =>
      value(await send<QueryReply>(client, 'trace:query', { runId, filter: {}, limit: 50, ...extra }));

    const head = await query({});
    expect(head.offset).toBe(0);
    const oldest = num(head.events[0]!.id);
    // The hop ring keeps the newest hops, so the list holds the newest events, up to the last one produced.
    expect(head.total).toBeGreaterThan(1000);
    expect(oldest + head.total - 1).toBe(EVENTS);

    const row = Math.floor(head.total * 0.7);
    const byRow = await query({ row });
    expect(byRow.offset).toBe(row);
    expect(byRow.events[0]!.id).toBe(`e${oldest + row}`);
    expect(byRow.events.map((e) => num(e.id))).toEqual(
      Array.from({ length: 50 }, (_, i) => oldest + row + i),
    );
    expect(byRow.total).toBe(head.total);

    const target = `e${oldest + 12_345}`;
    const byId = await query({ eventId: target });
    expect(byId.events[0]).toMatchObject({ id: target, type: 'Reading', node: 'sensor' });
    expect(byId.offset).toBe(12_345);
    // The cursor goes on from the jumped-to page like from any other.
    const next = await query({ cursor: byId.cursor });
    expect(next.events[0]!.id).toBe(`e${oldest + 12_345 + 50}`);

    const last = await query({ eventId: `e${EVENTS}` });
    expect(last).toMatchObject({ offset: head.total - 1, events: [{ id: `e${EVENTS}` }] });
    expect(last.cursor).toBeUndefined();
    // An evicted event starts the page at the oldest stored one; past the end there is nothing.
    const evicted = await query({ eventId: 'e1' });
    expect(evicted.offset).toBe(0);
    expect(evicted.events[0]!.id).toBe(`e${oldest}`);
    expect(await query({ eventId: `e${EVENTS + 1}` })).toMatchObject({ offset: head.total, events: [] });
    expect(await query({ row: head.total + 10 })).toMatchObject({ offset: head.total, events: [] });
    // With a filter, rows count matching events only.
    const none = await query({ row: 5, filter: { type: 'Nothing' } });
    expect(none).toMatchObject({ total: 0, offset: 0, events: [] });
    for (const bad of [{ row: -1 }, { row: 1.5 }, { eventId: '' }, { row: '3' }])
      expect(await send(client, 'trace:query', { runId, filter: {}, ...bad })).toMatchObject({
        ok: false,
        code: 'invalid-payload',
      });
  });
});
