import {
  PROTOCOL_VERSION,
  SessionToken,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@eventflow/shared';
import { io, type Socket } from 'socket.io-client';
import {
  failed,
  type Channel,
  type CommandName,
  type CommandPayload,
  type CommandResult,
  type ServerEvent,
  type ServerPayload,
} from './session/channel';

export const SOCKET_PATH = '/socket.io';
/** Per tab (sessionStorage): kept across reconnects and reloads, so the tab keeps owning its runs. */
export const SESSION_STORAGE_KEY = 'eventflow.session';
export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const TIMEOUT_MS = 15_000;

// socket.io's typed `timeout().emit` overloads do not compose with a generic command name; this is the one shape we use.
interface LooseEmitter {
  timeout(ms: number): {
    emit(name: string, payload: unknown, ack: (err: Error | null, res: unknown) => void): void;
  };
}
type TokenStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
type HelloResult = Parameters<Parameters<ClientToServerEvents['session:hello']>[1]>[0];

function storedToken(storage: TokenStore | null): string | null {
  try {
    const raw = storage?.getItem(SESSION_STORAGE_KEY);
    return raw && SessionToken.safeParse(raw).success ? raw : null;
  } catch {
    return null;
  }
}

/**
 * The session binding of a socket: says `session:hello` (with the tab's token, when it has one) on every
 * (re)connect and holds every command back until that hello is answered, so the server always knows whose
 * command it is. A server that answers without a token (protocol v1 servers) leaves the tab token-less.
 */
export function createSocketChannel(socket: AppSocket, storage: TokenStore | null): Channel {
  const emitter = socket as unknown as LooseEmitter;
  let token = storedToken(storage);
  let ready = false;
  let helloed = false;
  const waiting: (() => void)[] = [];
  const reconnects = new Set<() => void>();
  const notices = new Set<(message: string) => void>();

  const keep = (next: string | null) => {
    token = next;
    try {
      if (next) storage?.setItem(SESSION_STORAGE_KEY, next);
      else storage?.removeItem(SESSION_STORAGE_KEY);
    } catch {
      // Storage disabled: the token lives for this page only.
    }
  };
  const open = () => {
    ready = true;
    for (const release of waiting.splice(0)) release();
    if (helloed) for (const h of reconnects) h();
    helloed = true;
  };
  const hello = (withToken: boolean) => {
    const message =
      withToken && token
        ? { protocolVersion: PROTOCOL_VERSION, sessionToken: token }
        : { protocolVersion: PROTOCOL_VERSION };
    emitter.timeout(TIMEOUT_MS).emit('session:hello', message, (err, res) => {
      // A v1 server answers `{ protocolVersion }` only: the token is read as unknown and checked.
      const r = res as HelloResult;
      if (err) {
        for (const n of notices) n(`The server did not answer the session hello: ${err.message}`);
        return open();
      }
      // A token the server no longer knows (or cannot parse) is dropped: start a fresh session instead.
      if (!r.ok && message.sessionToken !== undefined) {
        keep(null);
        return hello(false);
      }
      if (r.ok) {
        const issued = SessionToken.safeParse((r.value as { sessionToken?: unknown }).sessionToken);
        if (issued.success) keep(issued.data);
      } else for (const n of notices) n(`The server refused this tab: ${r.message}`);
      open();
    });
  };
  socket.on('connect', () => hello(true));
  socket.on('disconnect', () => {
    ready = false;
  });

  const whenReady = () =>
    ready
      ? Promise.resolve(true)
      : new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), TIMEOUT_MS);
          waiting.push(() => {
            clearTimeout(timer);
            resolve(true);
          });
        });

  return {
    send: async <K extends CommandName>(name: K, payload: CommandPayload<K>): Promise<CommandResult<K>> => {
      if (!(await whenReady()))
        return failed('internal', `no answer to ${name}: not connected to the server`) as CommandResult<K>;
      return new Promise((resolve) => {
        emitter.timeout(TIMEOUT_MS).emit(name, payload, (err, res) => {
          if (err) resolve(failed('internal', `no answer to ${name}: ${err.message}`) as CommandResult<K>);
          else resolve(res as CommandResult<K>);
        });
      });
    },
    on: <E extends ServerEvent>(event: E, handler: (payload: ServerPayload<E>) => void) => {
      const loose = socket as unknown as {
        on(e: string, h: (p: unknown) => void): void;
        off(e: string, h: (p: unknown) => void): void;
      };
      const h = (p: unknown) => handler(p as ServerPayload<E>);
      loose.on(event, h);
      return () => loose.off(event, h);
    },
    onReconnect: (handler) => {
      reconnects.add(handler);
      return () => reconnects.delete(handler);
    },
    onNotice: (handler) => {
      notices.add(handler);
      return () => notices.delete(handler);
    },
    token: () => token,
  };
}

let shared: Channel | null = null;

/** The one connection of this tab, created on first use. */
export function getChannel(): Channel {
  if (shared) return shared;
  const socket: AppSocket = io({ path: SOCKET_PATH, transports: ['websocket'], autoConnect: true });
  shared = createSocketChannel(socket, typeof sessionStorage === 'undefined' ? null : sessionStorage);
  return shared;
}
