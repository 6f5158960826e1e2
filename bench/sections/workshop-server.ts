/**
 * The workshop bench's server, in a process of its own so its CPU (`process.cpuUsage()`, the run's worker
 * thread included) and memory are the server's alone, not the attendee fleet's. Forked by workshop.ts with
 * IPC: sends `{ type: 'ready', url }`, answers `{ type: 'stats' }` with its CPU and memory.
 *
 *   node --expose-gc --import tsx bench/sections/workshop-server.ts [redisUrl keyPrefix]
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createApp } from '../../server/src/app.js';
import { createDiskFlowRepo } from '../../server/src/library/disk-flow-repo.js';
import { createExampleLibrary } from '../../server/src/library/examples.js';
import { DEFAULT_RUN_LIMITS, DEFAULT_STREAM } from '../../server/src/runs/defaults.js';
import { connectRedisCluster } from '../../server/src/transport/socket/cluster/redis-cluster.js';
import { collectGarbage } from '../lib.js';
import type { ServerStats } from './workshop-ipc.js';

// With a Redis URL and key prefix, one of several processes sharing the room (decision 0017).
const [redisUrl, keyPrefix] = process.argv.slice(2);
const cluster = redisUrl
  ? await connectRedisCluster({ url: redisUrl, keyPrefix: keyPrefix ?? 'eventflow-bench' })
  : undefined;
const scratch = await mkdtemp(path.join(tmpdir(), 'eventflow-bench-workshop-'));
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
    newRunId: () => `run-${process.pid}-${++n}`,
  },
  allowedOrigins: [],
  // Every attendee of the fleet comes from 127.0.0.1: the per-address ceilings are lifted, not the per-socket ones.
  sessions: { ttlMs: 60_000, maxSessions: 10_000 },
  socket: {
    rateLimit: { burst: 100, perSecond: 50 },
    addressRateLimit: { burst: 1_000_000, perSecond: 1_000_000 },
    maxConnectionsPerAddress: 10_000,
    maxHttpBufferSize: 2 * 1024 * 1024,
    stallDisconnectMs: 60_000,
  },
  bodyLimit: '2mb',
  wallNow: () => performance.now(),
  rooms: { maxAttendees: 10_000 },
  ...(cluster ? { cluster } : {}),
});
await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;

const send = (m: unknown) => process.send?.(m);
process.on('message', (m: { type?: string }) => {
  if (m.type === 'stats') {
    const cpu = process.cpuUsage();
    // After the CPU sample, so the collection is not counted as the attendees' cost.
    collectGarbage();
    const mem = process.memoryUsage();
    const stats: ServerStats = {
      type: 'stats',
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now(),
      rssMb: mem.rss / 1e6,
      heapMb: mem.heapUsed / 1e6,
    };
    send(stats);
  } else if (m.type === 'close') {
    void app.close().then(async () => {
      await cluster?.close();
      process.exit(0);
    });
  }
});
send({ type: 'ready', url });
