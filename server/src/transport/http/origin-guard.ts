import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';

/** The environment variable `main.ts` reads the allow-list from; refusals name it so the fix is one step. */
export const ALLOWED_ORIGINS_ENV = 'EVENTFLOW_ALLOWED_ORIGINS';

/**
 * Decides whether a request may be served, from its `Origin` and `Host` headers. The Host check is what stops
 * DNS rebinding (a page on evil.example re-pointed at 127.0.0.1 sends `Host: evil.example`); the Origin check
 * stops cross-origin pages, which browsers let open WebSockets and send simple requests anywhere.
 */
export interface OriginPolicy {
  /** Undefined when allowed, else a message naming the refused value and the variable that would allow it. */
  check(headers: Pick<IncomingHttpHeaders, 'origin' | 'host'>): string | undefined;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

const isLoopback = (address: string) =>
  address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

/** `Host` values compared the way URLs compare them: lowercase, default port dropped. */
function normalizeHost(host: string): string | undefined {
  try {
    const url = new URL(`http://${host}`);
    const lower = host.toLowerCase();
    // Anything URL parsing would rewrite (userinfo, a path, odd escapes) is not a plain host: refuse it.
    return url.host === lower || `${url.host}:80` === lower ? url.host : undefined;
  } catch {
    return undefined;
  }
}

/** Shown values are quoted and cut short: they come from the request. */
const shown = (value: string) => JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);

/**
 * Parses the allow-list (comma-separated origins such as `http://192.168.1.20:3000`). Each must be a bare
 * http(s) origin: no path, query or credentials.
 */
export function parseAllowedOrigins(text: string): { origins: string[]; problems: string[] } {
  const origins: string[] = [];
  const problems: string[] = [];
  for (const item of text.split(',').map((s) => s.trim())) {
    if (item === '') continue;
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      problems.push(`${shown(item)} is not a URL`);
      continue;
    }
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) {
      problems.push(`${shown(item)} is not an origin like http://192.168.1.20:3000`);
      continue;
    }
    origins.push(url.origin);
  }
  return { origins, problems };
}

/**
 * Allowed: the address the server listens on (known once it listens, so read per request), the loopback
 * names on that port when it listens on loopback or on every interface, and the allow-list's origins (their
 * hosts are allowed as `Host` too).
 */
export function createOriginPolicy(opts: {
  address: () => AddressInfo | string | null;
  allowedOrigins: readonly string[];
}): OriginPolicy {
  const extraOrigins = new Set(opts.allowedOrigins.map((o) => new URL(o).origin));
  const extraHosts = [...extraOrigins].map((o) => new URL(o).host);
  let cached: { key: string; hosts: Set<string>; origins: Set<string> } | undefined;

  const allowed = () => {
    const address = opts.address();
    const key = typeof address === 'object' && address ? `${address.address}|${address.port}` : '';
    if (cached?.key === key) return cached;
    const names: string[] = [];
    if (typeof address === 'object' && address) {
      const bound = address.address.includes(':') ? `[${address.address}]` : address.address;
      if (!WILDCARDS.has(address.address)) names.push(`${bound}:${address.port}`);
      if (WILDCARDS.has(address.address) || isLoopback(address.address))
        names.push(...LOOPBACK_NAMES.map((n) => `${n}:${address.port}`));
    }
    const own = names.map((n) => normalizeHost(n)).filter((h): h is string => h !== undefined);
    cached = {
      key,
      hosts: new Set([...own, ...extraHosts]),
      origins: new Set([...own.map((h) => `http://${h}`), ...extraOrigins]),
    };
    return cached;
  };

  return {
    check({ origin, host }) {
      const { hosts, origins } = allowed();
      const normalized = host === undefined ? undefined : normalizeHost(host);
      if (normalized === undefined || !hosts.has(normalized)) {
        return host === undefined
          ? 'the request has no Host header'
          : `host ${shown(host)} is not one this server answers to (DNS rebinding protection); ` +
              `to serve it, add its origin to ${ALLOWED_ORIGINS_ENV} (comma-separated, e.g. http://${normalized ?? 'host:port'})`;
      }
      if (origin === undefined) return undefined;
      let parsed: string | undefined;
      try {
        parsed = new URL(origin).origin;
      } catch {
        parsed = undefined;
      }
      if (parsed !== undefined && origins.has(parsed)) return undefined;
      return `origin ${shown(origin)} is not allowed; to allow it, add it to ${ALLOWED_ORIGINS_ENV} (comma-separated origins)`;
    },
  };
}

/** Before every route, static files included: a refused request gets 403 `{ code: 'forbidden', message }`. */
export function originGuard(policy: OriginPolicy): RequestHandler {
  return (req, res, next) => {
    const problem = policy.check(req.headers);
    if (problem === undefined) return next();
    res.status(403).json({ code: 'forbidden', message: problem });
  };
}
