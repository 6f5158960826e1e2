import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ErrorCode,
  type Result,
  type ServerToClientEvents,
} from '@eventflow/shared';
import { io, type Socket } from 'socket.io-client';

export const SOCKET_PATH = '/socket.io';
export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type CommandName = Exclude<keyof ClientToServerEvents, 'session:hello'>;
export type CommandPayload<K extends CommandName> = Parameters<ClientToServerEvents[K]>[0];
/** The `Result` a command acks with. */
export type CommandResult<K extends CommandName> = Parameters<Parameters<ClientToServerEvents[K]>[1]>[0];

const TIMEOUT_MS = 15_000;

// socket.io's typed `timeout().emit` overloads do not compose with a generic command name; this is the one shape we use.
interface LooseEmitter {
  timeout(ms: number): {
    emit(name: string, payload: unknown, ack: (err: Error | null, res: unknown) => void): void;
  };
}

const failed = (code: ErrorCode, message: string) => ({ ok: false as const, code, message });

let shared: AppSocket | null = null;

/** The one socket of this tab: created on first use, says hello on every (re)connect. */
export function getSocket(): AppSocket {
  if (shared) return shared;
  const socket: AppSocket = io({ path: SOCKET_PATH, transports: ['websocket'], autoConnect: true });
  socket.on('connect', () => {
    socket.emit('session:hello', { protocolVersion: PROTOCOL_VERSION }, (r) => {
      if (!r.ok) console.error(`eventflow: ${r.message}`);
    });
  });
  shared = socket;
  return socket;
}

/** Sends a command and resolves with its ack; a timeout or lost connection becomes an `internal` failure, never a throw. */
export function sendCommand<K extends CommandName>(
  socket: AppSocket,
  name: K,
  payload: CommandPayload<K>,
): Promise<CommandResult<K>> {
  return new Promise((resolve) => {
    (socket as unknown as LooseEmitter).timeout(TIMEOUT_MS).emit(name, payload, (err, res) => {
      if (err) resolve(failed('internal', `no answer to ${name}: ${err.message}`) as CommandResult<K>);
      else resolve(res as CommandResult<K>);
    });
  });
}

export type { Result };
