import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { io as connect, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type FlowDocInput,
  type Result,
  type ServerToClientEvents,
} from '@eventflow/shared';
import { createApp, type App, type AppDeps } from '../app.js';
import { createDiskFlowRepo } from '../library/disk-flow-repo.js';
import { createExampleLibrary } from '../library/examples.js';
import { DEFAULT_STREAM } from '../runs/defaults.js';
import { assertEventsFit, checkReply, watchEvents } from './protocol-check.js';

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A producer of 20 orders, each chaining one `OrderBilled` event to a second topic. */
export const chainFlow: FlowDocInput = {
  format: 'eventflow.flow',
  version: 1,
  name: 'Orders and billing',
  seed: 7,
  nodes: [
    {
      id: 'orders',
      kind: 'producer',
      config: { eventType: 'OrderPlaced', rate: 10, count: 20, key: 'string(seq % 3)' },
    },
    { id: 'order-events', kind: 'topic', config: { partitions: 2 } },
    { id: 'billing', kind: 'consumer', config: { emits: [{ eventType: 'OrderBilled' }] } },
    { id: 'billing-events', kind: 'topic' },
    { id: 'mailer', kind: 'consumer', config: { processingMs: 5 } },
  ],
  edges: [
    { id: 'e1', source: 'orders', target: 'order-events' },
    { id: 'e2', source: 'order-events', target: 'billing' },
    { id: 'e3', source: 'billing', target: 'billing-events' },
    { id: 'e4', source: 'billing-events', target: 'mailer' },
  ],
};

/** An endless stream: `rate` events per simulated second into one consumer. */
export function streamFlow(rate: number): FlowDocInput {
  return {
    format: 'eventflow.flow',
    version: 1,
    name: `Stream at ${rate}/s`,
    nodes: [
      { id: 'sensor', kind: 'producer', config: { eventType: 'Reading', rate } },
      { id: 'readings', kind: 'topic', config: { partitions: 4 } },
      { id: 'store', kind: 'consumer', config: { instances: 4, processingMs: 0.01 } },
    ],
    edges: [
      { id: 's1', source: 'sensor', target: 'readings' },
      { id: 's2', source: 'readings', target: 'store' },
    ],
  };
}

export interface ConnectOptions {
  /** Resume this session instead of starting a new one. */
  sessionToken?: string;
  /** Headers of the handshake (a forged `Origin` or `Host`). */
  extraHeaders?: Record<string, string>;
}

const tokens = new WeakMap<TestClient, string>();

/** The session token a client got from its `session:hello` (connected with `connectClient`). */
export function sessionTokenOf(client: TestClient): string {
  const token = tokens.get(client);
  if (token === undefined) throw new Error('this client has not said session:hello');
  return token;
}

/** Opens a socket.io connection and waits for it; rejects with the handshake error if it is refused. */
export async function openSocket(url: string, opts: ConnectOptions = {}): Promise<TestClient> {
  const options: Partial<ManagerOptions & SocketOptions> = {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    ...(opts.extraHeaders ? { extraHeaders: opts.extraHeaders } : {}),
  };
  const client: TestClient = connect(url, options);
  watchEvents(client);
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('connect_error', (err) => {
      client.disconnect();
      reject(err);
    });
  });
  return client;
}

/** Connects and says `session:hello` with this protocol version: a client that has a session. */
export async function connectClient(url: string, opts: ConnectOptions = {}): Promise<TestClient> {
  const client = await openSocket(url, opts);
  const hello = await new Promise<Result<{ sessionToken: string }>>((resolve) => {
    client.emit(
      'session:hello',
      {
        protocolVersion: PROTOCOL_VERSION,
        ...(opts.sessionToken === undefined ? {} : { sessionToken: opts.sessionToken }),
      },
      resolve,
    );
  });
  checkReply('session:hello', hello);
  if (!hello.ok) throw new Error(`session:hello failed: ${hello.code}: ${hello.message}`);
  tokens.set(client, hello.value.sessionToken);
  return client;
}

export interface TestServer {
  url: string;
  dataDir: string;
  examplesDir: string;
  app: App;
  /** A client that has said hello (a new session, or `sessionToken`'s); closed with the server. */
  connect(opts?: ConnectOptions): Promise<TestClient>;
  /** A connected client that has not said hello. */
  connectRaw(opts?: ConnectOptions): Promise<TestClient>;
  close(): Promise<void>;
}

export async function startTestServer(
  opts: { dataDir?: string; examplesDir?: string; tune?: (deps: AppDeps) => AppDeps } = {},
): Promise<TestServer> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'eventflow-test-'));
  const dataDir = opts.dataDir ?? path.join(scratch, 'flows');
  const examplesDir = opts.examplesDir ?? path.join(scratch, 'examples');
  await mkdir(examplesDir, { recursive: true });
  let counter = 0;
  const base: AppDeps = {
    repo: await createDiskFlowRepo({
      dir: dataDir,
      now: () => 1_700_000_000_000 + counter,
      newId: () => `flow-${++counter}`,
    }),
    examples: createExampleLibrary(examplesDir),
    staticDir: path.join(scratch, 'no-client'),
    log: pino({ level: 'silent' }),
    runs: {
      maxRuns: 8,
      limits: { maxHops: 5_000_000, maxCpuMs: 60_000, storeCapacity: 200_000 },
      stream: DEFAULT_STREAM,
      maxOldGenerationSizeMb: 256,
      spareWorkers: 1,
      replyTimeoutMs: 10_000,
      unwatchedGraceMs: 60_000,
      newRunId: () => `run-${++counter}`,
    },
    allowedOrigins: [],
    sessions: { ttlMs: 60_000, maxSessions: 100 },
    socket: {
      rateLimit: { burst: 200, perSecond: 100 },
      addressRateLimit: { burst: 10_000, perSecond: 10_000 },
      maxConnectionsPerAddress: 64,
      maxHttpBufferSize: 256 * 1024,
      stallDisconnectMs: 60_000,
    },
    bodyLimit: '256kb',
    wallNow: () => performance.now(),
  };
  const app = createApp(opts.tune ? opts.tune(base) : base);
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  const clients: TestClient[] = [];
  return {
    url,
    dataDir,
    examplesDir,
    app,
    async connect(connectOpts) {
      const client = await connectClient(url, connectOpts);
      clients.push(client);
      return client;
    },
    async connectRaw(connectOpts) {
      const client = await openSocket(url, connectOpts);
      clients.push(client);
      return client;
    },
    async close() {
      for (const c of clients) c.disconnect();
      await app.close();
      await rm(scratch, { recursive: true, force: true });
      // After the cleanup, so a drift fails the file without leaving a server behind.
      for (const c of clients) assertEventsFit(c);
    },
  };
}

export async function writeExample(dir: string, id: string, doc: unknown): Promise<void> {
  await writeFile(path.join(dir, `${id}.flow.json`), JSON.stringify(doc));
}
