import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFlow, type FlowDoc } from '@eventflow/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { TRANSPORTS } from './registry.js';
import { runOnBroker } from './runtime/broker-run.js';
import { planBrokerRun } from './runtime/plan.js';
import { brokerReachable, brokersRequired } from './test-support.js';
import { BrokerUnavailableError, type BrokerKind } from './transport.js';

/**
 * The promise for a broker that cannot be used: an explanation naming the broker, the address and the
 * likely fix, never a stack trace and never a hung run. Servers with the wrong setup (a password, no JetStream,
 * one that dies mid-run) are started here on a spare port from the binaries the CI machine has.
 */

const onPath = (bin: string) => spawnSync('which', [bin]).status === 0;
const started: ChildProcess[] = [];

afterEach(() => {
  // Only the servers this file started, by their own handle.
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

async function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `bin args` and waits until it accepts connections on `port` (at most 10 s). */
async function serve(bin: string, args: readonly string[], port: number): Promise<ChildProcess> {
  const child = spawn(bin, [...args], { stdio: 'ignore' });
  started.push(child);
  let up = false;
  for (let i = 0; i < 200 && !up && child.exitCode === null; i++) {
    up = await brokerReachable(`tcp://127.0.0.1:${port}`);
    if (!up) await new Promise((r) => setTimeout(r, 50));
  }
  if (!up) throw new Error(`${bin} did not start on port ${port}`);
  return child;
}

async function refusal(kind: BrokerKind, url: string): Promise<BrokerUnavailableError> {
  const error: unknown = await TRANSPORTS[kind].connect(url, `unusable${Date.now().toString(36)}`).then(
    async (t) => {
      await t.close({ keep: false });
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BrokerUnavailableError);
  const e = error as BrokerUnavailableError;
  expect(e.kind).toBe(kind);
  // One sentence for a person, not a client's stack.
  expect(e.message).not.toMatch(/\n\s+at /);
  return e;
}

describe('a broker that is down', () => {
  const cases: [BrokerKind, string, RegExp][] = [
    ['redis', 'redis://127.0.0.1:1', /nothing listens there: start redis-server/],
    ['nats', 'nats://127.0.0.1:1', /start it with `nats-server -js`/],
    ['rabbitmq', 'amqp://guest:guest@127.0.0.1:1', /nothing listens there: start RabbitMQ/],
    ['mqtt', 'mqtt://127.0.0.1:1', /nothing listens there: start Mosquitto/],
  ];
  it.each(cases)('%s: names the address and says what to start', async (kind, url, fix) => {
    const e = await refusal(kind, url);
    expect(e.message).toMatch(
      new RegExp(`^${kind} at [a-z]+://(guest:\\*\\*\\*@)?127\\.0\\.0\\.1:1 is not usable: `),
    );
    expect(e.fix).toMatch(fix);
  });
});

const rabbit = await brokerReachable('amqp://127.0.0.1:5672');
describe.skipIf(!rabbit && !brokersRequired)('RabbitMQ refusing the login', () => {
  it('says to check the user and password, and masks the password it was given', async () => {
    const e = await refusal('rabbitmq', 'amqp://guest:wrong@127.0.0.1:5672');
    expect(e.message).toContain('amqp://guest:***@127.0.0.1:5672');
    expect(e.message).not.toContain('wrong');
    expect(e.fix).toMatch(/refused the login: check user and password/);
  });
});

const redisBin = onPath('redis-server');
if (!redisBin)
  console.info('redis-server is not on PATH: the Redis auth and lost-connection tests are skipped');
describe.skipIf(!redisBin)('a Redis that asks for a password, or goes away mid-run', () => {
  const redisArgs = (port: number) => [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    mkdtempSync(join(tmpdir(), 'eventflow-redis-')),
  ];

  it('without the password, or with a wrong one, says which', async () => {
    const port = await sparePort();
    await serve('redis-server', [...redisArgs(port), '--requirepass', 's3cret'], port);
    const none = await refusal('redis', `redis://127.0.0.1:${port}`);
    expect(none.fix).toMatch(/Redis needs a password: give it in the URL/);
    const wrong = await refusal('redis', `redis://:nope@127.0.0.1:${port}`);
    expect(wrong.fix).toMatch(/refused the password in the URL/);
    expect(wrong.message).not.toContain('nope');
    // The right one works.
    const t = await TRANSPORTS.redis.connect(`redis://:s3cret@127.0.0.1:${port}`, 'auth-ok');
    await t.close({ keep: false });
  });

  it('a password given to a server that has none is not an error: ioredis runs without it', async () => {
    const port = await sparePort();
    await serve('redis-server', redisArgs(port), port);
    const t = await TRANSPORTS.redis.connect(`redis://:unneeded@127.0.0.1:${port}`, 'auth-none');
    await t.close({ keep: false });
  });

  it('lost mid-run: the run ends `lost` with the broker’s reason, and keeps the trace so far', async () => {
    const port = await sparePort();
    const server = await serve('redis-server', redisArgs(port), port);
    const flow = flowOf('retries-dead-letter.flow.json');
    const url = `redis://127.0.0.1:${port}`;
    const transport = await TRANSPORTS.redis.connect(url, `lost${Date.now().toString(36)}`);
    let acked = 0;
    const started = Date.now();
    const r = await runOnBroker({
      plan: planBrokerRun(flow, 'redis'),
      seed: 18,
      transport,
      // Slow enough that the run is still producing when the server goes.
      speed: 2,
      onHop: (h) => {
        if (h.type === 'acked' && ++acked === 3) server.kill('SIGKILL');
      },
    });
    expect(r.end).toBe('lost');
    expect(r.reason).toMatch(
      new RegExp(
        `^redis at redis://127\\.0\\.0\\.1:${port} is not usable: .*is redis-server still running\\?`,
      ),
    );
    expect(r.hops.filter((h) => h.type === 'acked').length).toBeGreaterThanOrEqual(3);
    expect(r.summary.events.produced).toBeGreaterThan(0);
    // Ended by the loss, not by the idle timeout (5 s) or the run's limit.
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);
});

const natsBin = onPath('nats-server');
if (!natsBin) console.info('nats-server is not on PATH: the NATS-without-JetStream test is skipped');
describe.skipIf(!natsBin)('a NATS server without JetStream', () => {
  it('says to enable JetStream, naming the address', async () => {
    const port = await sparePort();
    await serve('nats-server', ['-a', '127.0.0.1', '-p', String(port)], port);
    const e = await refusal('nats', `nats://127.0.0.1:${port}`);
    expect(e.message).toMatch(new RegExp(`^nats at nats://127\\.0\\.0\\.1:${port} is not usable: `));
    expect(e.fix).toBe('enable JetStream (-js) on the server');
  });
});

function flowOf(file: string): FlowDoc {
  const r = parseFlow(JSON.parse(readFileSync(join('examples', file), 'utf8')));
  if (!r.ok) throw new Error(`${file} is invalid`);
  return r.flow;
}
