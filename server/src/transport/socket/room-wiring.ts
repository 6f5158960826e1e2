import {
  createRoomBroadcast,
  createRoomConnection,
  type RoomDeps,
  type RoomHandlers,
} from './room-handlers.js';
import type { AppServer } from './run-handlers.js';
import type { AppSocket } from './socket-commands.js';

/** The rooms of the server, as each connection sees them: the room commands' handlers and a disconnect. */
export interface Rooms {
  connect(socket: AppSocket, address: string): { handlers: RoomHandlers; disconnect(): void };
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
    connect: (socket, address) => createRoomConnection(socket, address, deps, broadcast),
    stop: () => clearInterval(timer),
  };
}
