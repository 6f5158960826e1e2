import type { AddressInfo } from 'node:net';
import express from 'express';
import { RuntimeList } from '@eventflow/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { runtimesRouter } from './runtimes-router.js';

describe('GET /api/runtimes', () => {
  const app = express();
  app.use('/api/runtimes', runtimesRouter([{ kind: 'rabbitmq', url: 'amqp://guest:secret@127.0.0.1:5672' }]));
  const server = app.listen(0, '127.0.0.1');
  afterAll(() => server.close());

  it('lists the simulator, then each configured broker with its address masked and what it cannot do', async () => {
    const { port } = server.address() as AddressInfo;
    const list = RuntimeList.parse(await (await fetch(`http://127.0.0.1:${port}/api/runtimes`)).json());
    expect(list.map((r) => r.id)).toEqual(['simulator', 'rabbitmq']);
    expect(list[1]).toMatchObject({ label: 'RabbitMQ', address: 'amqp://guest:***@127.0.0.1:5672' });
    expect(list[1]!.limits.length).toBeGreaterThan(1);
    expect(JSON.stringify(list)).not.toContain('secret');
  });
});
