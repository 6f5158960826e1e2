import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { RECORDED_UPLOAD_PATH, type HealthReply } from '@eventflow/shared';
import type { ExampleLibrary } from './library/examples.js';
import type { FlowRepo } from './ports/flow-repo.js';
import { DEFAULT_ROOM_OPTIONS, type RoomOptions } from './rooms/defaults.js';
import { createJoinLimiter } from './rooms/join-limiter.js';
import { createLessonTallies } from './rooms/lesson-tally.js';
import { createRoomStore } from './rooms/room-store.js';
import {
  createRecordedUploads,
  DEFAULT_RECORDED_UPLOADS,
  type RecordedUploadOptions,
} from './runs/recorded-uploads.js';
import { createRunService, type RunService, type RunServiceOptions } from './runs/run-service.js';
import { examplesRouter, lessonsRouter } from './transport/http/examples-router.js';
import { recordedUploadRouter } from './transport/http/recorded-upload-router.js';
import { runtimesRouter } from './transport/http/runtimes-router.js';
import { flowsRouter } from './transport/http/flows-router.js';
import { errorMiddleware, HttpError } from './transport/http/http-error.js';
import { createOriginPolicy, originGuard } from './transport/http/origin-guard.js';
import { requestLog } from './transport/http/request-log.js';
import { runTraceRouter, type ReadCheck } from './transport/http/run-trace-router.js';
import { serveClient } from './transport/http/static-client.js';
import { createAddressBuckets, createConnectionCounter } from './transport/socket/address-limits.js';
import { createForwarding, type ClusterAdapter } from './transport/socket/cluster/forwarding.js';
import { createRunAccess } from './transport/socket/run-access.js';
import { createLessonHandlers } from './transport/socket/lesson-handlers.js';
import { createRooms } from './transport/socket/room-wiring.js';
import {
  registerRunHandlers,
  streamToRooms,
  type AppServer,
  type SocketOptions,
} from './transport/socket/run-handlers.js';
import { createSessionRegistry, type SessionOptions } from './transport/socket/sessions.js';
import { createAdmission } from './transport/socket/socket-admission.js';
import { startStallGuard } from './transport/socket/stall-guard.js';

export interface AppDeps {
  repo: FlowRepo;
  examples: ExampleLibrary;
  /** Built client (client/dist); a placeholder page is served while it is missing. */
  staticDir: string;
  log: Logger;
  runs: Omit<RunServiceOptions, 'onStream' | 'log'>;
  socket: Omit<SocketOptions, 'log' | 'wallNow'> & {
    /** Largest socket.io message in bytes; a bigger one closes that client's connection. */
    maxHttpBufferSize: number;
    /** A client whose connection stays unwritable this long (wall ms) is disconnected. */
    stallDisconnectMs: number;
  };
  /**
   * Origins allowed besides the server's own (`http://<listen address>:<port>`, plus the loopback names when
   * it listens on loopback or every interface). Their hosts are allowed as `Host` too.
   */
  allowedOrigins: readonly string[];
  sessions: Omit<SessionOptions, 'now' | 'newToken'>;
  /** Largest JSON body, in express's notation ("2mb"). */
  bodyLimit: string;
  /** Monotonic wall ms. */
  wallNow: () => number;
  /** Hops per worker request when exporting a trace over REST (default 10,000; tests pass less). */
  traceExportPageHops?: number;
  /** Most hops one OTLP trace export holds (default `OTLP_EXPORT_MAX_HOPS`; tests pass less). */
  otlpExportMaxHops?: number;
  /** Workshop room ceilings and timings (defaults in rooms/defaults.ts). */
  rooms?: Partial<RoomOptions>;
  /**
   * Several server processes sharing rooms and runs (decision 0017): the socket.io adapter they share (the
   * Redis adapter). Absent: this process works alone, in memory.
   */
  cluster?: { adapter: ClusterAdapter };
  /** Uploaded traces not yet opened: how long they wait and how many bytes they may hold together. */
  recordedUploads?: Partial<RecordedUploadOptions> & { maxUploadBytes?: number; maxUploadHops?: number };
}

export interface App {
  app: Express;
  httpServer: HttpServer;
  io: AppServer;
  runs: RunService;
  /** Stops every run and closes sockets; the HTTP server closes too if it was listening. */
  close(): Promise<void>;
}

