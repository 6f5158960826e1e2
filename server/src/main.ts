import { parseBrokerList } from './brokers/broker-url.js';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { WebhookAllowList } from '@eventflow/shared';
import { createApp } from './app.js';
import { createDiskFlowRepo } from './library/disk-flow-repo.js';
import { createExampleLibrary } from './library/examples.js';
import { ALLOWED_ORIGINS_ENV, parseAllowedOrigins } from './transport/http/origin-guard.js';
import { ClusterEnv, clusterEnvProblems } from './transport/socket/cluster/cluster-config.js';
import { connectRedisCluster } from './transport/socket/cluster/redis-cluster.js';
import {
  DEFAULT_MAX_RUNS,
  DEFAULT_RUN_LIMITS,
  DEFAULT_STREAM,
  DEFAULT_WORKER_HEAP_MB,
} from './runs/defaults.js';

// The only file that reads process.env.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const env = process.env;
const port = Number(env.PORT ?? 3000);
const host = env.HOST ?? '127.0.0.1';
const dataDir = path.resolve(env.EVENTFLOW_DATA_DIR ?? path.join(repoRoot, '.data/flows'));
const log = pino({ level: env.LOG_LEVEL ?? 'info', base: { service: 'eventflow' } });

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  log.fatal({ port: env.PORT }, 'PORT must be an integer between 0 and 65535');
  process.exit(1);
}

const allowList = parseAllowedOrigins(env[ALLOWED_ORIGINS_ENV] ?? '');
if (allowList.problems.length > 0) {
  log.fatal({ problems: allowList.problems }, `${ALLOWED_ORIGINS_ENV} must be comma-separated origins`);
  process.exit(1);
}
const allowedOrigins = [...allowList.origins];
// A host name (not an address) is what browsers will send as Host; the bound address alone would not match it.
if (!/^[\d.]+$|:/.test(host) && host !== 'localhost') allowedOrigins.push(`http://${host}:${port}`);
// `npm run dev` serves the client from Vite, whose proxy forwards its own Origin and Host.
if (process.argv.includes('--dev')) allowedOrigins.push('http://localhost:5173', 'http://127.0.0.1:5173');

const webhookAllow = WebhookAllowList.safeParse(env.EVENTFLOW_WEBHOOK_ALLOW);
if (!webhookAllow.success) {
  log.fatal(
    { problems: webhookAllow.error.issues },
    'EVENTFLOW_WEBHOOK_ALLOW must be comma-separated URL prefixes',
  );
  process.exit(1);
}

// Brokers a run may be started on instead of the simulator (the runtime picker next to Play).
const brokers = parseBrokerList(env.EVENTFLOW_BROKERS);
if (!brokers.ok) {
  log.fatal({ problem: brokers.message }, 'EVENTFLOW_BROKERS must be comma-separated broker URLs');
  process.exit(1);
}

const clusterEnv = ClusterEnv.safeParse(env);
if (!clusterEnv.success) {
  log.fatal({ problems: clusterEnvProblems(clusterEnv.error) }, 'the Redis settings are invalid');
  process.exit(1);
}
const { EVENTFLOW_REDIS_URL: redisUrl, EVENTFLOW_REDIS_PREFIX: redisPrefix } = clusterEnv.data;
// Without a Redis URL the process works alone, in memory; with one, it shares rooms and runs (decision 0017).
const cluster = redisUrl
  ? await connectRedisCluster({ url: redisUrl, keyPrefix: redisPrefix, log }).catch((err: unknown) => {
      log.fatal({ err }, 'cannot reach Redis at EVENTFLOW_REDIS_URL');
      process.exit(1);
    })
  : undefined;

const repo = await createDiskFlowRepo({ dir: dataDir, now: () => Date.now(), newId: () => randomUUID() });
const server = createApp({
  repo,
  examples: createExampleLibrary(path.join(repoRoot, 'examples')),
  staticDir: path.join(repoRoot, 'client/dist'),
  log,
  runs: {
    maxRuns: DEFAULT_MAX_RUNS,
    limits: DEFAULT_RUN_LIMITS,
    stream: DEFAULT_STREAM,
    maxOldGenerationSizeMb: DEFAULT_WORKER_HEAP_MB,
    spareWorkers: 1,
    replyTimeoutMs: 10_000,
    unwatchedGraceMs: 60_000,
    newRunId: () => randomUUID(),
    webhookAllow: webhookAllow.data,
    brokers: brokers.brokers,
  },
  allowedOrigins,
  sessions: { ttlMs: 10 * 60_000, maxSessions: 10_000 },
  socket: {
    rateLimit: { burst: 100, perSecond: 50 },
    // A few tabs' worth: one tab opens one socket.
    addressRateLimit: { burst: 300, perSecond: 150 },
    maxConnectionsPerAddress: 32,
    maxHttpBufferSize: 2 * 1024 * 1024,
    stallDisconnectMs: 60_000,
  },
  bodyLimit: '2mb',
  wallNow: () => performance.now(),
  ...(cluster ? { cluster } : {}),
});

server.httpServer.listen(port, host, () => {
  const address = server.httpServer.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actual}/`;
  log.info({ url, dataDir, cluster: cluster ? redisPrefix : undefined }, 'listening');
  process.stdout.write(`\nEventflow is running at ${url}\n\n`);
});

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) process.exit(1);
    closing = true;
    log.info({ signal }, 'shutting down');
    void server
      .close()
      .then(() => cluster?.close())
      .then(() => process.exit(0));
  });
}
