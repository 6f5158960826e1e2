/** Bumped on any breaking change to the socket protocol; `session:hello` checks it. */
export const PROTOCOL_VERSION = 2;

/**
 * Header that carries the session token on REST requests that touch a run (the trace export): a run
 * answers only to the session that started it, or to one it was shared with.
 */
export const SESSION_HEADER = 'x-eventflow-session';

// The socket.io event maps are derived from the protocol table (`table/index.ts`), never written here.
export type { ClientToServerEvents, ServerToClientEvents } from './table/index.js';