/** Wiring only: builds the express app, socket.io server and run service. Never listens. */
export function createApp(deps: AppDeps): App {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const httpServer = createServer(app);
  const policy = createOriginPolicy({
    address: () => httpServer.address(),
    allowedOrigins: deps.allowedOrigins,
  });
  const admission = createAdmission(policy, createConnectionCounter(), deps.socket.maxConnectionsPerAddress);
  // Browsers do not apply CORS to WebSockets, so the handshake checks Origin and Host itself (no `cors` option).
  const io: AppServer = new Server(httpServer, {
    maxHttpBufferSize: deps.socket.maxHttpBufferSize,
    serveClient: false,
    allowRequest: admission.allowRequest,
    ...(deps.cluster ? { adapter: deps.cluster.adapter } : {}),
  });
  admission.track(io);
  const runs = createRunService({ ...deps.runs, log: deps.log, onStream: streamToRooms(io) });
  const sessions = createSessionRegistry({ ...deps.sessions, now: deps.wallNow });
  const access = createRunAccess((runId) => runs.has(runId));
  const canRead: ReadCheck = (token, runId) => {
    const session = sessions.byToken(token);
    return session ? access.check(session.id, runId, 'viewer') : 'no-session';
  };

  app.use(requestLog(deps.log));
  // Served over plain http (localhost by default): upgrading requests to https would break every asset.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  // Before every route and the static files: a DNS-rebinding page gets nothing, not even the client.
  app.use(originGuard(policy));
  const uploads = createRecordedUploads({ ...DEFAULT_RECORDED_UPLOADS, ...deps.recordedUploads });
  // Before the JSON parser: this route reads its NDJSON body itself, line by line as it streams in.
  app.use(
    RECORDED_UPLOAD_PATH,
    recordedUploadRouter({
      uploads,
      sessionOf: (token) => sessions.byToken(token)?.id,
      ...(deps.recordedUploads?.maxUploadBytes ? { maxBytes: deps.recordedUploads.maxUploadBytes } : {}),
      ...(deps.recordedUploads?.maxUploadHops ? { maxHops: deps.recordedUploads.maxUploadHops } : {}),
    }),
  );
  app.use('/api', express.json({ limit: deps.bodyLimit }));
  app.get('/api/health', (_req, res) => {
    res.json({ ok: true, runs: runs.size() } satisfies HealthReply);
  });
  app.use('/api/flows', flowsRouter(deps.repo));
  app.use('/api/examples', examplesRouter(deps.examples));
  app.use('/api/lessons', lessonsRouter(deps.examples.lessons));
  app.use('/api/runtimes', runtimesRouter(deps.runs.brokers ?? []));
  app.use(
    '/api/runs',
    runTraceRouter(runs, {
      canRead,
      pageHops: deps.traceExportPageHops,
      otlpMaxHops: deps.otlpExportMaxHops,
    }),
  );
  app.use('/api', (req, _res, next) =>
    next(new HttpError(404, 'not-found', `no route ${req.method} ${req.originalUrl}`)),
  );
  serveClient(app, deps.staticDir);
  app.use(errorMiddleware(deps.log));

  const roomOpts = { ...DEFAULT_ROOM_OPTIONS, ...deps.rooms };
  const roomStore = createRoomStore({
    ...roomOpts,
    now: deps.wallNow,
    random: (n) => new Uint8Array(randomBytes(n)),
  });
  const tallies = createLessonTallies();
  const rooms = createRooms(
    io,
    {
      rooms: roomStore,
      joins: createJoinLimiter(roomOpts.joinLimit, deps.wallNow),
      runs,
      access,
      tallies,
    },
    roomOpts.sweepMs,
  );
  const lessons = createLessonHandlers(io, {
    runs,
    lessons: deps.examples.lessons,
    rooms: roomStore,
    tallies,
  });
  const cluster =
    deps.cluster &&
    createForwarding(io, {
      runs,
      sessions,
      access,
      rooms,
      lessons,
      nodeId: randomBytes(12).toString('base64url'),
      log: deps.log,
    });
  registerRunHandlers(
    io,
    {
      runs,
      sessions,
      access,
      uploads,
      addressBuckets: createAddressBuckets(deps.socket.addressRateLimit, deps.wallNow),
      rooms,
      lessons,
      ...(cluster ? { cluster } : {}),
    },
    { ...deps.socket, log: deps.log, wallNow: deps.wallNow },
  );
  const stopStallGuard = startStallGuard(io, deps.socket.stallDisconnectMs, deps.wallNow);

  return {
    app,
    httpServer,
    io,
    runs,
    async close() {
      stopStallGuard();
      rooms.stop();
      uploads.clear();
      await runs.close();
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
