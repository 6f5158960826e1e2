import { randomBytes } from 'node:crypto';

/** Who sent a command. `id` is the owner identity runs are recorded under; `token` is the client's secret. */
export interface Session {
  readonly id: string;
  readonly token: string;
}

export interface SessionOptions {
  /** Wall ms a session outlives its last socket (a reload or a reconnect within it keeps its runs). */
  ttlMs: number;
  /** Sessions kept at once; beyond it the longest-idle one is dropped, and if none is idle hello fails. */
  maxSessions: number;
  /** Monotonic wall ms. */
  now: () => number;
  /** 32 url-safe characters from 24 random bytes unless a test injects its own. */
  newToken?: () => string;
}

export interface SessionRegistry {
  /** Resumes the live session of `token`, else issues a new one; undefined when the registry is full. */
  open(token: string | undefined): { session: Session; resumed: boolean } | undefined;
  /** The live session of a token (REST requests carry it in a header), without creating one. */
  byToken(token: string): Session | undefined;
  /** Counts a socket bound to the session; a session with sockets never expires. */
  attach(session: Session): void;
  /** The TTL starts when the last socket of the session goes. */
  detach(session: Session): void;
  size(): number;
}

interface Entry {
  session: Session;
  sockets: number;
  /** Wall ms its last socket went; undefined while it has sockets. */
  idleSince: number | undefined;
}

const randomToken = () => randomBytes(24).toString('base64url');

export function createSessionRegistry(opts: SessionOptions): SessionRegistry {
  const byToken = new Map<string, Entry>();
  const newToken = opts.newToken ?? randomToken;
  let nextId = 0;

  const expired = (e: Entry) => e.idleSince !== undefined && opts.now() - e.idleSince > opts.ttlMs;

  const live = (token: string): Entry | undefined => {
    const entry = byToken.get(token);
    if (entry && expired(entry)) {
      byToken.delete(token);
      return undefined;
    }
    return entry;
  };

  /** Makes room for one more: expired sessions first, then the one idle the longest. */
  const makeRoom = (): boolean => {
    if (byToken.size < opts.maxSessions) return true;
    let oldest: Entry | undefined;
    for (const [token, e] of byToken) {
      if (expired(e)) byToken.delete(token);
      else if (e.idleSince !== undefined && (!oldest || e.idleSince < (oldest.idleSince ?? 0))) oldest = e;
    }
    if (byToken.size < opts.maxSessions) return true;
    if (!oldest) return false;
    byToken.delete(oldest.session.token);
    return true;
  };

  const entryOf = (session: Session) => {
    const entry = byToken.get(session.token);
    return entry?.session === session ? entry : undefined;
  };

  return {
    open(token) {
      const found = token === undefined ? undefined : live(token);
      if (found) return { session: found.session, resumed: true };
      if (!makeRoom()) return undefined;
      let fresh = newToken();
      while (byToken.has(fresh)) fresh = newToken();
      const session: Session = { id: `session-${++nextId}`, token: fresh };
      byToken.set(fresh, { session, sockets: 0, idleSince: opts.now() });
      return { session, resumed: false };
    },
    byToken: (token) => live(token)?.session,
    attach(session) {
      const entry = entryOf(session);
      if (!entry) return;
      entry.sockets += 1;
      entry.idleSince = undefined;
    },
    detach(session) {
      const entry = entryOf(session);
      if (!entry || entry.sockets === 0) return;
      entry.sockets -= 1;
      if (entry.sockets === 0) entry.idleSince = opts.now();
    },
    size: () => byToken.size,
  };
}
