import {
  createRoomBroadcast,
  createRoomConnection,
  type RoomDeps,
  type RoomHandlers,
  type RoomPeer,
} from './room-handlers.js';
import type { AppServer } from './run-handlers.js';

/** The rooms of the server, as each connection sees them: the room commands' handlers and a disconnect. */
export interface Rooms {
  connect(peer: RoomPeer, address: string): { handlers: RoomHandlers; disconnect(): void };
  /** Whether this process holds the room (a live one). */
  has(code: string): boolean;
  stop(): void;
}

/** One fan-out for the server, one set of handlers per connection, and a sweep of idle rooms every `sweepMs`. */
export function createRooms(io: AppServer, deps: RoomDeps, sweepMs: number): Rooms {
  const broadcast = createRoomBroadcast(io, deps);
  const timer = setInterval(() => {
    for (const room of deps.rooms.sweep()) broadcast.ended(room, 'expired');
  }, sweepMs);
  timer.unref();
  return {
    connect: (peer, address) => createRoomConnection(peer, address, deps, broadcast),
    has: (code) => deps.rooms.get(code) !== undefined,
    stop: () => clearInterval(timer),
  };
}
