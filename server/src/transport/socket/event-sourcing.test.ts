import { readFileSync } from 'node:fs';
import type { AggregateView, ReadModelView } from '@eventflow/shared';
import { describe, expect, it } from 'vitest';
import { completedRun, send, useTestServer, value, waitFor } from './socket-support.js';

const ledger = JSON.parse(readFileSync('examples/order-ledger.flow.json', 'utf8')) as unknown;

const startServer = useTestServer();

/** A server, its client and the completed run of the order ledger on it. */
async function ledgerRun() {
  const server = await startServer();
  const client = await server.connect();
  return { server, client, ...(await completedRun(client, { flow: ledger, speed: 'max' })) };
}

describe(
  'projection:read, projection:rebuild and store:aggregate over socket.io',
  { timeout: 60_000 },
  () => {
    it('reads the read model as of a hop, rebuilds it while the run goes on, and audits an aggregate', async () => {
      const { client, rec, runId } = await ledgerRun();
      const firstStored = rec.hops.find((h) => h.type === 'stored')!;
      const atWrite = value(
        await send<ReadModelView>(client, 'projection:read', {
          runId,
          nodeId: 'order-status',
          seq: firstStored.seq,
        }),
      );
      expect(atWrite).toMatchObject({ rows: [], written: 1, applied: 0 });
      const now = value(
        await send<ReadModelView>(client, 'projection:read', { runId, nodeId: 'order-status' }),
      );
      expect(now.rows.map((r) => r.aggregate)).toEqual(['o-1', 'o-2', 'o-3']);

      value(await send(client, 'projection:rebuild', { runId, nodeId: 'order-status' }));
      value(await send(client, 'run:resume', { runId }));
      await waitFor(() => rec.hops.some((h) => h.type === 'rebuilt'), 15_000, 'the rebuild');
      expect(rec.hops.find((h) => h.type === 'rebuilt')?.reason).toBe(
        'rebuilt from position 0: equals the live read model (3 rows)',
      );

      const audit = value(
        await send<AggregateView>(client, 'store:aggregate', { runId, nodeId: 'ledger', aggregate: 'o-1' }),
      );
      expect(audit.entries.map((e) => [e.version, e.eventId, e.source])).toEqual([[1, 'e1', 'checkout']]);
      expect(audit.conflicts).toBe(1);
    });

    it('refuses a node of another kind and an unknown hop', async () => {
      const { client, runId } = await ledgerRun();
      const wrong = await send(client, 'projection:read', { runId, nodeId: 'ledger' });
      expect(wrong).toMatchObject({ ok: false, code: 'unknown-node' });
      const future = await send(client, 'projection:read', { runId, nodeId: 'order-status', seq: 1e6 });
      expect(future).toMatchObject({ ok: false, code: 'unknown-event' });
      const bad = await send(client, 'store:aggregate', { runId, nodeId: 'ledger' });
      expect(bad).toMatchObject({ ok: false, code: 'invalid-payload' });
    });
  },
);
