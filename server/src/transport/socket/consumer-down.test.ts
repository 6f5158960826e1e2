import type { TopicView } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { chainFlow } from '../test-support.js';
import { send, startRun, useTestServer, value, waitFor } from './socket-support.js';

const startServer = useTestServer();

describe('consumer:set-down over socket.io', { timeout: 60_000 }, () => {
  it('the owner takes a group down (lag grows) and brings it back (lag returns to zero); others are refused', async () => {
    const server = await startServer();
    const owner = await server.connect();
    const stranger = await server.connect();
    const { rec, runId } = await startRun(owner, { flow: chainFlow, paused: true });
    const lag = async () =>
      value(
        await send<TopicView>(owner, 'topic:read', { runId, nodeId: 'order-events', limit: 1 }),
      ).groups[0]!.lag.reduce((a, b) => a + b, 0);

    value(await send(owner, 'run:advance', { runId, ms: 500 }));
    expect(await send(stranger, 'consumer:set-down', { runId, nodeId: 'billing', down: true })).toMatchObject(
      {
        ok: false,
        code: 'forbidden',
      },
    );
    expect(
      await send(owner, 'consumer:set-down', { runId, nodeId: 'billing', down: true, instance: -1 }),
    ).toMatchObject({ ok: false, code: 'invalid-payload', message: expect.stringContaining('instance') });
    expect(
      await send(owner, 'consumer:set-down', { runId, nodeId: 'order-events', down: true }),
    ).toMatchObject({ ok: false, code: 'unknown-node' });

    value(await send(owner, 'consumer:set-down', { runId, nodeId: 'billing', down: true }));
    await waitFor(() => rec.hops.some((h) => h.type === 'rebalanced'), 5_000, 'rebalanced hop');
    const down = rec.hops.find((h) => h.type === 'instance-down')!;
    expect(down).toMatchObject({ node: 'billing', group: 'billing', instance: 0, t: 500 });
    expect(down.reason).toBe('the consumer taken down by hand');

    value(await send(owner, 'run:advance', { runId, ms: 2_500 }));
    const grown = await lag();
    expect(grown).toBeGreaterThanOrEqual(10);

    value(await send(owner, 'consumer:set-down', { runId, nodeId: 'billing', down: false }));
    await waitFor(() => rec.hops.some((h) => h.type === 'instance-up'), 5_000, 'instance-up hop');
    value(await send(owner, 'run:advance', { runId, ms: 5_000 }));
    expect(await lag()).toBe(0);
    await waitFor(
      () => rec.hops.filter((h) => h.type === 'acked' && h.node === 'billing').length === 20,
      5_000,
      'every order billed',
    );
    // The stranger's refusal changed nothing: one down, one up.
    expect(rec.hops.filter((h) => h.type === 'instance-down')).toHaveLength(1);
  });
});
