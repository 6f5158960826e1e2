import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type FlowDocInput,
  type Result,
  type ServerToClientEvents,
} from '@eventflow/shared';
import { createApp, type App } from '../../server/src/app.js';
import { createDiskFlowRepo } from '../../server/src/library/disk-flow-repo.js';
import { createExampleLibrary } from '../../server/src/library/examples.js';
import { DEFAULT_RUN_LIMITS, DEFAULT_STREAM } from '../../server/src/runs/defaults.js';
import { fmt, median } from '../lib.js';
import type { BenchSection, SectionResult } from './section.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

function streamFlow(rate: number, count?: number): FlowDocInput {
  return {
    format: 'eventflow.flow',
    version: 1,
    name: `bench stream ${rate}/s`,
    nodes: [
      { id: 'sensor', kind: 'producer', config: { eventType: 'Reading', rate, ...(count ? { count } : {}) } },
      { id: 'readings', kind: 'topic', config: { partitions: 4 } },
      { id: 'store', kind: 'consumer', config: { instances: 4, processingMs: 0.01 } },
    ],
    edges: [
      { id: 's1', source: 'sensor', target: 'readings' },
      { id: 's2', source: 'readings', target: 'store' },
    ],
  };
}

async function startServer(): Promise<{ app: App; url: string; scratch: string }> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'eventflow-bench-'));
  let n = 0;
  const app = createApp({
    repo: await createDiskFlowRepo({ dir: scratch, now: () => Date.now(), newId: () => `f${++n}` }),
    examples: createExampleLibrary(scratch),
    staticDir: scratch,
    log: pino({ level: 'silent' }),
    runs: {
      maxRuns: 8,
      limits: DEFAULT_RUN_LIMITS,
      stream: DEFAULT_STREAM,
      maxOldGenerationSizeMb: 512,
      spareWorkers: 1,
      replyTimeoutMs: 10_000,
      unwatchedGraceMs: 60_000,
      newRunId: () => `run-${++n}`,
    },
    allowedOrigins: [],
    sessions: { ttlMs: 60_000, maxSessions: 100 },
    socket: {
      rateLimit: { burst: 100, perSecond: 50 },
      addressRateLimit: { burst: 300, perSecond: 150 },
      maxConnectionsPerAddress: 32,
      maxHttpBufferSize: 2 * 1024 * 1024,
      stallDisconnectMs: 60_000,
    },
    bodyLimit: '2mb',
    wallNow: () => performance.now(),
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  return { app, url: `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`, scratch };
}

/** A connected client with a new session; its token is `tokens.get(c)`. */
const tokens = new WeakMap<Client, string>();
async function client(url: string): Promise<Client> {
  const c: Client = connect(url, { transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    c.once('connect', resolve);
    c.once('connect_error', reject);
  });
  const { sessionToken } = await send<{ sessionToken: string }>(c, 'session:hello', {
    protocolVersion: PROTOCOL_VERSION,
  });
  tokens.set(c, sessionToken);
  return c;
}

function send<T>(c: Client, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    (c.emit as (e: string, p: unknown, ack: (r: Result<T>) => void) => void)(event, payload, (r) =>
      r.ok ? resolve(r.value) : reject(new Error(`${event}: ${r.code} ${r.message}`)),
    );
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Full speed: from `run:resume` to the client holding the `completed` state. */
async function fullSpeed(
  url: string,
): Promise<{ hopsPerSec: number; hops: number; received: number; seconds: number }> {
  const c = await client(url);
  let received = 0;
  c.on('trace:hops', (e) => (received += e.hops.length));
  // The worker's first state means it has booted and built the engine: the clock starts after that.
  const ready = new Promise<void>((resolve) => c.once('run:state', () => resolve()));
  const done = new Promise<number>((resolve) =>
    c.on('run:state', (e) => {
      if (e.status === 'completed') resolve(e.summary?.hops ?? 0);
    }),
  );
  const { runId } = await send<{ runId: string }>(c, 'run:start', {
    flow: streamFlow(100_000, 300_000),
    speed: 'max',
    paused: true,
  });
  await ready;
  const t0 = performance.now();
  await send(c, 'run:resume', { runId });
  const hops = await done;
  const seconds = (performance.now() - t0) / 1000;
  await send(c, 'run:stop', { runId });
  c.disconnect();
  return { hopsPerSec: hops / seconds, hops, received, seconds };
}

/**
 * At 1×, a hop at simulated t is due at wall time anchor + t, the anchor being the arrival of the
 * `running` state; latency = receipt − due, so it includes the pacing tick and the batch interval.
 */
async function latencyAt1x(
  url: string,
  seconds: number,
): Promise<{ p50: number; p99: number; batches: number }> {
  const c = await client(url);
  const ready = new Promise<void>((resolve) => c.once('run:state', () => resolve()));
  const { runId } = await send<{ runId: string }>(c, 'run:start', {
    flow: streamFlow(1000),
    speed: 1,
    paused: true,
  });
  await ready;
  let anchor: number | undefined;
  const latencies: number[] = [];
  let batches = 0;
  c.on('run:state', (e) => {
    if (e.status === 'running' && anchor === undefined) anchor = performance.now() - e.t;
  });
  c.on('trace:hops', (e) => {
    const now = performance.now();
    if (anchor === undefined) return;
    batches += 1;
    for (const hop of e.hops) latencies.push(now - (anchor + hop.t));
  });
  await send(c, 'run:resume', { runId });
  await sleep(seconds * 1000);
  await send(c, 'run:stop', { runId });
  c.disconnect();
  const sorted = latencies.sort((a, b) => a - b);
  return { p50: median(sorted), p99: sorted[Math.floor(sorted.length * 0.99)] ?? 0, batches };
}

interface MemSample {
  s: number;
  rssMb: number;
  heapMb: number;
  externalMb: number;
}

/** A client that stops reading (SIGSTOP) for `stallSec` while 10,000 events/s run at 1×. */
async function stalledClient(
  url: string,
  stallSec: number,
): Promise<{ samples: MemSample[]; childLog: string[] }> {
  const owner = await client(url);
  const { runId } = await send<{ runId: string }>(owner, 'run:start', { flow: streamFlow(10_000), speed: 1 });
  const script = fileURLToPath(new URL('./socket-stall-client.ts', import.meta.url));
  // The same session as the owner (a second tab of it), so it may follow the run.
  const child = spawn(process.execPath, ['--import', 'tsx', script, url, runId, tokens.get(owner) ?? ''], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const childLog: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => childLog.push(...d.trim().split('\n')));
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (childLog.some((l) => l.includes('"joined":true'))) {
        clearInterval(check);
        resolve();
      }
    }, 50);
  });
  // The owner stops reading too (its engine.io socket is paused), so nobody drains the run's room.
  owner.io.engine.transport.pause?.(() => undefined);
  const samples: MemSample[] = [];
  const t0 = performance.now();
  const sample = () => {
    const m = process.memoryUsage();
    samples.push({
      s: Math.round((performance.now() - t0) / 100) / 10,
      rssMb: Math.round(m.rss / 1e5) / 10,
      heapMb: Math.round(m.heapUsed / 1e5) / 10,
      externalMb: Math.round((m.external + m.arrayBuffers) / 1e5) / 10,
    });
  };
  sample();
  child.kill('SIGSTOP');
  const timer = setInterval(sample, 2000);
  await sleep(stallSec * 1000);
  child.kill('SIGCONT');
  await sleep(2500);
  clearInterval(timer);
  sample();
  child.kill('SIGTERM');
  owner.disconnect();
  return { samples, childLog };
}

