/**
 * CPU per message on one broker, for profiling (not part of `npm run bench`): the reference flow through
 * Eventflow's runtime, the transport alone (publish + subscribe + ack, no runtime), or the bare client loop.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/broker-probe.ts redis eventflow 20000
 *
 * Prints wall ms and this process's CPU µs per message (user + system), the figure that does not depend on how
 * busy the other core is.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BROKER_KINDS, type FlowDoc } from '@eventflow/shared';
import { TRANSPORTS } from '../server/src/brokers/registry.js';
import type { BrokerKind, Delivery } from '../server/src/brokers/transport.js';
import { ackCounter, PARTITIONS, publishAll, type BareLoop } from './brokers/bare.js';
import { bareMqtt } from './brokers/bare-mqtt.js';
import { bareNats } from './brokers/bare-nats.js';
import { bareRabbitmq } from './brokers/bare-rabbitmq.js';
import { bareRedis } from './brokers/bare-redis.js';
import { runEventflow } from './brokers/eventflow-run.js';
import { loadBenchFlow } from './reference.js';

const URLS: Record<BrokerKind, string> = {
  redis: 'redis://127.0.0.1:6379',
  nats: 'nats://127.0.0.1:4222',
  rabbitmq: 'amqp://guest:guest@127.0.0.1:5672',
  mqtt: 'mqtt://127.0.0.1:1883',
};
const BARE: Record<BrokerKind, BareLoop> = {
  redis: bareRedis,
  nats: bareNats,
  rabbitmq: bareRabbitmq,
  mqtt: bareMqtt,
};

const Args = z.tuple([
  z.enum(BROKER_KINDS),
  z.enum(['eventflow', 'transport', 'bare']),
  z.coerce.number().int().min(100).default(20_000),
]);
const [kind, mode, count] = Args.parse(process.argv.slice(2));
const url = URLS[kind];
const namespace = () => `eventflow-probe.${randomBytes(4).toString('hex')}`;
const BODY_BYTES = 337;

function withCount(flow: FlowDoc, n: number): FlowDoc {
  return {
    ...flow,
    nodes: flow.nodes.map((x) => (x.kind === 'producer' ? { ...x, config: { ...x.config, count: n } } : x)),
  };
}

/** The transport with no runtime: the same topic, group and instances the reference flow declares. */
async function transportOnly(n: number): Promise<{ ms: number }> {
  const t = await TRANSPORTS[kind].connect(url, namespace());
  try {
    const subs = [0, 1].flatMap((i) =>
      Array.from({ length: PARTITIONS }, (_, p) => ({
        topic: 'orders',
        partition: p,
        group: 'workers',
        instance: `workers.${i}`,
      })),
    );
    await t.declare([{ topic: 'orders', partitions: PARTITIONS }], subs);
    const counter = ackCounter(n);
    const onDelivery = (d: Delivery) => void d.ack().then(counter.acked, counter.fail);
    for (const s of subs) await t.subscribe(s, onDelivery);
    const body = new Uint8Array(BODY_BYTES).fill(120);
    let seq = 0;
    const t0 = performance.now();
    await publishAll(n, (partition) =>
      t.publish({ topic: 'orders', partition, key: undefined, body, eventId: `e${++seq}` }),
    );
    return { ms: (await counter.done) - t0 };
  } finally {
    await t.close({ keep: false });
  }
}

async function once(n: number): Promise<{ ms: number }> {
  if (mode === 'bare')
    return BARE[kind]({ url, namespace: namespace(), count: n, body: new Uint8Array(BODY_BYTES).fill(120) });
  if (mode === 'transport') return transportOnly(n);
  const r = await runEventflow(
    withCount(loadBenchFlow('broker-reference.flow.json'), n),
    kind,
    TRANSPORTS[kind],
    url,
    namespace(),
  );
  return { ms: r.ms };
}

/** The broker's own CPU ticks (utime + stime, in 1/100 s) when BROKER_PID names its process. */
function brokerTicks(): number | undefined {
  const pid = process.env.BROKER_PID;
  if (!pid) return undefined;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

await once(1000);
const ticks0 = brokerTicks();
const cpu0 = process.cpuUsage();
const { ms } = await once(count);
const cpu = process.cpuUsage(cpu0);
const ticks1 = brokerTicks();
const us = (cpu.user + cpu.system) / count;
const broker =
  ticks0 === undefined || ticks1 === undefined
    ? ''
    : `, broker ${(((ticks1 - ticks0) * 10_000) / count).toFixed(1)} µs CPU/msg`;
console.log(
  `${kind} ${mode} ${count}: ${ms.toFixed(0)} ms wall, ${Math.round(count / (ms / 1000))}/s, ${us.toFixed(1)} µs CPU/msg${broker}`,
);
