import type { ClientToServerEvents, ErrorCode, ServerToClientEvents } from '@eventflow/shared';

export type CommandName = Exclude<keyof ClientToServerEvents, 'session:hello'>;
export type CommandPayload<K extends CommandName> = Parameters<ClientToServerEvents[K]>[0];
/** The `Result` a command acks with. */
export type CommandResult<K extends CommandName> = Parameters<Parameters<ClientToServerEvents[K]>[1]>[0];
export type ServerEvent = keyof ServerToClientEvents;
export type ServerPayload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];

/**
 * What the session needs of the server connection. The socket.io binding (`transport/socket.ts`)
 * implements it; unit and model tests use an in-memory fake, so the run lifecycle is tested without a server.
 */
export interface Channel {
  /** Resolves with the command's ack; never rejects (a lost connection becomes an `internal` failure). */
  send<K extends CommandName>(name: K, payload: CommandPayload<K>): Promise<CommandResult<K>>;
  on<E extends ServerEvent>(event: E, handler: (payload: ServerPayload<E>) => void): () => void;
  /** After a reconnect has said hello again: the server has forgotten this socket's rooms. */
  onReconnect(handler: () => void): () => void;
  /** Something the user should know about the connection itself (a refused hello). */
  onNotice(handler: (message: string) => void): () => void;
  /** The session token the server issued; null before the first answer or with a server that issues none. */
  token(): string | null;
}

export const failed = (code: ErrorCode, message: string) => ({ ok: false as const, code, message });
