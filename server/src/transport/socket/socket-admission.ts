import type { IncomingMessage } from 'node:http';
import type { ServerOptions } from 'socket.io';
import type { OriginPolicy } from '../http/origin-guard.js';
import { addressKey, type ConnectionCounter } from './address-limits.js';
import type { AppServer } from './run-handlers.js';

/**
 * The per-address connection cap. engine.io completes a handshake asynchronously after `allowRequest` says
 * yes, so an admitted handshake holds its slot from then on (else N handshakes at once would all pass);
 * the slot moves to the connection when it opens and is given back if the handshake fails instead.
 */
export interface Admission {
  allowRequest: NonNullable<ServerOptions['allowRequest']>;
  /** Call once the socket.io server exists: follows its handshakes to their connection or failure. */
  track(io: AppServer): void;
}

interface EngineSocket {
  request: IncomingMessage;
  remoteAddress: string;
  once(event: 'close', listener: () => void): void;
}

export function createAdmission(
  policy: OriginPolicy,
  connections: ConnectionCounter,
  maxPerAddress: number,
): Admission {
  const pending = new WeakMap<IncomingMessage, string>();
  return {
    allowRequest(req, callback) {
      const problem = policy.check(req.headers);
      if (problem) return callback(problem, false);
      const address = addressKey(req.socket.remoteAddress);
      if (connections.count(address) >= maxPerAddress) {
        return callback(
          `too many connections from ${address} (at most ${maxPerAddress} at once); close some tabs`,
          false,
        );
      }
      connections.opened(address);
      pending.set(req, address);
      callback(null, true);
    },
    track(io) {
      io.engine.on('connection', (raw: EngineSocket) => {
        let address = pending.get(raw.request);
        if (address === undefined) {
          address = addressKey(raw.remoteAddress);
          connections.opened(address);
        }
        pending.delete(raw.request);
        const held = address;
        raw.once('close', () => connections.closed(held));
      });
      io.engine.on('connection_error', (err: { req?: IncomingMessage }) => {
        const address = err.req ? pending.get(err.req) : undefined;
        if (address === undefined || !err.req) return;
        pending.delete(err.req);
        connections.closed(address);
      });
    },
  };
}
