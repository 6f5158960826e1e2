import { createServer, type Server as HttpServer } from 'node:http';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { ExampleLibrary } from './library/examples.js';
import type { FlowRepo } from './ports/flow-repo.js';
import { createRunService, type RunService, type RunServiceOptions } from './runs/run-service.js';
import { examplesRouter } from './transport/http/examples-router.js';
import { flowsRouter } from './transport/http/flows-router.js';
import { errorMiddleware, HttpError } from './transport/http/http-error.js';
import { requestLog } from './transport/http/request-log.js';
import { runTraceRouter } from './transport/http/run-trace-router.js';
import { serveClient } from './transport/http/static-client.js';
import {
  registerRunHandlers,
  streamToRooms,
  type AppServer,
  type SocketOptions,
} from './transport/socket/run-handlers.js';
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
  /** Largest JSON body, in express's notation ("2mb"). */
  bodyLimit: string;
  /** Monotonic wall ms. */
  wallNow: () => number;
  /** Hops per worker request when exporting a trace over REST (default 10,000; tests pass less). */
  traceExportPageHops?: number;
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
  // No `cors` option: socket.io then only serves same-origin pages (browsers enforce it for the handshake).
  const io: AppServer = new Server(httpServer, {
    maxHttpBufferSize: deps.socket.maxHttpBufferSize,
    serveClient: false,
  });
  const runs = createRunService({ ...deps.runs, log: deps.log, onStream: streamToRooms(io) });

  app.use(requestLog(deps.log));
  // Served over plain http (localhost by default): upgrading requests to https would break every asset.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use('/api', express.json({ limit: deps.bodyLimit }));
  app.get('/api/health', (_req, res) => {
    res.json({ ok: true, runs: runs.size() });
  });
  app.use('/api/flows', flowsRouter(deps.repo));
  app.use('/api/examples', examplesRouter(deps.examples));
  app.use('/api/runs', runTraceRouter(runs, { pageHops: deps.traceExportPageHops }));
  app.use('/api', (req, _res, next) =>
    next(new HttpError(404, 'not-found', `no route ${req.method} ${req.originalUrl}`)),
  );
  serveClient(app, deps.staticDir);
  app.use(errorMiddleware(deps.log));

  registerRunHandlers(io, runs, { ...deps.socket, log: deps.log, wallNow: deps.wallNow });
  const stopStallGuard = startStallGuard(io, deps.socket.stallDisconnectMs, deps.wallNow);

  return {
    app,
    httpServer,
    io,
    runs,
    async close() {
      stopStallGuard();
      await runs.close();
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
