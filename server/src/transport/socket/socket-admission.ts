import type { IncomingMessage } from 'node:http';
import type { ServerOptions } from 'socket.io';
import type { OriginPolicy } from '../http/origin-guard.js';
import { addressKey, type ConnectionCounter } from './address-limits.js';
import type { AppServer } from './run-handlers.js';

/**
 * The socket.io handshake check: the origin/host policy, then the per-address connection cap. It answers
 * synchronously, so engine.io completes (and counts) the handshake before the next one is checked.
 */
export function admitHandshake(
  policy: OriginPolicy,
  connections: ConnectionCounter,
  maxPerAddress: number,
): NonNullable<ServerOptions['allowRequest']> {
  return (req: IncomingMessage, callback) => {
    const problem = policy.check(req.headers);
    if (problem) return callback(problem, false);
    const address = addressKey(req.socket.remoteAddress);
    if (connections.count(address) >= maxPerAddress) {
      return callback(
        `too many connections from ${address} (at most ${maxPerAddress} at once); close some tabs`,
        false,
      );
    }
    callback(null, true);
  };
}

/** Counts engine.io connections per address, from the handshake to the close of the underlying transport. */
export function countConnections(io: AppServer, connections: ConnectionCounter): void {
  io.engine.on('connection', (raw: { remoteAddress: string; once(e: 'close', f: () => void): void }) => {
    const address = addressKey(raw.remoteAddress);
    connections.opened(address);
    raw.once('close', () => connections.closed(address));
  });
}