export async function measureSocketStream(stallSec = 30): Promise<SectionResult> {
  const { app, url, scratch } = await startServer();
  try {
    const full = await fullSpeed(url);
    const lat = await latencyAt1x(url, 5);
    const stall = await stalledClient(url, stallSec);
    const rss = stall.samples.map((s) => s.rssMb);
    const heap = stall.samples.map((s) => s.heapMb);
    const last = stall.childLog.filter((l) => l.includes('batches')).at(-1) ?? '{}';
    return {
      rows: [
        {
          metric: 'full speed, end to end',
          value: `${fmt(full.hopsPerSec)} hops/s (${fmt(full.hops)} hops in ${full.seconds.toFixed(2)} s, ${fmt(full.received)} streamed)`,
        },
        {
          metric: 'batch latency at 1× (p50 / p99)',
          value: `${lat.p50.toFixed(1)} / ${lat.p99.toFixed(1)} ms over ${lat.batches} batches`,
        },
        {
          metric: `stalled client ${stallSec} s, 10k events/s: RSS min–max`,
          value: `${Math.min(...rss)}–${Math.max(...rss)} MB`,
        },
        {
          metric: 'stalled client: main heap min–max',
          value: `${Math.min(...heap)}–${Math.max(...heap)} MB`,
        },
        { metric: 'stalled client after resume', value: last },
      ],
      metrics: {
        hopsPerSec: Math.round(full.hopsPerSec),
        latencyP50Ms: Math.round(lat.p50 * 10) / 10,
        latencyP99Ms: Math.round(lat.p99 * 10) / 10,
        stallRssMinMb: Math.min(...rss),
        stallRssMaxMb: Math.max(...rss),
        stallHeapMaxMb: Math.max(...heap),
        stallSeries: JSON.stringify(stall.samples),
      },
    };
  } finally {
    await app.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** One run at full speed to one client, batch latency at 1×, and server memory under a stalled client. */
export const socketStream: BenchSection = {
  name: 'socketStream',
  run: () => measureSocketStream(),
};

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const stall = Number(process.argv[2] ?? 30);
  const r = await measureSocketStream(stall);
  for (const row of r.rows) console.log(`${row.metric}: ${row.value}`);
  console.log(JSON.stringify(r.metrics));
}
