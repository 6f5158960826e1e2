import type { AppServer } from './run-handlers.js';

/**
 * Last resort for a client that stopped reading: while its transport stays unwritable, volatile batches
 * are already being dropped for it; after `stallMs` of that it is disconnected so nothing else queues for it.
 */
export function startStallGuard(io: AppServer, stallMs: number, wallNow: () => number): () => void {
  const since = new Map<string, number>();
  const timer = setInterval(
    () => {
      const now = wallNow();
      for (const [id, socket] of io.of('/').sockets) {
        if (socket.conn.transport.writable) {
          since.delete(id);
          continue;
        }
        const start = since.get(id) ?? now;
        since.set(id, start);
        if (now - start > stallMs) {
          since.delete(id);
          socket.disconnect(true);
        }
      }
      for (const id of since.keys()) if (!io.of('/').sockets.has(id)) since.delete(id);
    },
    Math.min(1000, Math.max(50, stallMs / 4)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
